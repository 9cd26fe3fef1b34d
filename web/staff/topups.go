package staff

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/audit"
	"partnerportal/web/jobs"
	"partnerportal/web/ui"
)

// topupCards are the open top-up requests of the viewer's companies, for the Requests inbox.
func topupCards(c echo.Context, rows []db.ListOpenTopupRequestsForStaffRow, loc *time.Location) []views.TopupRequestCard {
	cards := make([]views.TopupRequestCard, 0, len(rows))
	for _, r := range rows {
		quota, used := r.MessageQuota, int64(0)
		if r.MessagesUsed != nil {
			used = *r.MessagesUsed
		}
		if r.Metric == db.UsageMetricDevices {
			quota, used = r.DeviceQuota, 0
			if r.DevicesUsed != nil {
				used = int64(*r.DevicesUsed)
			}
		}
		card := views.TopupRequestCard{
			ID: r.ID, Company: r.CompanyName, CompanyURL: partnerURL(r.CompanyID),
			Service: audit.ServiceSubject(r.ModuleName, r.Environment), ServiceURL: serviceURL(r.CompanyID, r.ServiceID),
			Badge: ui.StateBadge(r.State), RequestedBy: r.RequestedByName, RequestedOn: ui.LongDate(r.CreatedAt.In(loc)),
			Asked:  ui.Count(int64(r.Amount)) + " more " + string(r.Metric),
			Reason: r.Reason, Ended: !r.TermCurrent, Amount: strconv.Itoa(int(r.Amount)), CSRF: ui.CSRFToken(c),
		}
		if quota != nil {
			card.Current = fmt.Sprintf("This term: a quota of %s %s, %s used.", ui.Count(int64(*quota)), r.Metric, ui.Count(used))
		}
		if r.ValidUntil != nil {
			card.Current += " The term ends on " + ui.LongDate(*r.ValidUntil) + "."
		}
		cards = append(cards, card)
	}
	return cards
}

type topupApproveInput struct {
	Amount string `form:"amount" validate:"required,count"`
}

type topupDeclineInput struct {
	Reason string `form:"reason" validate:"required,max=1000,multiline"`
}

// HandleApproveTopup approves a top-up with the amount given (the one asked, or another).
func HandleApproveTopup(pool *pgxpool.Pool, jq *jobs.Queue, v *validator.Validate) echo.HandlerFunc {
	return handleTopupAnswer(pool, jq, v, func(in *topupApproveInput) (db.RenewalRequestStatus, *int32, string, views.FieldErrors) {
		n, _ := strconv.ParseInt(in.Amount, 10, 64)
		if n > 1_000_000_000 {
			return "", nil, "", views.FieldErrors{"amount": "Enter at most 1,000,000,000."}
		}
		g := int32(n)
		return db.RenewalRequestStatusApproved, &g, fmt.Sprintf("Approved: %s more for this term.", ui.Count(n)), nil
	}, func(card *views.TopupRequestCard, in *topupApproveInput) { card.Amount = in.Amount })
}

// HandleDeclineTopup declines a top-up with the reason the partner will read.
func HandleDeclineTopup(pool *pgxpool.Pool, jq *jobs.Queue, v *validator.Validate) echo.HandlerFunc {
	return handleTopupAnswer(pool, jq, v, func(in *topupDeclineInput) (db.RenewalRequestStatus, *int32, string, views.FieldErrors) {
		return db.RenewalRequestStatusDeclined, nil, in.Reason, nil
	}, func(card *views.TopupRequestCard, in *topupDeclineInput) { card.Answer, card.Decline = in.Reason, true })
}

// handleTopupAnswer reads the form, answers the request in one transaction and shows the card
// in its new state; a refused form comes back in place with 422.
func handleTopupAnswer[T any](pool *pgxpool.Pool, jq *jobs.Queue, v *validator.Validate,
	decide func(*T) (db.RenewalRequestStatus, *int32, string, views.FieldErrors), refill func(*views.TopupRequestCard, *T)) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		u := ui.UserFromContext(ctx)
		id, err := ui.PathID(c, "topup")
		if err != nil {
			return err
		}
		today, now := ui.When(c).Today, ui.When(c).Now
		var in T
		errs := ui.BindForm(c, v, &in)
		var status db.RenewalRequestStatus
		var granted *int32
		var answer string
		if errs == nil {
			status, granted, answer, errs = decide(&in)
		}
		errs, err = ui.TransactForm(ctx, pool, errs, func(tq *db.Queries) error {
			return answerTopup(ctx, tq, jq, id, u.ID, today, now, status, granted, answer)
		})
		code, alert, err := changeOutcome(ctx, q, ui.When(c).Loc, errs, err)
		if err != nil {
			return err
		}
		if code == http.StatusOK {
			msg := "Answered. The partner sees your answer on My Services."
			if !ui.IsHTMX(c) {
				ui.AddFlash(ui.Sessions(c), ctx, "success", msg)
				return ui.Redirect(c, "/admin/renewals")
			}
			return ui.RenderFragment(c, code, views.TopupRequestView(views.TopupRequestCard{ID: id, Done: true, Alert: &views.Flash{Kind: "success", Text: msg}}))
		}
		renewals, cards, err := loadRequests(c, pool, today, ui.When(c).Loc)
		if err != nil {
			return err
		}
		i := -1
		for k := range cards {
			if cards[k].ID == id {
				i = k
			}
		}
		if i < 0 {
			return echo.ErrNotFound
		}
		refill(&cards[i], &in)
		cards[i].Errors, cards[i].Alert = errs, alert
		if ui.IsHTMX(c) {
			return ui.RenderFragment(c, code, views.TopupRequestView(cards[i]))
		}
		return ui.Render(c, code, "Requests", views.RenewalsView(renewals, cards))
	}
}

// answerTopup locks the request and its service (404 when not the viewer's), closes it with
// the answer — an approval raises the term's quota in the same statement — and records the
// answer and the partner's notice, all in the caller's transaction.
func answerTopup(ctx context.Context, q *db.Queries, jq *jobs.Queue, id, viewer int64, today, now time.Time,
	status db.RenewalRequestStatus, granted *int32, answer string) error {
	req, err := q.GetTopupRequestForAnswer(ctx, db.GetTopupRequestForAnswerParams{ID: id, ViewerID: viewer})
	if errors.Is(err, pgx.ErrNoRows) {
		return echo.ErrNotFound
	}
	if err != nil {
		return err
	}
	if req.Status != db.RenewalRequestStatusOpen {
		return errAnswered
	}
	before, err := q.GetServiceForChange(ctx, db.GetServiceForChangeParams{ID: req.ServiceID, CompanyID: req.CompanyID, ViewerID: viewer, Today: today})
	if err != nil {
		return err
	}
	if granted != nil {
		quota := before.MessageQuota
		if req.Metric == db.UsageMetricDevices {
			quota = before.DeviceQuota
		}
		if quota != nil && int64(*quota)+int64(*granted) > math.MaxInt32 {
			return ui.FormErrors{"amount": "That would take the quota past what a plan can hold; enter a smaller amount."}
		}
	}
	done, err := q.AnswerTopupRequest(ctx, db.AnswerTopupRequestParams{ID: id, Status: status, Granted: granted,
		Answer: &answer, AnsweredBy: &viewer, AnsweredAt: &now, Today: today})
	if errors.Is(err, pgx.ErrNoRows) {
		return ui.FormErrors{"": "The term this top-up was asked for has ended. Decline it, or renew the plan."}
	}
	if err != nil {
		return err
	}
	after, err := q.GetServiceForChange(ctx, db.GetServiceForChangeParams{ID: req.ServiceID, CompanyID: req.CompanyID, ViewerID: viewer, Today: today})
	if err != nil {
		return err
	}
	action, kind := audit.ActionTopupApprove, db.ServiceEventKindTopupApproved
	if status != db.RenewalRequestStatusApproved {
		action, kind = audit.ActionTopupDecline, db.ServiceEventKindTopupDeclined
	}
	b := map[string]any{"status": req.Status, "metric": req.Metric, "amount": req.Amount, "service": snapshotService(before)}
	a := map[string]any{"status": done.Status, "metric": req.Metric, "amount": req.Amount, "granted": done.Granted,
		"answer": answer, "service": snapshotService(after)}
	if err := audit.Write(ctx, q, now, serviceEvent(viewer, action, after, b, a)); err != nil {
		return err
	}
	return jq.Changed(ctx, q, today, now, req.CompanyID, db.CreateServiceEventParams{
		ServiceID: req.ServiceID, TermID: &req.TermID, Kind: kind, ActorID: &viewer, TopupRequestID: &id})
}
