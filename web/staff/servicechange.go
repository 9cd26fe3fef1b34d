package staff

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"partnerportal/web/audit"
	"partnerportal/web/jobs"
	"partnerportal/web/ui"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
)

// staleServiceError refuses a change made on a form older than the service: someone else
// changed it meanwhile. Current is the service as it is now.
type staleServiceError struct{ Current db.GetServiceForChangeRow }

func (e *staleServiceError) Error() string {
	return fmt.Sprintf("service %d is at version %d", e.Current.ID, e.Current.Version)
}

// serviceChange is one staff change to one service, made by applyServiceChange.
type serviceChange struct {
	Viewer          int64
	CompanyID       int64
	ServiceID       int64
	ExpectedVersion int32
	Action          string
	// Status is the service's status after the change; "" keeps it.
	Status db.ServiceStatus
	// Reason is why a service is deactivated, for staff; "" keeps the one given before.
	Reason string
	// Apply changes the service's terms, given the service as locked. What it returns is
	// recorded as the new term in the audit record's "after".
	Apply func(ctx context.Context, q *db.Queries, before db.GetServiceForChangeRow) (*termSnapshot, error)
	// Check may refuse the change once its outcome is known (the state the database computes
	// after it); the transaction is then rolled back.
	Check func(before, after db.GetServiceForChangeRow) error
}

// serviceChanged is what a change did: the service before and after it, and the term it
// added, if any.
type serviceChanged struct {
	Before, After db.GetServiceForChangeRow
	NewTerm       *termSnapshot
}

// applyServiceChange makes ch inside the caller's transaction and records it in the audit
// trail: it locks the service (404 when the viewer may not see it), refuses a stale version,
// applies the change, sets the status and bumps the version, writes the audit record with the
// service before and after, and records the events it brings (renewed, deactivated, states
// entered, purchases released or restored) with the job that tells them.
func applyServiceChange(ctx context.Context, q *db.Queries, jq *jobs.Queue, today, now time.Time, ch serviceChange) (serviceChanged, error) {
	var res serviceChanged
	key := db.GetServiceForChangeParams{ID: ch.ServiceID, CompanyID: ch.CompanyID, ViewerID: ch.Viewer, Today: today}
	// Lock first, then read in a new statement: a statement that waits for the lock sees the
	// locked row's newest version but the rest (term, usage, state) as they were when it began,
	// and a stale form's message must quote what the service is now.
	if _, err := q.GetServiceForUpdate(ctx, ch.ServiceID); err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return res, err
	}
	before, err := q.GetServiceForChange(ctx, key)
	if errors.Is(err, pgx.ErrNoRows) {
		return res, echo.ErrNotFound
	}
	if err != nil {
		return res, err
	}
	res.Before = before
	if before.Version != ch.ExpectedVersion {
		return res, &staleServiceError{Current: before}
	}
	if ch.Apply != nil {
		if res.NewTerm, err = ch.Apply(ctx, q, before); err != nil {
			return res, err
		}
	}
	status := ch.Status
	if status == "" {
		status = before.Status
	}
	// The row is locked, so the version cannot have moved since it was read; the condition
	// stays as the last guard against a lost update.
	if _, err := q.UpdateServiceStatus(ctx, db.UpdateServiceStatusParams{ID: before.ID, Status: status, Now: now, Reason: ch.Reason, ExpectedVersion: before.Version}); errors.Is(err, pgx.ErrNoRows) {
		return res, &staleServiceError{Current: before}
	} else if err != nil {
		return res, err
	}
	if res.After, err = q.GetServiceForChange(ctx, key); err != nil {
		return res, err
	}
	if ch.Check != nil {
		if err := ch.Check(before, res.After); err != nil {
			return res, err
		}
	}
	snap := snapshotService(res.After)
	snap.NewTerm = res.NewTerm
	if err := audit.Write(ctx, q, now, serviceEvent(ch.Viewer, ch.Action, before, snapshotService(before), snap)); err != nil {
		return res, err
	}
	return res, jq.Changed(ctx, q, today, now, ch.CompanyID, changeEvents(ch.Viewer, res)...)
}

// changeEvents are the events a change is itself: a renewal, or a status set.
func changeEvents(actor int64, res serviceChanged) []db.CreateServiceEventParams {
	e := db.CreateServiceEventParams{ServiceID: res.After.ID, ActorID: &actor}
	switch {
	case res.NewTerm != nil:
		e.Kind, e.TermID = db.ServiceEventKindRenewed, &res.NewTerm.ID
	case res.Before.Status == db.ServiceStatusActive && res.After.Status == db.ServiceStatusInactive:
		e.Kind = db.ServiceEventKindDeactivated
	case res.Before.Status == db.ServiceStatusInactive && res.After.Status == db.ServiceStatusActive:
		e.Kind = db.ServiceEventKindReactivated
	default:
		return nil
	}
	return []db.CreateServiceEventParams{e}
}

// renewal is what a renewal sets: the length of the new term, its cap and its quotas.
type renewal struct {
	TermMonths   int32
	CapPercent   int32
	MessageQuota *int32
	DeviceQuota  *int32
}

// renewChange is the one renewal of SPEC §3, for the renew action and for approving a
// request: a new term starting where renewal_start says (the day after the current term while
// the service is usable, else today), its usage at 0, the status active. Earlier terms stay.
// terms says what the renewal sets, given the service as locked (an approval keeps its cap
// and quotas).
func renewChange(viewer, companyID, serviceID int64, version int32, terms func(before db.GetServiceForChangeRow) (renewal, error)) serviceChange {
	return serviceChange{
		Viewer: viewer, CompanyID: companyID, ServiceID: serviceID, ExpectedVersion: version,
		Action: audit.ActionServiceRenew, Status: db.ServiceStatusActive,
		Apply: func(ctx context.Context, q *db.Queries, before db.GetServiceForChangeRow) (*termSnapshot, error) {
			r, err := terms(before)
			if err != nil {
				return nil, err
			}
			t, err := q.CreateServiceTerm(ctx, db.CreateServiceTermParams{
				ServiceID: before.ID, ValidFrom: before.RenewalFrom, TermMonths: r.TermMonths,
				CapPercent: r.CapPercent, MessageQuota: r.MessageQuota, DeviceQuota: r.DeviceQuota,
			})
			var pgErr *pgconn.PgError
			if errors.As(err, &pgErr) && pgErr.ConstraintName == "service_terms_service_from_key" {
				return nil, &ui.Error{Code: http.StatusUnprocessableEntity, Err: err,
					Message: "A term of this service already starts on " + ui.LongDate(before.RenewalFrom) + ". Change that term's cap or quotas instead."}
			}
			if err != nil {
				return nil, err
			}
			return snapshotTerm(t), nil
		},
	}
}

// termSnapshot is a term as the audit trail records a new one.
type termSnapshot struct {
	ID           int64  `json:"-"`
	ValidFrom    string `json:"valid_from"`
	ValidUntil   string `json:"valid_until"`
	TermMonths   int32  `json:"term_months"`
	CapPercent   int32  `json:"cap_percent"`
	MessageQuota *int32 `json:"message_quota,omitempty"`
	DeviceQuota  *int32 `json:"device_quota,omitempty"`
}

func snapshotTerm(t db.ServiceTerm) *termSnapshot {
	return &termSnapshot{
		ID: t.ID, ValidFrom: t.ValidFrom.Format(time.DateOnly), ValidUntil: t.ValidUntil.Format(time.DateOnly),
		TermMonths: t.TermMonths, CapPercent: t.CapPercent, MessageQuota: t.MessageQuota, DeviceQuota: t.DeviceQuota,
	}
}
