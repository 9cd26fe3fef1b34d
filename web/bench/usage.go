package bench

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"
)

// Where the bare counter updates are served: under /api/, so they pass through the same
// middleware as the usage API (which takes no session).
const (
	bareUsagePath = "/api/bench/usage"
	bareBatchPath = "/api/bench/usage-batch"
	// batchSize is the number of reports in a batch, for the API and its bare counterpart alike.
	batchSize = 10
)

// bareUpdate is the conditional counter update of record_usage, alone: what counting one report
// cannot do without.
const bareUpdate = `UPDATE service_terms st SET messages_used = st.messages_used + 1
	FROM service_states($2) ss
	WHERE ss.company_id = $1 AND ss.module = 'software' AND ss.environment = 'production'
	  AND st.id = ss.term_id
	  AND state_can_use(term_state(ss.status, st, $2))
	  AND usage_fits(st.messages_used, 1, st.message_quota, st.cap_percent, 9223372036854775807)
	RETURNING st.messages_used`

// handleBareUsage runs the update once; handleBareBatch runs it batchSize times in one
// transaction and one round trip, as the batch API counts its reports in one statement.
func handleBareUsage(pool *pgxpool.Pool, company int64, today time.Time) echo.HandlerFunc {
	return func(c echo.Context) error {
		var used int64
		if err := pool.QueryRow(c.Request().Context(), bareUpdate, company, today).Scan(&used); err != nil {
			return err
		}
		return c.JSONBlob(http.StatusOK, fmt.Appendf(nil, `{"used":%d}`, used))
	}
}

func handleBareBatch(pool *pgxpool.Pool, company int64, today time.Time) echo.HandlerFunc {
	return func(c echo.Context) error {
		var used int64
		err := pgx.BeginFunc(c.Request().Context(), pool, func(tx pgx.Tx) error {
			var b pgx.Batch
			for range batchSize {
				b.Queue(bareUpdate, company, today).QueryRow(func(r pgx.Row) error { return r.Scan(&used) })
			}
			return tx.SendBatch(c.Request().Context(), &b).Close()
		})
		if err != nil {
			return err
		}
		return c.JSONBlob(http.StatusOK, fmt.Appendf(nil, `{"used":%d}`, used))
	}
}

// usageRequests makes reports with keys never used before, so every one is counted.
type usageRequests struct {
	base, key string
	next      atomic.Int64
}

func (u *usageRequests) post(path string, body []byte) (*http.Request, error) {
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, u.base+path, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if u.key != "" {
		req.Header.Set("Authorization", "Bearer "+u.key)
	}
	return req, nil
}

func (u *usageRequests) report() string {
	return fmt.Sprintf(`{"module":"software","metric":"messages","quantity":1,"idempotency_key":"bench-%d"}`, u.next.Add(1))
}

func (u *usageRequests) single() (*http.Request, error) {
	return u.post("/api/v1/usage", []byte(u.report()))
}

func (u *usageRequests) batch() (*http.Request, error) {
	parts := make([]string, batchSize)
	for i := range parts {
		parts[i] = u.report()
	}
	return u.post("/api/v1/usage/batch", []byte(`{"reports":[`+strings.Join(parts, ",")+`]}`))
}
