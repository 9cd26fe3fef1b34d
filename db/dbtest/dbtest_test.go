package dbtest

import (
	"context"
	"fmt"
	"testing"
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
