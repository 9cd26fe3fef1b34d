package partner

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/audit"
	"partnerportal/web/jobs"
	"partnerportal/web/ui"
)

type topupRequestForm struct {
	Metric string `form:"metric" validate:"required,oneof=messages devices"`
	Amount string `form:"amount" validate:"required,count"`
	Reason string `form:"reason" validate:"max=1000,multiline"`
}

// HandleRequestTopup records a partner's request for a one-off top-up of a metered plan's
// current term. Like a renewal request it is the way out of a used-up quota, so the plan's
// own state does not gate it; the request is refused once the term is over.
func HandleRequestTopup(pool *pgxpool.Pool, jq *jobs.Queue, v *validator.Validate) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		u, id, err := ownersTarget(c, pool, "request top-ups", "id")
		if err != nil {
			return err
		}
		ctx := c.Request().Context()
		svc, err := q.GetService(ctx, id)
		if errors.Is(err, pgx.ErrNoRows) || (err == nil && (svc.CompanyID != *u.CompanyID || svc.Environment == nil)) {
			return echo.ErrNotFound
		}
		if err != nil {
			return err
		}
		var f topupRequestForm
		errs := ui.BindForm(c, v, &f)
		box := views.TopupBox{ServiceID: id, CSRF: ui.CSRFToken(c), CanRequest: true, Metric: f.Metric, Amount: f.Amount, Reason: f.Reason}
		box.Metrics = []views.Option{{Value: "messages", Label: "Messages"}, {Value: "devices", Label: "Devices"}}
		if n, perr := strconv.ParseInt(f.Amount, 10, 64); errs == nil && perr == nil && n > 1_000_000_000 {
			errs = views.FieldErrors{"amount": "Enter at most 1,000,000,000."}
		}
		if errs != nil {
			box.Errors = errs
			return topupAnswer(c, http.StatusUnprocessableEntity, box, "error", "Check the top-up request.")
		}
		amount, _ := strconv.Atoi(f.Amount)
		today, now := ui.When(c).Today, ui.When(c).Now
		err = db.Transact(ctx, pool, func(tq *db.Queries) error {
			req, err := tq.CreateTopupRequest(ctx, db.CreateTopupRequestParams{
				Metric: db.UsageMetric(f.Metric), Amount: int32(amount), Reason: f.Reason, RequestedBy: u.ID,
				CreatedAt: now, Today: today, ServiceID: id, CompanyID: *u.CompanyID,
			})
			if errors.Is(err, pgx.ErrNoRows) {
				return ui.FormErrors{"": "This plan cannot take a top-up of " + f.Metric + " now: its term is over or it does not count them. Request a renewal instead."}
			}
			if err != nil {
				return err
			}
			m, err := tq.GetModule(ctx, svc.Module)
			if err != nil {
				return err
			}
			if err := audit.Write(ctx, tq, now, audit.Event{Actor: u.ID, CompanyID: &svc.CompanyID, ServiceID: &svc.ID,
				Module: &svc.Module, Environment: svc.Environment, Action: audit.ActionTopupCreate,
				Subject: audit.ServiceSubject(m.Name, svc.Environment),
				After:   map[string]any{"status": req.Status, "metric": req.Metric, "amount": req.Amount, "reason": req.Reason}}); err != nil {
				return err
			}
			return jq.Changed(ctx, tq, today, now, svc.CompanyID, db.CreateServiceEventParams{
				ServiceID: svc.ID, TermID: &req.TermID, Kind: db.ServiceEventKindTopupRequested, ActorID: &u.ID, TopupRequestID: &req.ID})
		})
		var fe ui.FormErrors
		var pgErr *pgconn.PgError
		switch {
		case errors.As(err, &fe):
			box.Errors = views.FieldErrors(fe)
			return topupAnswer(c, http.StatusUnprocessableEntity, box, "error", fe[""])
		case errors.As(err, &pgErr) && pgErr.ConstraintName == "topup_requests_one_open_idx":
			box.Errors = views.FieldErrors{"": "You have already asked for a top-up of " + f.Metric + " on this plan; your account manager will answer that request."}
			return topupAnswer(c, http.StatusUnprocessableEntity, box, "error", box.Errors[""])
		case err != nil:
			return err
		}
		box = views.TopupBox{ServiceID: id, Open: []string{ui.Count(int64(amount)) + " " + f.Metric + " on " + ui.LongDate(now)},
			Alert: &views.Flash{Kind: "success", Text: "Top-up requested. Your account manager will get back to you."}}
		return topupAnswer(c, http.StatusOK, box, "success", box.Alert.Text)
	}
}

// topupAnswer shows the top-up box in place for htmx, or a flash on My Services otherwise.
func topupAnswer(c echo.Context, status int, box views.TopupBox, kind, msg string) error {
	if ui.IsHTMX(c) {
		return ui.RenderFragment(c, status, views.TopupBoxView(box))
	}
	if sm := ui.Sessions(c); sm != nil && msg != "" {
		ui.AddFlash(sm, c.Request().Context(), kind, msg)
	}
	return ui.Redirect(c, "/services#service-"+ui.Itoa(box.ServiceID))
}

// topupBox is the top-up part of a plan's card: the requests waiting, and the form while the
// term is not over (until its grace has ended) and the plan meters something.
func topupBox(r db.ListCompanyServicesRow, open []db.ListOpenTopupsForCompanyRow, csrf string, today time.Time) *views.TopupBox {
	if !r.Metered || r.ServiceID == nil {
		return nil
	}
	box := &views.TopupBox{ServiceID: *r.ServiceID, CSRF: csrf}
	if r.MessageQuota != nil {
		box.Metrics = append(box.Metrics, views.Option{Value: "messages", Label: "Messages"})
	}
	if r.DeviceQuota != nil {
		box.Metrics = append(box.Metrics, views.Option{Value: "devices", Label: "Devices"})
	}
	for _, o := range open {
		if o.ServiceID == *r.ServiceID {
			box.Open = append(box.Open, ui.Count(int64(o.Amount))+" "+string(o.Metric)+" on "+ui.LongDate(o.CreatedAt))
		}
	}
	box.CanRequest = len(box.Metrics) > 0 && r.State.CanView() && r.ExpiredFrom != nil && today.Before(*r.ExpiredFrom)
	if len(box.Metrics) == 0 && len(box.Open) == 0 {
		return nil
	}
	return box
}
