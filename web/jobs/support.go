package jobs

import (
	"context"

	"github.com/riverqueue/river"

	"partnerportal/db"
	"partnerportal/web/audit"
)

type closeTicketsArgs struct{}

// Kind names the job in River's table.
func (closeTicketsArgs) Kind() string { return "close_resolved_tickets" }

// closeTicketsWorker closes the support tickets resolved db.TicketCloseAfter ago with no reply
// since, each recorded on its ticket and in the audit trail as the portal's doing.
type closeTicketsWorker struct {
	river.WorkerDefaults[closeTicketsArgs]
	j *Queue
}

// Work closes what is due at the portal's clock.
func (w *closeTicketsWorker) Work(ctx context.Context, _ *river.Job[closeTicketsArgs]) error {
	_, err := w.j.CloseResolvedTickets(ctx)
	return err
}

// CloseResolvedTickets closes, in one transaction, the tickets resolved a week ago (by the
// portal's clock) without a reply since, and returns how many it closed.
func (j *Queue) CloseResolvedTickets(ctx context.Context) (int, error) {
	now := j.clock.Now()
	var n int
	err := db.Transact(ctx, j.pool, func(q *db.Queries) error {
		closed, err := q.CloseResolvedTickets(ctx, db.CloseResolvedTicketsParams{Now: now, Before: now.Add(-db.TicketCloseAfter)})
		if err != nil {
			return err
		}
		n = len(closed)
		module := db.ModuleKeySupport
		for _, t := range closed {
			if err := audit.Write(ctx, q, now, audit.Event{
				CompanyID: &t.CompanyID, Module: &module, Action: audit.ActionTicketStatus,
				Subject: db.TicketTitle(t.ID, t.Subject),
				Before:  map[string]string{"status": db.TicketStatusResolved.StaffLabel()},
				After:   map[string]string{"status": db.TicketStatusClosed.StaffLabel(), "reason": "A week without a reply after it was resolved"},
			}); err != nil {
				return err
			}
		}
		return nil
	})
	return n, err
}
