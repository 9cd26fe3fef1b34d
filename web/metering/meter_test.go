package metering_test

import (
	"context"
	"testing"
	"time"

	"partnerportal/db"
	"partnerportal/db/dbtest"
	"partnerportal/web/clock"
	"partnerportal/web/metering"
)

// TestRetentionKeepsKeysLongerThanALateReport: the sweep removes reports (and so their
// idempotency keys) only once they are older than a report may be late, and never within a day.
func TestRetentionKeepsKeysLongerThanALateReport(t *testing.T) {
	t.Parallel()
	if metering.Retention < 24*time.Hour || metering.Retention <= metering.MaxAge {
		t.Fatalf("retention %v must exceed a day and the 35 days a report may be late", metering.Retention)
	}
	ctx := context.Background()
	pool, err := db.Open(ctx, dbtest.NewDatabase(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	for key, age := range map[string]time.Duration{"yesterday": 25 * time.Hour, "a month ago": 30 * 24 * time.Hour, "long ago": metering.Retention + time.Hour} {
		if _, err := pool.Exec(ctx, `INSERT INTO usage_reports (company_id, idempotency_key, request_hash, environment, module, metric,
			quantity, source, created_at) VALUES (1, $1, 'h', 'sandbox', 'software', 'messages', 1, 'api', $2)`, key, now.Add(-age)); err != nil {
			t.Fatal(err)
		}
	}
	n, err := metering.DeleteExpired(ctx, pool, clock.NewManual(now))
	if err != nil || n != 1 {
		t.Fatalf("deleted %d (%v), want only the report from long ago", n, err)
	}
	var left int
	if err := pool.QueryRow(ctx, "SELECT count(*) FROM usage_reports").Scan(&left); err != nil || left != 2 {
		t.Errorf("%d reports kept (%v), want 2", left, err)
	}
}
