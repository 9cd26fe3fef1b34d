package web

import (
	"context"
	"partnerportal/web/ui"
	"strings"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"
)

// QueryStats is the database work one request did.
type QueryStats struct {
	RequestID string
	Method    string
	Path      string
	// Queries counts round trips to the database, the session load included.
	Queries int
	// Wrote reports whether any statement inserted, updated or deleted rows.
	Wrote bool
}

type queryCounter struct {
	queries atomic.Int64
	wrote   atomic.Bool
}

type queryCounterKey struct{}

func queryStatsFrom(ctx context.Context) *queryCounter {
	qc, _ := ctx.Value(queryCounterKey{}).(*queryCounter)
	return qc
}

// QueryTracer counts the queries of the request their context belongs to. Pass it to db.Open.
type QueryTracer struct{}

// TraceQueryStart counts one round trip, and notes a write.
func (QueryTracer) TraceQueryStart(ctx context.Context, _ *pgx.Conn, data pgx.TraceQueryStartData) context.Context {
	if qc := queryStatsFrom(ctx); qc != nil {
		qc.queries.Add(1)
		if isWrite(data.SQL) {
			qc.wrote.Store(true)
		}
	}
	return ctx
}

// TraceQueryEnd is required by pgx.QueryTracer; nothing to do.
func (QueryTracer) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// TraceBatchStart counts a batch once: its queries travel to the database in one round trip,
// which is what a page's budget limits.
func (QueryTracer) TraceBatchStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceBatchStartData) context.Context {
	if qc := queryStatsFrom(ctx); qc != nil {
		qc.queries.Add(1)
	}
	return ctx
}

// TraceBatchQuery notes a write among a batch's queries.
func (QueryTracer) TraceBatchQuery(ctx context.Context, _ *pgx.Conn, data pgx.TraceBatchQueryData) {
	if qc := queryStatsFrom(ctx); qc != nil && isWrite(data.SQL) {
		qc.wrote.Store(true)
	}
}

// TraceBatchEnd has nothing to add.
func (QueryTracer) TraceBatchEnd(context.Context, *pgx.Conn, pgx.TraceBatchEndData) {}

// isWrite looks at the first keyword after sqlc's leading "-- name:" comment.
func isWrite(sql string) bool {
	for {
		sql = strings.TrimLeft(sql, " \t\r\n")
		if !strings.HasPrefix(sql, "--") {
			break
		}
		i := strings.IndexByte(sql, '\n')
		if i < 0 {
			return false
		}
		sql = sql[i+1:]
	}
	upper := strings.ToUpper(sql)
	word, _, _ := strings.Cut(upper, " ")
	switch word {
	case "INSERT", "UPDATE", "DELETE", "MERGE":
		return true
	case "WITH": // a data-modifying CTE
		return strings.Contains(upper, "INSERT ") || strings.Contains(upper, "UPDATE ") || strings.Contains(upper, "DELETE ")
	}
	return false
}

// countQueries gives each request a counter the tracer fills, and reports it when done.
func countQueries(observe func(QueryStats)) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			qc := &queryCounter{}
			r := c.Request()
			c.SetRequest(r.WithContext(context.WithValue(r.Context(), queryCounterKey{}, qc)))
			err := next(c)
			if observe != nil {
				if err != nil {
					c.Error(err)
					err = nil
				}
				observe(QueryStats{
					RequestID: ui.RequestID(c),
					Method:    r.Method,
					Path:      r.URL.Path,
					Queries:   int(qc.queries.Load()),
					Wrote:     qc.wrote.Load(),
				})
			}
			return err
		}
	}
}
