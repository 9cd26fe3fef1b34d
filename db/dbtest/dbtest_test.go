package dbtest

import (
	"context"
	"fmt"
	"partnerportal/db"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
)

func TestNewGivesEachTestItsOwnMigratedDatabase(t *testing.T) {
	t.Parallel()
	a, b := New(t), New(t)
	ctx := context.Background()
	var nameA, nameB string
	if err := a.QueryRow(ctx, "SELECT current_database()").Scan(&nameA); err != nil {
		t.Fatal(err)
	}
	if err := b.QueryRow(ctx, "SELECT current_database()").Scan(&nameB); err != nil {
		t.Fatal(err)
	}
	if nameA == nameB {
		t.Fatalf("two calls gave the same database %q", nameA)
	}
	if _, err := a.Exec(ctx, "INSERT INTO partner_companies (name, is_hardware) VALUES ('Only in A', true)"); err != nil {
		t.Fatalf("migrated schema missing in a fresh database: %v", err)
	}
	var n int
	if err := b.QueryRow(ctx, "SELECT count(*) FROM partner_companies WHERE name = 'Only in A'").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("a row written in one test database is visible in another")
	}
}

// TestTestsStartingTogetherEachGetAMigratedDatabase: parallel tests build the template at most
// once and clone it in turn under its lock (CREATE DATABASE refuses a template that another
// session is connected to, as the one building it is).
func TestTestsStartingTogetherEachGetAMigratedDatabase(t *testing.T) {
	t.Parallel()
	names := make([]string, 6)
	t.Run("clones", func(t *testing.T) {
		for i := range names {
			t.Run(fmt.Sprint(i), func(t *testing.T) {
				t.Parallel()
				var migrated bool
				err := New(t).QueryRow(context.Background(), "SELECT current_database(), to_regclass('partner_companies') IS NOT NULL").Scan(&names[i], &migrated)
				if err != nil || !migrated {
					t.Fatalf("clone %d: migrated %v, err %v", i, migrated, err)
				}
			})
		}
	})
	seen := map[string]bool{}
	for _, n := range names {
		seen[n] = true
	}
	if len(seen) != len(names) {
		t.Errorf("%d clones had %d different databases: %q", len(names), len(seen), names)
	}
}

// TestNewTemplateGivesClonesItsData: what fill stores is in every clone, a clone's writes stay
// in it, and drop removes the template.
func TestNewTemplateGivesClonesItsData(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	name, drop, err := NewTemplate(ctx, func(ctx context.Context, url string) error {
		pool, err := db.Open(ctx, url, nil)
		if err != nil {
			return err
		}
		defer pool.Close()
		_, err = pool.Exec(ctx, "INSERT INTO partner_companies (name, is_hardware) VALUES ('From the template', true)")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = drop() }) // if the test stops early; dropping twice is harmless
	count := func(pool *pgxpool.Pool, company string) int {
		var n int
		if err := pool.QueryRow(ctx, "SELECT count(*) FROM partner_companies WHERE name = $1", company).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	a, b := openClone(t, name), openClone(t, name)
	if count(a, "From the template") != 1 || count(b, "From the template") != 1 {
		t.Error("a clone lacks the template's row")
	}
	if _, err := a.Exec(ctx, "INSERT INTO partner_companies (name, is_hardware) VALUES ('Only in A', true)"); err != nil {
		t.Fatal(err)
	}
	if count(b, "Only in A") != 0 {
		t.Error("a row written in one clone is visible in another")
	}

	if err := drop(); err != nil {
		t.Fatalf("drop: %v", err)
	}
	var left bool
	if err := a.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&left); err != nil || left {
		t.Errorf("template %s still there after drop (err %v)", name, err)
	}
}

func openClone(t *testing.T, template string) *pgxpool.Pool {
	t.Helper()
	pool, err := db.Open(context.Background(), NewDatabaseFrom(t, template), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	return pool
}
