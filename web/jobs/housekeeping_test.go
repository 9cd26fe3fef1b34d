package jobs_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"partnerportal/web/jobs"
	"partnerportal/web/webtest"
)

// TestHousekeepingRemovesWhatHasExpiredOnly: the periodic clean-up (which the leader runs as
// soon as the jobs start) deletes expired sessions, visitors' carts whose sessions cannot exist
// any more, and usage reports past their retention; the live ones stay.
func TestHousekeepingRemovesWhatHasExpiredOnly(t *testing.T) {
	t.Parallel()
	idle := webtest.New(t) // the data first, then a portal whose jobs run on it
	ctx := context.Background()
	idle.Exec(t, `INSERT INTO sessions (token, data, expiry) VALUES
		('old', '\x00', now() - interval '1 hour'), ('live', '\x00', now() + interval '1 hour')`)
	retail := idle.ProductID(t, "Company B", "retailflow-footfall")
	idle.Exec(t, `INSERT INTO cart_lines (visitor_key, product_id, quantity, price_seen, currency_seen, added_at, updated_at)
		VALUES ('stale-visitor-key-0001', $1, 1, 79, 'EUR', now() - interval '3 days', now() - interval '2 days'),
		       ('fresh-visitor-key-0001', $1, 1, 79, 'EUR', now() - interval '1 hour', now() - interval '1 hour')`, retail)
	company := idle.CompanyID(t, "Company A")
	idle.Exec(t, `INSERT INTO usage_reports (company_id, idempotency_key, request_hash, environment, module, metric, quantity, source, created_at)
		VALUES ($1, 'old-report', 'h', 'sandbox', 'software', 'messages', 1, 'api', $2),
		       ($1, 'new-report', 'h', 'sandbox', 'software', 'messages', 1, 'api', $3)`,
		company, webtest.Start.AddDate(0, 0, -40), webtest.Start.AddDate(0, 0, -1))

	q, err := jobs.New(idle.Pool, slog.New(slog.NewTextHandler(io.Discard, nil)), idle.Clock, jobs.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stop, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		_ = q.Stop(stop)
	})
	deadline := time.Now().Add(10 * time.Second)
	for {
		var gone int
		if err := idle.Pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM sessions WHERE token = 'old')
			+ (SELECT count(*) FROM cart_lines WHERE visitor_key LIKE 'stale%')
			+ (SELECT count(*) FROM usage_reports WHERE idempotency_key = 'old-report')`).Scan(&gone); err != nil {
			t.Fatal(err)
		}
		if gone == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d expired rows are still there after 10 seconds", gone)
		}
		time.Sleep(20 * time.Millisecond)
	}
	var live int
	if err := idle.Pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM sessions WHERE token = 'live')
		+ (SELECT count(*) FROM cart_lines WHERE visitor_key LIKE 'fresh%')
		+ (SELECT count(*) FROM usage_reports WHERE idempotency_key = 'new-report')`).Scan(&live); err != nil || live != 3 {
		t.Errorf("live rows were removed (%d of 3 left, err %v)", live, err)
	}
}
