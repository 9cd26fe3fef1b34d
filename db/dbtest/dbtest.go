// Package dbtest gives tests their own PostgreSQL database, cloned from a template migrated
// from the same files the binary embeds. The server comes from DATABASE_URL (make test sets
// it); without one the test fails, it never skips.
package dbtest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"partnerportal/db"
	"partnerportal/db/migrations"
)

// NewDatabase creates a fresh, migrated database for t, dropped when t ends, and returns its URL.
func NewDatabase(t testing.TB) string {
	t.Helper()
	return NewDatabaseFrom(t, "")
}

// NewDatabaseFrom is NewDatabase cloned from a template that NewTemplate made; "" stands for
// the migrated template itself.
func NewDatabaseFrom(t testing.TB, template string) string {
	t.Helper()
	base := baseURL(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	name := "portal_test_" + randomHex(6)
	err := withTemplate(ctx, base, func(admin *pgx.Conn, migrated string) error {
		if template == "" {
			template = migrated
		}
		if _, err := admin.Exec(ctx, fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, template)); err != nil {
			return fmt.Errorf("create test database: %w", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	dropWhenDone(t, base, name)
	return withDatabase(t, base, name)
}

// NewTemplate makes a template for NewDatabaseFrom: a copy of the migrated database into which
// fill, given its URL, puts what every clone starts with. fill must close its connections, as
// CREATE DATABASE refuses a template in use. The template outlives any one test, so the caller
// drops it when the last clone has been made (from TestMain, say).
func NewTemplate(ctx context.Context, fill func(ctx context.Context, url string) error) (name string, drop func() error, err error) {
	base := os.Getenv("DATABASE_URL")
	if base == "" {
		return "", nil, errors.New(noDatabaseURL)
	}
	name = "portal_test_tpl_" + randomHex(6)
	err = withTemplate(ctx, base, func(admin *pgx.Conn, migrated string) error {
		_, err := admin.Exec(ctx, fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, migrated))
		return err
	})
	if err != nil {
		return "", nil, err
	}
	drop = func() error { return dropDatabase(base, name) }
	u, err := databaseURL(base, name)
	if err == nil {
		err = fill(ctx, u)
	}
	if err != nil {
		_ = drop() // the error that matters is fill's
		return "", nil, err
	}
	return name, drop, nil
}

// withTemplate runs f with a connection to the server and the name of the migrated template,
// built first if needed, under a lock that one process at a time holds: CREATE DATABASE refuses
// a template that another session is using, as the one building it does.
func withTemplate(ctx context.Context, base string, f func(admin *pgx.Conn, migrated string) error) error {
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		return fmt.Errorf("connect to DATABASE_URL: %w (is PostgreSQL running? `make db-start`)", err)
	}
	defer admin.Close(context.Background())
	tpl, lockID := templateName()
	if _, err := admin.Exec(ctx, "SELECT pg_advisory_lock($1)", lockID); err != nil {
		return fmt.Errorf("lock template: %w", err)
	}
	defer admin.Exec(context.Background(), "SELECT pg_advisory_unlock($1)", lockID) //nolint:errcheck
	if err := ensureTemplate(ctx, admin, base, tpl); err != nil {
		return fmt.Errorf("build template database: %w", err)
	}
	return f(admin, tpl)
}

// NewEmptyDatabase creates a database with no schema at all, dropped when t ends, for tests
// of the migrations themselves.
func NewEmptyDatabase(t testing.TB) string {
	t.Helper()
	base := baseURL(t)
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connect to DATABASE_URL: %v", err)
	}
	defer admin.Close(ctx)
	name := "portal_test_" + randomHex(6)
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create empty database: %v", err)
	}
	dropWhenDone(t, base, name)
	return withDatabase(t, base, name)
}

const noDatabaseURL = "DATABASE_URL is not set: run the tests with `make test`, which starts a local PostgreSQL"

func baseURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv("DATABASE_URL")
	if base == "" {
		t.Fatal(noDatabaseURL)
	}
	return base
}

func dropWhenDone(t testing.TB, base, name string) {
	t.Cleanup(func() {
		if err := dropDatabase(base, name); err != nil {
			t.Errorf("drop test database: %v", err)
		}
	})
}

func dropDatabase(base, name string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := pgx.Connect(ctx, base)
	if err != nil {
		return err
	}
	defer c.Close(ctx)
	_, err = c.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	return err
}

// New returns a pool on a fresh database for t, closed when t ends.
func New(t testing.TB) *pgxpool.Pool {
	t.Helper()
	pool, err := db.Open(context.Background(), NewDatabase(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	return pool
}

// templateName names the template after the migrations' content, so a changed migration
// gets a new template instead of a stale one.
func templateName() (string, int64) {
	h := sha256.New()
	_ = fs.WalkDir(migrations.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := migrations.FS.ReadFile(p)
		h.Write([]byte(p))
		h.Write(b)
		return err
	})
	sum := h.Sum(nil)
	return "portal_tpl_" + hex.EncodeToString(sum[:6]), int64(binary.BigEndian.Uint64(sum[:8]))
}

func ensureTemplate(ctx context.Context, admin *pgx.Conn, base, tpl string) error {
	var exists bool
	if err := admin.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", tpl).Scan(&exists); err != nil {
		return err
	}
	if exists {
		return nil
	}
	// Build under a temporary name and rename at the end, so a failed migration never leaves
	// a half-built template behind.
	building := tpl + "_building"
	if _, err := admin.Exec(ctx, "DROP DATABASE IF EXISTS "+building+" WITH (FORCE)"); err != nil {
		return err
	}
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+building); err != nil {
		return err
	}
	u, err := databaseURL(base, building)
	if err != nil {
		return err
	}
	pool, err := db.Open(ctx, u, nil)
	if err != nil {
		return err
	}
	_, err = db.Migrate(ctx, pool)
	pool.Close()
	if err != nil {
		return err
	}
	_, err = admin.Exec(ctx, fmt.Sprintf("ALTER DATABASE %s RENAME TO %s", building, tpl))
	return err
}

func withDatabase(t testing.TB, base, name string) string {
	u, err := databaseURL(base, name)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// databaseURL is base pointing at another database on the same server, every other setting kept.
func databaseURL(base, name string) (string, error) {
	if strings.HasPrefix(base, "postgres://") || strings.HasPrefix(base, "postgresql://") {
		u, err := url.Parse(base)
		if err != nil {
			return "", fmt.Errorf("parse DATABASE_URL: %w", err)
		}
		u.Path = "/" + name
		return u.String(), nil
	}
	// keyword/value form: a later dbname overrides an earlier one
	return base + " dbname=" + name, nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
