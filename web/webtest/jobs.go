package webtest

import (
	"context"
	"testing"
	"time"
)

// Sweep runs the day's sweep at the test clock and, in a portal made by NewWithJobs, waits
// until what it recorded is told.
func (e *Env) Sweep(t testing.TB) {
	t.Helper()
	if _, err := e.Jobs.Sweep(context.Background()); err != nil {
		t.Fatalf("sweep: %v", err)
	}
	e.Settle(t)
}

// Settle waits until every service and purchase event is delivered as notices and no e-mail
// waits to be sent. Only a portal made by NewWithJobs gets there.
func (e *Env) Settle(t testing.TB) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		var waiting int
		if err := e.Pool.QueryRow(context.Background(), `SELECT
			(SELECT count(*) FROM service_events WHERE delivered_at IS NULL) +
			(SELECT count(*) FROM purchase_events WHERE delivered_at IS NULL) +
			(SELECT count(*) FROM mail_messages WHERE status = 'queued')`).Scan(&waiting); err != nil {
			t.Fatal(err)
		}
		if waiting == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d events or e-mails still wait after 15 seconds", waiting)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
