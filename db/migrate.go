package db

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"

	"partnerportal/db/migrations"
)

// Migrate applies every pending migration: River's job tables, then the portal's own schema.
// PostgreSQL advisory locks make it safe when several servers start at once: one migrates, the
// others wait and then find nothing to do.
func Migrate(ctx context.Context, pool *pgxpool.Pool) ([]string, error) {
	applied, err := migrateRiver(ctx, pool)
	if err != nil {
		return nil, err
	}
	sqlDB := stdlib.OpenDBFromPool(pool)
	defer sqlDB.Close()
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		return nil, fmt.Errorf("migration lock: %w", err)
	}
	// Out-of-order migrations are allowed: features are built side by side, and one that lands
	// later may carry a lower number than one already applied.
	provider, err := goose.NewProvider(goose.DialectPostgres, sqlDB, migrations.FS,
		goose.WithSessionLocker(locker), goose.WithAllowOutofOrder(true))
	if err != nil {
		return nil, fmt.Errorf("load migrations: %w", err)
	}
	results, err := provider.Up(ctx)
	if err != nil {
		return nil, fmt.Errorf("apply migrations: %w", err)
	}
	for _, r := range results {
		applied = append(applied, r.Source.Path)
	}
	return applied, nil
}

// riverLock is the advisory lock key under which River's migrations run ("rivr").
const riverLock = 0x72697672

// migrateRiver brings River's tables to the version of the River module the portal is built
// with, while holding riverLock, so concurrent servers take turns. River applies each of its
// migrations in a transaction of its own (one adds an enum value that the next uses).
func migrateRiver(ctx context.Context, pool *pgxpool.Pool) ([]string, error) {
	migrator, err := rivermigrate.New(riverpgxv5.New(pool), nil)
	if err != nil {
		return nil, fmt.Errorf("river migrations: %w", err)
	}
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", riverLock); err != nil {
		return nil, fmt.Errorf("river migration lock: %w", err)
	}
	defer func() {
		// A lock that cannot be released goes with the connection.
		if _, err := conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", riverLock); err != nil {
			conn.Conn().Close(context.WithoutCancel(ctx))
		}
	}()
	res, err := migrator.Migrate(ctx, rivermigrate.DirectionUp, nil)
	if err != nil {
		return nil, fmt.Errorf("apply river migrations: %w", err)
	}
	var applied []string
	for _, v := range res.Versions {
		applied = append(applied, fmt.Sprintf("river %03d_%s", v.Version, v.Name))
	}
	return applied, nil
}
