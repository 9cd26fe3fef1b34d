package api_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
)

// holdUsageKey reports key for the company in a transaction that stays open until the returned
// function rolls it back: a report of that key in flight, as another request would leave it.
func holdUsageKey(t *testing.T, pool *pgxpool.Pool, company int64, key string) func() {
	t.Helper()
	ctx := context.Background()
	tx, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `SELECT count(*) FROM record_usage($1, 'sandbox', current_date, now(), 'api', NULL, '5s',
		jsonb_build_array(jsonb_build_object('idx', 0, 'key', $2::text, 'hash', 'x', 'module', 'software',
			'metric', 'messages', 'quantity', 1)))`, company, key); err != nil {
		_ = tx.Rollback(ctx)
		t.Fatal(err)
	}
	return func() { _ = tx.Rollback(ctx) }
}
