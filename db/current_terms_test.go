package db_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"partnerportal/db"
	"partnerportal/db/dbtest"
)

// checkCurrentTerms compares, for every day of 2025-10-01..2027-06-30, the term the stored
// windows make current (service_states, current_term_id) with the rule of SPEC §3 said
// directly: the newest term started by that day, else the earliest. Exactly one term's window
// holds each day.
func checkCurrentTerms(t *testing.T, pool *pgxpool.Pool, service int64, when string) {
	t.Helper()
	rows, err := pool.Query(context.Background(), `
		SELECT d::date::text,
		       (SELECT count(*) FROM service_terms t WHERE t.service_id = $1 AND t.current_days @> d::date),
		       current_term_id($1, d::date),
		       (SELECT ss.term_id FROM service_states(d::date) ss WHERE ss.service_id = $1),
		       coalesce((SELECT t.id FROM service_terms t WHERE t.service_id = $1 AND t.valid_from <= d::date
		                 ORDER BY t.valid_from DESC LIMIT 1),
		                (SELECT t.id FROM service_terms t WHERE t.service_id = $1 ORDER BY t.valid_from LIMIT 1))
		FROM generate_series('2025-10-01'::date, '2027-06-30'::date, interval '1 day') d`, service)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	wrong := 0
	for rows.Next() {
		var on string
		var holding int64
		var current, stated, rule *int64
		if err := rows.Scan(&on, &holding, &current, &stated, &rule); err != nil {
			t.Fatal(err)
		}
		if holding != 1 || !sameID(current, rule) || !sameID(stated, rule) {
			if wrong++; wrong <= 5 {
				t.Errorf("%s, on %s: %d windows hold the day; current_term_id %s, service_states %s; the rule says %s",
					when, on, holding, idText(current), idText(stated), idText(rule))
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}

func sameID(a, b *int64) bool { return a != nil && b != nil && *a == *b }

func idText(p *int64) string {
	if p == nil {
		return "none"
	}
	return fmt.Sprint(*p)
}

// TestTermWindowsFollowTheTerms: a term added before, between or after the others, a term
// removed, and a term whose start moves all leave each day with the term the rule picks.
func TestTermWindowsFollowTheTerms(t *testing.T) {
	pool := dbtest.New(t)
	q := db.New(pool)
	ctx := context.Background()
	company := newCompany(t, q, "Windows")
	svc, _ := grant(t, q, company, db.ModuleKeySupport, nil, term{"2026-04-01", 3}, 0, 0, 0)
	checkCurrentTerms(t, pool, svc.ID, "one term")
	addTerm(t, q, svc.ID, term{"2026-10-01", 6}, 0, 0, 0)
	checkCurrentTerms(t, pool, svc.ID, "a renewal after it")
	first := addTerm(t, q, svc.ID, term{"2026-01-01", 3}, 0, 0, 0)
	checkCurrentTerms(t, pool, svc.ID, "a term before both")
	mid := addTerm(t, q, svc.ID, term{"2026-07-01", 3}, 0, 0, 0)
	checkCurrentTerms(t, pool, svc.ID, "a term between")
	if _, err := pool.Exec(ctx, "DELETE FROM service_terms WHERE id = $1", mid.ID); err != nil {
		t.Fatal(err)
	}
	checkCurrentTerms(t, pool, svc.ID, "the term between removed")
	if _, err := pool.Exec(ctx, "UPDATE service_terms SET valid_from = '2026-12-01' WHERE id = $1", first.ID); err != nil {
		t.Fatal(err)
	}
	checkCurrentTerms(t, pool, svc.ID, "the earliest moved to the end")
	if _, err := pool.Exec(ctx, "DELETE FROM service_terms WHERE service_id = $1 AND valid_from > '2026-06-01'", svc.ID); err != nil {
		t.Fatal(err)
	}
	checkCurrentTerms(t, pool, svc.ID, "two removed at once")
	// counting usage leaves the windows as they are, and is no slower for them
	if _, err := pool.Exec(ctx, "UPDATE service_terms SET messages_used = messages_used + 1 WHERE service_id = $1", svc.ID); err != nil {
		t.Fatal(err)
	}
	checkCurrentTerms(t, pool, svc.ID, "usage counted")
}

// TestTermWindowsUnderConcurrentRenewals: terms added to one service by transactions that
// overlap in time still leave exactly one current term for each day.
func TestTermWindowsUnderConcurrentRenewals(t *testing.T) {
	pool := dbtest.New(t)
	q := db.New(pool)
	ctx := context.Background()
	company := newCompany(t, q, "Racing")
	svc, _ := grant(t, q, company, db.ModuleKeySupport, nil, term{"2026-01-01", 3}, 0, 0, 0)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tx, err := pool.Begin(ctx)
			if err != nil {
				errs <- err
				return
			}
			defer func() { _ = tx.Rollback(ctx) }()
			from := fmt.Sprintf("2026-%02d-01", 2+i)
			if _, err := tx.Exec(ctx, `INSERT INTO service_terms (service_id, module, valid_from, term_months)
				VALUES ($1, 'support', $2, 3)`, svc.ID, from); err != nil {
				errs <- err
				return
			}
			// still open while the others add theirs
			if _, err := tx.Exec(ctx, "SELECT pg_sleep(0.05)"); err != nil {
				errs <- err
				return
			}
			errs <- tx.Commit(ctx)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	checkCurrentTerms(t, pool, svc.ID, "eight renewals at once")
}
