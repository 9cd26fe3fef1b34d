package partner

import (
	"errors"
	"net/http"
	"partnerportal/web/audit"
	"partnerportal/web/jobs"
	"partnerportal/web/ui"
	"strconv"

	"github.com/go-playground/validator/v10"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

type renewalRequestForm struct {
	TermMonths string `form:"term_months" validate:"omitempty,oneof=3 6 12"`
	Message    string `form:"message" validate:"max=1000,multiline"`
}

// HandleRequestRenewal records a partner's request that its account manager renew a service.
// Renewal is the way out of a read-only module, so it is never gated by the module itself.
func HandleRequestRenewal(pool *pgxpool.Pool, jq *jobs.Queue, v *validator.Validate) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		u, id, err := ownersTarget(c, pool, "request renewals", "id")
		if err != nil {
			return err
		}
		ctx := c.Request().Context()
		svc, err := q.GetService(ctx, id)
		if errors.Is(err, pgx.ErrNoRows) || (err == nil && svc.CompanyID != *u.CompanyID) {
			return echo.ErrNotFound
		}
		if err != nil {
			return err
		}
		var f renewalRequestForm
		errs := ui.BindForm(c, v, &f)
		box := views.RenewalBox{ServiceID: id, CSRF: ui.CSRFToken(c), CanRequest: true, Message: f.Message, TermMonths: f.TermMonths}
		if errs != nil {
			// The box has one place for a message: the message's own, else the term's.
			box.Error = "Choose a term of 3, 6 or 12 months, or no preference."
			if msg, ok := errs["message"]; ok {
				box.Error = "The message: " + msg
			}
			return renewalAnswer(c, http.StatusUnprocessableEntity, box, "error", box.Error)
		}
		var term *int32
		if f.TermMonths != "" {
			n, _ := strconv.Atoi(f.TermMonths)
			t := int32(n)
			term = &t
		}
		today, now := ui.When(c).Today, ui.When(c).Now
		// The request, its audit record and the account manager's notice are written together.
		err = db.Transact(ctx, pool, func(tq *db.Queries) error {
			req, err := tq.CreateRenewalRequest(ctx, db.CreateRenewalRequestParams{
				ServiceID: id, RequestedBy: u.ID, Message: f.Message, TermMonths: term, CreatedAt: now,
			})
			if err != nil {
				return err
			}
			m, err := tq.GetModule(ctx, svc.Module)
			if err != nil {
				return err
			}
			if err := audit.Write(ctx, tq, now, audit.Event{Actor: u.ID, CompanyID: &svc.CompanyID, ServiceID: &svc.ID,
				Module: &svc.Module, Environment: svc.Environment, Action: audit.ActionRequestCreate,
				Subject: audit.ServiceSubject(m.Name, svc.Environment), After: map[string]any{"status": db.RenewalRequestStatusOpen, "term_months": term, "message": f.Message}}); err != nil {
				return err
			}
			return jq.Changed(ctx, tq, today, now, svc.CompanyID, db.CreateServiceEventParams{
				ServiceID: svc.ID, Kind: db.ServiceEventKindRenewalRequested, ActorID: &u.ID, RenewalRequestID: &req.ID})
		})
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.ConstraintName == "renewal_requests_one_open_idx" {
			box.Error = "You have already asked for this service to be renewed; your account manager will answer that request. There is no need to send another."
			return renewalAnswer(c, http.StatusUnprocessableEntity, box, "error", box.Error)
		}
		if err != nil {
			return err
		}
		box = views.RenewalBox{ServiceID: id, RequestedOn: ui.LongDate(now)}
		return renewalAnswer(c, http.StatusOK, box, "success", "Renewal requested. Your account manager will get back to you.")
	}
}

// renewalAnswer shows the renewal box in place for htmx, or a flash on My Services otherwise.
func renewalAnswer(c echo.Context, status int, box views.RenewalBox, kind, msg string) error {
	if ui.IsHTMX(c) {
		return ui.RenderFragment(c, status, views.RenewalBoxView(box))
	}
	if sm := ui.Sessions(c); sm != nil {
		ui.AddFlash(sm, c.Request().Context(), kind, msg)
	}
	return ui.Redirect(c, "/services#service-"+ui.Itoa(box.ServiceID))
}

// HandleRenewalRequests is the partner's history of renewal requests and their answers.
func HandleRenewalRequests(pool *pgxpool.Pool) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		u := ui.UserFromContext(c.Request().Context())
		rows, err := q.ListRenewalRequestsForCompany(c.Request().Context(), *u.CompanyID)
		if err != nil {
			return err
		}
		out := make([]views.RenewalRequestRow, 0, len(rows))
		for _, r := range rows {
			row := views.RenewalRequestRow{
				Service:     r.ModuleName,
				RequestedOn: ui.LongDate(r.CreatedAt),
				RequestedBy: r.RequestedByName,
				Term:        "No preference",
				Message:     r.Message,
				Status:      ui.RequestBadge(r.Status),
			}
			if r.Environment != nil {
				row.Service += " · " + string(*r.Environment)
			}
			if r.TermMonths != nil {
				row.Term = strconv.Itoa(int(*r.TermMonths)) + " months"
			}
			if r.Answer != nil {
				row.Answer = *r.Answer
			}
			if r.AnsweredAt != nil {
				row.AnsweredOn = ui.LongDate(*r.AnsweredAt)
			}
			out = append(out, row)
		}
		return ui.OK(c, "Renewal requests", views.RenewalRequestsView(out))
	}
}
