package seed

import (
	"context"
	"fmt"

	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// reserveIDs takes count ids from table's identity sequence and returns the first. The scale
// seed writes its ids itself (COPY stores identity values as given, as OVERRIDING SYSTEM VALUE
// does), so rows can name each other before any is written; the sequence moves past them, and
// the table lock keeps a concurrent insert from taking one of them meanwhile.
func reserveIDs(ctx context.Context, pool *pgxpool.Pool, table string, count int) (int64, error) {
	var first int64
	err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "LOCK TABLE "+pgx.Identifier{table}.Sanitize()+" IN EXCLUSIVE MODE"); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `SELECT setval(s, nextval(s) + $2 - 1) - $2 + 1
			FROM pg_get_serial_sequence($1, 'id') AS s`, table, int64(max(count, 1))).Scan(&first)
	})
	if err != nil {
		return 0, fmt.Errorf("reserve ids of %s: %w", table, err)
	}
	return first, nil
}

// rowSource feeds CopyFrom n rows that row builds on demand into one reused slice, so a
// million rows never sit in memory as values.
type rowSource struct {
	n, i int
	row  func(i int, vals []any)
	vals []any
}

func (s *rowSource) Next() bool             { s.i++; return s.i <= s.n }
func (s *rowSource) Values() ([]any, error) { s.row(s.i-1, s.vals); return s.vals, nil }
func (s *rowSource) Err() error             { return nil }

// copyRows COPYs n rows into table's columns.
func copyRows(ctx context.Context, pool *pgxpool.Pool, table string, columns []string, n int, row func(i int, vals []any)) error {
	if n == 0 {
		return nil
	}
	src := &rowSource{n: n, row: row, vals: make([]any, len(columns))}
	got, err := pool.CopyFrom(ctx, pgx.Identifier{table}, columns, src)
	if err != nil {
		return fmt.Errorf("copy %s: %w", table, err)
	}
	if int(got) != n {
		return fmt.Errorf("copy %s: %d rows written, %d meant", table, got, n)
	}
	return nil
}

// load writes the plan. Usage reports have no foreign keys and go from the start on their own
// connection; the rest follows the foreign keys: staff and consumers, companies, then partner
// users, services and their terms, API keys and products side by side, then what needs them.
func (p *scalePlan) load(ctx context.Context, pool *pgxpool.Pool, hash string) error {
	err := together(ctx, func(ctx context.Context) error { return p.copyUsageReports(ctx, pool) }, func(ctx context.Context) error {
		if err := p.copyUsers(ctx, pool, hash, false); err != nil {
			return err
		}
		if err := p.copyCompanies(ctx, pool); err != nil {
			return err
		}
		return together(ctx, func(ctx context.Context) error {
			if err := p.copyUsers(ctx, pool, hash, true); err != nil {
				return err
			}
			if err := p.copyServices(ctx, pool); err != nil {
				return err
			}
			if err := p.copyAPIKeys(ctx, pool); err != nil {
				return err
			}
			return p.copyAudit(ctx, pool)
		}, func(ctx context.Context) error {
			err := together(ctx,
				func(ctx context.Context) error { return p.copyProducts(ctx, pool) },
				func(ctx context.Context) error { return p.copyOrders(ctx, pool) })
			if err != nil {
				return err
			}
			return together(ctx,
				func(ctx context.Context) error { return p.copyListings(ctx, pool) },
				func(ctx context.Context) error { return p.copyOrderLines(ctx, pool) })
		})
	})
	if err != nil {
		return err
	}
	// The planner needs the tables' new sizes before the first benchmark query.
	_, err = pool.Exec(ctx, `ANALYZE users, partner_companies, services, service_terms, api_keys, products,
		listings, orders, order_lines, purchases, usage_reports, audit_events`)
	return err
}

// together runs each function on its own goroutine and returns the first error; the first
// failure cancels the others' context.
func together(ctx context.Context, fns ...func(context.Context) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var wg sync.WaitGroup
	for _, fn := range fns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := fn(ctx); err != nil {
				cancel(err)
			}
		}()
	}
	wg.Wait()
	return context.Cause(ctx)
}
