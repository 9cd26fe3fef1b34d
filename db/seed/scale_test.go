package seed_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"partnerportal/db"
	"partnerportal/db/dbtest"
	"partnerportal/db/seed"
)

func TestScaleLoadsConsistentDataAtEveryState(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool, err := db.Open(ctx, dbtest.NewDatabase(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	if _, err := seed.Demo(ctx, pool, plainHasher{}, today); err != nil {
		t.Fatal(err)
	}
	opts := seed.ScaleOptions{N: 0.01, Today: today, Now: today.Add(15 * time.Hour)}
	got, err := seed.Scale(ctx, pool, plainHasher{}, opts)
	if err != nil {
		t.Fatal(err)
	}
	// The documented counts at scale 0.01.
	for _, c := range []struct {
		name      string
		got, want int
		sql       string
	}{
		{"companies", got.Companies, 20, `SELECT count(*) - 3 FROM partner_companies`},
		{"consumers", got.Consumers, 200, `SELECT count(*) - 1 FROM users WHERE role = 'consumer'`},
		{"products", got.Products, 1000, `SELECT count(*) FROM products p JOIN partner_companies c ON c.id = p.company_id WHERE c.name NOT IN ('Company A', 'Company B', 'Company C')`},
		{"listings", got.Listings, 500, `SELECT count(*) FROM listings l JOIN products p ON p.id = l.product_id JOIN partner_companies c ON c.id = p.company_id WHERE c.name NOT IN ('Company A', 'Company B', 'Company C')`},
		{"purchases", got.Purchases, 2000, `SELECT count(*) FROM purchases p JOIN users u ON u.id = p.consumer_id WHERE u.email LIKE '%@scale.example'`},
		{"usage reports", got.UsageReports, 10000, `SELECT count(*) FROM usage_reports`},
		{"am.scale's companies", 2, 2, `SELECT count(*) FROM partner_companies c JOIN users u ON u.id = c.account_manager_id WHERE u.email = 'am.scale@example.com'`},
	} {
		var inDB int
		if err := pool.QueryRow(ctx, c.sql).Scan(&inDB); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if c.got != c.want || inDB != c.want {
			t.Errorf("%s: Scale says %d, the database holds %d, want %d", c.name, c.got, inDB, c.want)
		}
	}
	// Every state occurs, read from the rule's one home.
	var states []string
	if err := pool.QueryRow(ctx, `SELECT array_agg(DISTINCT state::text ORDER BY state::text) FROM service_states($1)`, today).Scan(&states); err != nil {
		t.Fatal(err)
	}
	if want := []string{"active", "exhausted", "expired", "grace", "inactive", "scheduled"}; !slices.Equal(states, want) {
		t.Errorf("states today: %v, want %v", states, want)
	}
	// Every term's counters are what its reports add up to (the demo's set by hand aside).
	var off int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM service_terms t
		JOIN services s ON s.id = t.service_id JOIN partner_companies c ON c.id = s.company_id
		LEFT JOIN LATERAL (SELECT coalesce(sum(quantity) FILTER (WHERE metric = 'messages'), 0) AS m,
			coalesce(sum(quantity) FILTER (WHERE metric = 'devices'), 0) AS d
			FROM usage_reports r WHERE r.term_id = t.id AND r.accepted) u ON true
		WHERE c.name NOT IN ('Company A', 'Company B', 'Company C') AND (t.messages_used <> u.m OR t.devices_used <> u.d)`).Scan(&off); err != nil || off != 0 {
		t.Errorf("terms whose counters differ from their reports: %d (err %v)", off, err)
	}
	// The Hub's search finds listings.
	var found int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM hub_listings WHERE document @@ hub_search_query(ARRAY['analytics'])`).Scan(&found); err != nil || found == 0 {
		t.Errorf("listings found by 'analytics': %d (err %v), want some", found, err)
	}
	// A second run is refused: the companies are there.
	if _, err := seed.Scale(ctx, pool, plainHasher{}, opts); !errors.Is(err, seed.ErrScaleThere) {
		t.Errorf("second run: %v, want ErrScaleThere", err)
	}
}
