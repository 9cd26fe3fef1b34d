package dbtest

import (
	"context"
	"testing"
)

func TestNewGivesEachTestItsOwnMigratedDatabase(t *testing.T) {
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
