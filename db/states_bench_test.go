package db_test

import (
	"context"
	"testing"
	"time"

	"partnerportal/db"
	"partnerportal/db/dbtest"
	"partnerportal/db/seed"
)

type plainHasher struct{}

func (plainHasher) Hash(p string) string { return "plain:" + p }

// BenchmarkServiceStates reads the states of a company's services as every signed-in request
// does (company_access, for the navigation and the gate) and as My Services does
// (ListCompanyServices), on the demo's Company A.
//
//	go test -run='^$' -bench=ServiceStates -benchmem ./db/
func BenchmarkServiceStates(b *testing.B) {
	pool := dbtest.New(b)
	ctx := context.Background()
	today := time.Now().UTC().Truncate(24 * time.Hour)
	if _, err := seed.Demo(ctx, pool, plainHasher{}, today); err != nil {
		b.Fatal(err)
	}
	var company int64
	if err := pool.QueryRow(ctx, "SELECT id FROM partner_companies WHERE name = 'Company A'").Scan(&company); err != nil {
		b.Fatal(err)
	}
	q := db.New(pool)
	b.Run("company_access", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			rows, err := pool.Query(ctx, "SELECT * FROM company_access($1, $2)", company, today)
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			for rows.Next() {
				n++
			}
			if rows.Err() != nil || n != 7+3 {
				b.Fatalf("company_access: %d rows (%v), want 10", n, rows.Err())
			}
		}
	})
	b.Run("ListCompanyServices", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			rows, err := q.ListCompanyServices(ctx, db.ListCompanyServicesParams{CompanyID: company, Today: today})
			if err != nil || len(rows) != 8 {
				b.Fatalf("ListCompanyServices: %d rows (%v), want 8", len(rows), err)
			}
		}
	})
}
