package db_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"partnerportal/db"
	"partnerportal/db/dbtest"
)

// listProduct adds a published production software product to the company and lists it.
func listProduct(t *testing.T, pool *pgxpool.Pool, company int64, slug string) int64 {
	t.Helper()
	ctx := context.Background()
	var id int64
	if err := pool.QueryRow(ctx, `INSERT INTO products (company_id, module, environment, name, slug, category, price,
			currency, pricing_model, status, deployment, created_at, updated_at)
		VALUES ($1, 'software', 'production', $2, $2, 'energy', 10, 'EUR', 'monthly', 'published', 'cloud', now(), now())
		RETURNING id`, company, slug).Scan(&id); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, "INSERT INTO listings (product_id, listed_at, updated_at) VALUES ($1, now(), now())", id); err != nil {
		t.Fatal(err)
	}
	return id
}

// checkHubEntries compares, for every listing and every fortnight of 2025-11-01..2027-06-30
// (and the days given), the Hub's index (hub_entries.visible_from) with SPEC §5 as
// hub_visible says it over the listing's states that day: a listing is in the index's
// visible set on exactly the days it is visible.
func checkHubEntries(t *testing.T, pool *pgxpool.Pool, when string, days ...string) {
	t.Helper()
	rows, err := pool.Query(context.Background(), `
		WITH days AS (
			SELECT d::date AS d FROM generate_series('2025-11-01'::date, '2027-06-30'::date, interval '14 days') d
			UNION SELECT unnest($1::date[]))
		SELECT h.slug, days.d::text, coalesce(e.visible_from <= days.d, false), hub_visible(st.hub, st.plan)
		FROM hub_listings h
		CROSS JOIN days
		CROSS JOIN LATERAL listing_states(h.company_id, h.module, h.environment, days.d) st
		LEFT JOIN hub_entries e ON e.product_id = h.product_id
		WHERE coalesce(e.visible_from <= days.d, false) <> hub_visible(st.hub, st.plan)
		   OR (SELECT count(*) FROM hub_entries x WHERE x.product_id = h.product_id) <> 1
		ORDER BY 1, 2
		LIMIT 10`, days)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var slug, on string
		var indexed, visible bool
		if err := rows.Scan(&slug, &on, &indexed, &visible); err != nil {
			t.Fatal(err)
		}
		t.Errorf("%s: %s on %s: the index says visible %v, SPEC §5 says %v", when, slug, on, indexed, visible)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	var stray int
	if err := pool.QueryRow(context.Background(),
		"SELECT count(*) FROM hub_entries e WHERE NOT EXISTS (SELECT 1 FROM hub_listings h WHERE h.product_id = e.product_id)").Scan(&stray); err != nil {
		t.Fatal(err)
	}
	if stray != 0 {
		t.Errorf("%s: %d entries of products no longer listed", when, stray)
	}
}

// TestHubEntriesFollowTheStates: the Hub's index agrees with SPEC §5 for a listing whose plan,
// or whose company's Solutions Hub, is in each case of the state table, on every day; and it
// follows services set inactive and active again, renewals, terms removed, products
// unpublished or archived and listings taken out.
func TestHubEntriesFollowTheStates(t *testing.T) {
	pool := dbtest.New(t)
	q := db.New(pool)
	ctx := context.Background()
	var days []string
	type listed struct{ company, product, hub, plan int64 }
	var all []listed
	for i, c := range stateCases {
		days = append(days, c.today)
		// the case as the product's plan, then (when it meters nothing) as the Solutions Hub
		for _, asHub := range []bool{false, true} {
			if asHub && (c.mq != 0 || c.dq != 0) {
				continue
			}
			company := newCompany(t, q, fmt.Sprintf("Case %d hub %v", i, asHub))
			var l listed
			l.company = company
			withCase := func(module db.ModuleKey, env *db.Environment) int64 {
				if c.none {
					return 0
				}
				s, tm := grant(t, q, company, module, env, c.term, c.cap, c.mq, c.dq)
				setUsage(t, pool, tm.ID, c.mu, c.du)
				if c.inactive {
					if _, err := pool.Exec(ctx, "UPDATE services SET status = 'inactive' WHERE id = $1", s.ID); err != nil {
						t.Fatal(err)
					}
				}
				return s.ID
			}
			plain := func(module db.ModuleKey, env *db.Environment) int64 {
				s, _ := grant(t, q, company, module, env, jan12, 0, 0, 0)
				return s.ID
			}
			if asHub {
				l.hub = withCase(db.ModuleKeySolutionsHub, nil)
				l.plan = plain(db.ModuleKeySoftware, env(db.EnvironmentProduction))
			} else {
				l.hub = plain(db.ModuleKeySolutionsHub, nil)
				l.plan = withCase(db.ModuleKeySoftware, env(db.EnvironmentProduction))
			}
			l.product = listProduct(t, pool, company, fmt.Sprintf("case-%d-%v", i, asHub))
			all = append(all, l)
		}
	}
	checkHubEntries(t, pool, "as granted", days...)

	exec := func(sql string, args ...any) {
		t.Helper()
		if _, err := pool.Exec(ctx, sql, args...); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	for i, l := range all {
		switch i % 6 {
		case 0:
			if l.hub != 0 {
				exec("UPDATE services SET status = 'inactive' WHERE id = $1", l.hub)
			}
		case 1:
			if l.plan != 0 {
				exec("UPDATE services SET status = 'active' WHERE id = $1", l.plan)
			}
		case 2:
			if l.plan != 0 {
				addTerm(t, q, l.plan, term{"2025-06-01", 3}, 0, 0, 0) // a term before all the others
			}
		case 3:
			exec("UPDATE products SET status = 'draft' WHERE id = $1", l.product)
		case 4:
			exec("UPDATE listings SET listed_at = NULL WHERE product_id = $1", l.product)
		case 5:
			if l.hub != 0 {
				exec("DELETE FROM service_terms WHERE service_id = $1", l.hub) // a service without a term
			}
		}
	}
	checkHubEntries(t, pool, "after changes", days...)
	// and back: listed again, published again, the early terms removed, services active again
	exec("UPDATE listings SET listed_at = now() WHERE listed_at IS NULL")
	exec("UPDATE products SET status = 'published' WHERE status = 'draft'")
	exec("DELETE FROM service_terms WHERE valid_from = '2025-06-01'")
	exec("UPDATE services SET status = 'active' WHERE status = 'inactive'")
	checkHubEntries(t, pool, "after changes undone", days...)
	exec("UPDATE products SET archived_at = now(), price = 12")
	checkHubEntries(t, pool, "every product archived")
	var left int
	if err := pool.QueryRow(ctx, "SELECT count(*) FROM hub_entries").Scan(&left); err != nil || left != 0 {
		t.Errorf("with every product archived the index holds %d entries (err %v), want none", left, err)
	}
}

// TestHubEntriesUnderConcurrentChanges: a listing edited while its plan is being set inactive,
// in transactions that overlap, ends hidden: the refresh that runs last sees both changes.
func TestHubEntriesUnderConcurrentChanges(t *testing.T) {
	pool := dbtest.New(t)
	q := db.New(pool)
	ctx := context.Background()
	company := newCompany(t, q, "Overlapping")
	grant(t, q, company, db.ModuleKeySolutionsHub, nil, jan12, 0, 0, 0)
	plan, _ := grant(t, q, company, db.ModuleKeySoftware, env(db.EnvironmentProduction), jan12, 0, 0, 0)
	product := listProduct(t, pool, company, "racing-product")

	staff, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = staff.Rollback(ctx) }()
	if _, err := staff.Exec(ctx, "UPDATE services SET status = 'inactive' WHERE id = $1", plan.ID); err != nil {
		t.Fatal(err)
	}
	edited := make(chan error, 1)
	go func() {
		_, err := pool.Exec(ctx, "UPDATE listings SET tagline = 'Edited meanwhile' WHERE product_id = $1", product)
		edited <- err
	}()
	select {
	case err := <-edited:
		t.Fatalf("the listing's change did not wait for the plan's (err %v)", err)
	case <-time.After(300 * time.Millisecond):
	}
	if err := staff.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if err := <-edited; err != nil {
		t.Fatal(err)
	}
	checkHubEntries(t, pool, "after the overlapping changes")
	var visibleFrom *time.Time
	if err := pool.QueryRow(ctx, "SELECT visible_from FROM hub_entries WHERE product_id = $1", product).Scan(&visibleFrom); err != nil || visibleFrom != nil {
		t.Errorf("the listing of an inactive plan: visible from %v (err %v), want never", visibleFrom, err)
	}
}

// TestHubCompanyFilterWithASharedSlug: two companies whose names make the same slug are both
// found by the Hub's company filter, as the filter's one choice for them offers.
func TestHubCompanyFilterWithASharedSlug(t *testing.T) {
	pool := dbtest.New(t)
	q := db.New(pool)
	ctx := context.Background()
	var products []int64
	for _, name := range []string{"Acme, Inc.", "ACME Inc"} {
		company := newCompany(t, q, name)
		grant(t, q, company, db.ModuleKeySolutionsHub, nil, jan12, 0, 0, 0)
		grant(t, q, company, db.ModuleKeySoftware, env(db.EnvironmentProduction), jan12, 0, 0, 0)
		products = append(products, listProduct(t, pool, company, "gateway"))
	}
	other := newCompany(t, q, "Other Co")
	grant(t, q, other, db.ModuleKeySolutionsHub, nil, jan12, 0, 0, 0)
	grant(t, q, other, db.ModuleKeySoftware, env(db.EnvironmentProduction), jan12, 0, 0, 0)
	listProduct(t, pool, other, "gateway")
	slug := "acme-inc"
	rows, err := q.SearchHub(ctx, db.SearchHubParams{Company: &slug, Sort: "newest", Today: day(t, "2026-06-01"), PageSize: 24})
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	for _, r := range rows {
		if r.ProductID != nil {
			got = append(got, *r.ProductID)
		}
	}
	if len(got) != 2 || rows[0].Total != 2 {
		t.Fatalf("the filter acme-inc found %v (total %d), want the two Acme listings %v", got, rows[0].Total, products)
	}
	for _, id := range products {
		if got[0] != id && got[1] != id {
			t.Errorf("the filter acme-inc found %v, want %v among them", got, id)
		}
	}
}
