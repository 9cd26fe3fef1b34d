package staff

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"partnerportal/web/audit"
	"partnerportal/web/jobs"
	"partnerportal/web/ui"
	"strings"
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

// errAnswered refuses an answer to a request that someone answered meanwhile.
var errAnswered = &ui.Error{Code: http.StatusConflict, Message: "This request has been answered already; reload the page to see the answer."}

// HandleRenewalRequestsStaff is the Requests inbox: the open renewal and top-up requests of
// the viewer's companies.
func HandleRenewalRequestsStaff(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		cards, topups, err := loadRequests(c, pool, ui.When(c).Today, ui.When(c).Loc)
		if err != nil {
			return err
		}
		return ui.OK(c, "Requests", views.RenewalsView(cards, topups))
	}
}

// loadRequests reads the open renewal and top-up requests the viewer may answer, in one batch.
func loadRequests(c echo.Context, pool db.Batcher, today time.Time, loc *time.Location) ([]views.RenewalRequestCard, []views.TopupRequestCard, error) {
	u := ui.UserFromContext(c.Request().Context())
	var renewals []db.ListOpenRenewalRequestsForStaffRow
	var topups []db.ListOpenTopupRequestsForStaffRow
	var b db.Batch
	db.Queue(&b, &renewals, (*db.Queries).ListOpenRenewalRequestsForStaff, db.ListOpenRenewalRequestsForStaffParams{ViewerID: u.ID, Today: today})
	db.Queue(&b, &topups, (*db.Queries).ListOpenTopupRequestsForStaff, db.ListOpenTopupRequestsForStaffParams{ViewerID: u.ID, Today: today})
	if err := b.Send(c.Request().Context(), pool); err != nil {
		return nil, nil, err
	}
	return renewalCards(c, renewals, loc), topupCards(c, topups, loc), nil
}

func renewalCards(c echo.Context, rows []db.ListOpenRenewalRequestsForStaffRow, loc *time.Location) []views.RenewalRequestCard {
	cards := make([]views.RenewalRequestCard, 0, len(rows))
	for _, r := range rows {
		card := views.RenewalRequestCard{
			ID: r.ID, Company: r.CompanyName, CompanyURL: partnerURL(r.CompanyID),
			Service: audit.ServiceSubject(r.ModuleName, r.Environment), ServiceURL: serviceURL(r.CompanyID, r.ServiceID),
			Badge: ui.StateBadge(r.State), RequestedBy: r.RequestedByName, RequestedOn: ui.LongDate(r.CreatedAt.In(loc)),
			Message: r.Message, Wish: ui.Capitalize(wishedTerm(r.TermMonths)), StartsOn: ui.LongDate(r.RenewalFrom),
			Version: r.Version, TermMonths: "6", CSRF: ui.CSRFToken(c),
		}
		if r.ValidUntil != nil {
			card.Current = fmt.Sprintf("Current term: %d months, valid until %s.", *r.CurrentTermMonths, ui.LongDate(*r.ValidUntil))
			card.TermMonths = ui.Itoa(int64(*r.CurrentTermMonths))
		}
		if r.TermMonths != nil {
			card.TermMonths = ui.Itoa(int64(*r.TermMonths))
		}
		cards = append(cards, card)
	}
	return cards
}

type approveInput struct {
	Version    string `form:"version" validate:"required,number"`
	TermMonths string `form:"term_months" validate:"required,oneof=3 6 12"`
}

type declineInput struct {
	Reason string `form:"reason" validate:"required,max=1000,multiline"`
}

// requestAnswer is approving or declining a request: its form (T, read with ui.BindForm), how
// a refused form goes back
// into the card, and what the answer does besides closing the request.
type requestAnswer[T any] struct {
	Status db.RenewalRequestStatus
	Action string
	Refill func(card *views.RenewalRequestCard, in T, errs views.FieldErrors)
	// Act returns the answer the partner reads.
	Act func(ctx context.Context, q *db.Queries, jq *jobs.Queue, req db.GetRenewalRequestForAnswerRow, viewer int64, today, now time.Time, in T) (string, error)
	// Event is what the partner is told of the answer.
	Event db.ServiceEventKind
}

// ApproveAnswer renews the service with the chosen term, its cap and quotas carried over.
var ApproveAnswer = requestAnswer[approveInput]{
	Status: db.RenewalRequestStatusApproved, Action: audit.ActionRequestApprove,
	Refill: func(card *views.RenewalRequestCard, in approveInput, errs views.FieldErrors) {
		card.TermMonths, card.Errors = in.TermMonths, errs
	},
	Event: db.ServiceEventKindRenewalApproved,
	Act: func(ctx context.Context, q *db.Queries, jq *jobs.Queue, req db.GetRenewalRequestForAnswerRow, viewer int64, today, now time.Time, in approveInput) (string, error) {
		term := ui.Atoi32(in.TermMonths)
		res, err := applyServiceChange(ctx, q, jq, today, now, renewChange(viewer, req.CompanyID, req.ServiceID, ui.Atoi32(in.Version),
			func(before db.GetServiceForChangeRow) (renewal, error) {
				// a top-up ends with its term: the new one gets the granted quotas
				r := renewal{TermMonths: term, MessageQuota: before.GrantedMessageQuota, DeviceQuota: before.GrantedDeviceQuota}
				if before.CapPercent != nil {
					r.CapPercent = *before.CapPercent
				}
				return r, nil
			}))
		if err != nil {
			return "", err
		}
		from, _ := time.Parse(time.DateOnly, res.NewTerm.ValidFrom)
		until, _ := time.Parse(time.DateOnly, res.NewTerm.ValidUntil)
		return fmt.Sprintf("Renewed for %d months from %s to %s.", term, ui.LongDate(from), ui.LongDate(until)), nil
	},
}

// DeclineAnswer closes the request with the reason given.
var DeclineAnswer = requestAnswer[declineInput]{
	Status: db.RenewalRequestStatusDeclined, Action: audit.ActionRequestDecline,
	Refill: func(card *views.RenewalRequestCard, in declineInput, errs views.FieldErrors) {
		card.Reason, card.Errors, card.DeclineOpen = in.Reason, errs, true
	},
	Event: db.ServiceEventKindRenewalDeclined,
	Act: func(_ context.Context, _ *db.Queries, _ *jobs.Queue, _ db.GetRenewalRequestForAnswerRow, _ int64, _, _ time.Time, in declineInput) (string, error) {
		return in.Reason, nil
	},
}

// HandleAnswerRenewal approves or declines a request: read the form, lock the request, act,
// close the request with the answer and record it, then show the card in its new state.
func HandleAnswerRenewal[T any](pool *pgxpool.Pool, jq *jobs.Queue, v *validator.Validate, a requestAnswer[T]) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		u := ui.UserFromContext(ctx)
		id, err := ui.PathID(c, "rid")
		if err != nil {
			return err
		}
		today, now := ui.When(c).Today, ui.When(c).Now
		var in T
		var msg string
		errs, err := ui.TransactForm(ctx, pool, ui.BindForm(c, v, &in), func(tq *db.Queries) (err error) {
			msg, err = answerRenewal(ctx, tq, jq, id, u.ID, today, now, a, in)
			return err
		})
		status, alert, err := changeOutcome(ctx, q, ui.When(c).Loc, errs, err)
		if err != nil {
			return err
		}
		if status == http.StatusOK {
			if !ui.IsHTMX(c) {
				ui.AddFlash(ui.Sessions(c), ctx, "success", msg)
				return ui.Redirect(c, "/admin/renewals")
			}
			return ui.RenderFragment(c, status, views.RenewalRequestView(views.RenewalRequestCard{ID: id, Done: true, Alert: &views.Flash{Kind: "success", Text: msg}}))
		}
		cards, topups, err := loadRequests(c, pool, today, ui.When(c).Loc)
		if err != nil {
			return err
		}
		i := findCard(cards, id)
		if i < 0 {
			return echo.ErrNotFound
		}
		a.Refill(&cards[i], in, errs)
		cards[i].Alert = alert
		if ui.IsHTMX(c) {
			return ui.RenderFragment(c, status, views.RenewalRequestView(cards[i]))
		}
		return ui.Render(c, status, "Requests", views.RenewalsView(cards, topups))
	}
}

// answerRenewal locks the request (404 when not the viewer's), acts and closes it with the
// answer, and records the answer, all in the caller's transaction.
//
// It returns the confirmation the account manager reads: the company, the service and the
// answer (for an approval, the new term).
func answerRenewal[T any](ctx context.Context, q *db.Queries, jq *jobs.Queue, id, viewer int64, today, now time.Time, a requestAnswer[T], in T) (string, error) {
	req, err := q.GetRenewalRequestForAnswer(ctx, db.GetRenewalRequestForAnswerParams{ID: id, ViewerID: viewer})
	if errors.Is(err, pgx.ErrNoRows) {
		return "", echo.ErrNotFound
	}
	if err != nil {
		return "", err
	}
	if req.Status != db.RenewalRequestStatusOpen {
		return "", errAnswered
	}
	answer, err := a.Act(ctx, q, jq, req, viewer, today, now, in)
	if err != nil {
		return "", err
	}
	done, err := q.AnswerRenewalRequest(ctx, db.AnswerRenewalRequestParams{ID: id, Status: a.Status, Answer: &answer, AnsweredBy: &viewer, AnsweredAt: &now})
	if errors.Is(err, pgx.ErrNoRows) {
		return "", errAnswered
	}
	if err != nil {
		return "", err
	}
	svc, err := q.GetServiceForChange(ctx, db.GetServiceForChangeParams{ID: req.ServiceID, CompanyID: req.CompanyID, ViewerID: viewer, Today: today})
	if err != nil {
		return "", err
	}
	before := map[string]any{"status": req.Status, "term_months": req.TermMonths, "message": req.Message}
	after := map[string]any{"status": done.Status, "term_months": req.TermMonths, "message": req.Message, "answer": answer}
	if err := audit.Write(ctx, q, now, serviceEvent(viewer, a.Action, svc, before, after)); err != nil {
		return "", err
	}
	format := "Approved for %s, %s: %s."
	if a.Status == db.RenewalRequestStatusDeclined {
		format = "Declined for %s, %s. Your reason: %s."
	}
	confirm := fmt.Sprintf(format, req.CompanyName, audit.ServiceSubject(svc.ModuleName, svc.Environment), strings.TrimSuffix(answer, ".")) +
		" The partner sees it on My Services."
	return confirm, jq.Changed(ctx, q, today, now, req.CompanyID, db.CreateServiceEventParams{
		ServiceID: req.ServiceID, Kind: a.Event, ActorID: &viewer, RenewalRequestID: &id})
}

func findCard(cards []views.RenewalRequestCard, id int64) int {
	for i := range cards {
		if cards[i].ID == id {
			return i
		}
	}
	return -1
}
