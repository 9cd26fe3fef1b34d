package db

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Open connects a pool to url and checks that the database answers. tracer, when not nil,
// sees every query (the server counts round trips per request with it).
func Open(ctx context.Context, url string, tracer pgx.QueryTracer) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("parse DATABASE_URL: %w", err)
	}
	if tracer != nil {
		cfg.ConnConfig.Tracer = tracer
	}
	cfg.MaxConnIdleTime = 5 * time.Minute
	// Prepared statements keep one generic plan. With the default, PostgreSQL planned most
	// of the portal's queries again on every execution (their custom plans looked cheaper than
	// the generic one, by less than the planning cost): a custom plan of a page's query cost
	// more than running it. The queries are written for generic plans (the states are inlined
	// set-wise, filters are explicit), so nothing is lost by it.
	if _, ok := cfg.ConnConfig.RuntimeParams["plan_cache_mode"]; !ok {
		cfg.ConnConfig.RuntimeParams["plan_cache_mode"] = "force_generic_plan"
	}
	// Requests are many and short: parallel workers, which PostgreSQL starts for a query over
	// tens of thousands of rows (the Hub's index), cost more to start than they save when every
	// core is already serving another request.
	if _, ok := cfg.ConnConfig.RuntimeParams["max_parallel_workers_per_gather"]; !ok {
		cfg.ConnConfig.RuntimeParams["max_parallel_workers_per_gather"] = "0"
	}
	// A database that does not answer (a network cut, not a refusal) must not hold requests
	// for minutes: they are answered "unavailable" instead (web/errors.go).
	if cfg.ConnConfig.ConnectTimeout == 0 {
		cfg.ConnConfig.ConnectTimeout = 5 * time.Second
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connect to the database: %w", err)
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := pool.Ping(pingCtx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect to the database: %w", err)
	}
	return pool, nil
}

// Transact runs fn inside one transaction: committed when fn returns nil, rolled back otherwise
// (and when fn panics), so a change that spans rows is stored whole or not at all.
func Transact(ctx context.Context, pool *pgxpool.Pool, fn func(q *Queries) error) (err error) {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback(ctx)
			panic(p)
		}
		if err != nil {
			_ = tx.Rollback(ctx)
		}
	}()
	if err = fn(New(tx)); err != nil {
		return err
	}
	if err = tx.Commit(ctx); err != nil {
		return fmt.Errorf("commit transaction: %w", err)
	}
	return nil
}
