package jobs_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"partnerportal/web/webtest"
)

// TestResolvedTicketsCloseAfterAWeekWithoutAReply: the demo's resolved ticket (resolved two
// days before the test's start, at 10:00) closes a week after it was resolved, not a minute
// earlier, and once; it is recorded on the ticket and in the audit trail as the portal's. A
// reply after the resolution starts the week again.
func TestResolvedTicketsCloseAfterAWeekWithoutAReply(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ctx := context.Background()
	resolvedAt := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	closeAll := func(at time.Time) int {
		t.Helper()
		env.Clock.Set(at)
		n, err := env.Jobs.CloseResolvedTickets(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	// a second resolved ticket, answered after its resolution
	env.Exec(t, `UPDATE support_tickets SET status = 'resolved', resolved_at = $1, last_reply_at = $2, waiting_since = NULL
		WHERE subject LIKE 'How do we raise%'`, resolvedAt, resolvedAt.Add(48*time.Hour))

	if n := closeAll(resolvedAt.Add(7*24*time.Hour - time.Minute)); n != 0 {
		t.Errorf("a minute early, %d tickets closed", n)
	}
	if n := closeAll(resolvedAt.Add(7 * 24 * time.Hour)); n != 1 {
		t.Errorf("a week after the resolution, %d tickets closed, want 1", n)
	}
	if n := closeAll(resolvedAt.Add(8 * 24 * time.Hour)); n != 0 {
		t.Errorf("run again a day later, %d tickets closed, want 0", n)
	}
	if n := closeAll(resolvedAt.Add(9 * 24 * time.Hour)); n != 1 {
		t.Errorf("a week after the later reply, %d tickets closed, want 1", n)
	}
	var events, audits, closed int
	if err := env.Pool.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM support_events WHERE kind = 'status' AND status = 'closed' AND actor_id IS NULL AND at > $1),
		(SELECT count(*) FROM audit_events WHERE action = 'ticket.status' AND actor_id IS NULL AND after->>'status' = 'Closed'),
		(SELECT count(*) FROM support_tickets WHERE status = 'closed' AND resolved_at IS NULL AND closed_at IS NOT NULL)`, resolvedAt).Scan(&events, &audits, &closed); err != nil {
		t.Fatal(err)
	}
	if events != 2 || audits != 2 || closed != 3 {
		t.Errorf("%d closing events, %d audit entries, %d closed tickets; want 2, 2 and 3 (the demo's closed one too)", events, audits, closed)
	}
	// the audit log names the portal as who closed them
	if got := env.SignedIn(t, webtest.AccountManager).Get(t, "/admin/audit?action=ticket.status").Body; !strings.Contains(got, "The portal") {
		t.Error("the audit log does not show the portal's closings")
	}
}
