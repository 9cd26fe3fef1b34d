package seed_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"partnerportal/db"
	"partnerportal/db/dbtest"
	"partnerportal/db/seed"
)

type plainHasher struct{}

func (plainHasher) Hash(p string) string { return "plain:" + p }

var today = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

// snapshot is the demo's products, purchases, listings, orders and carts as text, product ids
// included: running the seed again must give them back exactly.
func snapshot(t *testing.T, ctx context.Context, q db.DBTX) string {
	t.Helper()
	var s string
	if err := q.QueryRow(ctx, `SELECT concat_ws(E'\n',
		(SELECT string_agg(concat_ws('|', p.id, p.company_id, p.module, p.environment, p.name, p.slug, p.summary, p.description,
			p.category, p.version, p.price, p.currency, p.pricing_model, p.status, p.model_number, p.connectivity::text,
			p.deployment, p.revision, p.archived_at, p.created_at, p.updated_at), E'\n' ORDER BY p.id) FROM products p),
		(SELECT string_agg(concat_ws('|', u.email, pr.slug, pu.purchased_at, pu.price, pu.currency, pu.quantity), E'\n' ORDER BY pr.slug)
			FROM purchases pu JOIN products pr ON pr.id = pu.product_id JOIN users u ON u.id = pu.consumer_id),
		(SELECT string_agg(concat_ws('|', l.product_id, l.tagline, l.highlights::text, l.listed_at), E'\n' ORDER BY l.product_id) FROM listings l),
		(SELECT string_agg(concat_ws('|', u.email, o.placed_at, ol.product_id, ol.quantity, ol.unit_price, ol.status), E'\n' ORDER BY o.placed_at, ol.product_id)
			FROM orders o JOIN order_lines ol ON ol.order_id = o.id JOIN users u ON u.id = o.consumer_id),
		(SELECT count(*) FROM cart_lines),
		(SELECT string_agg(concat_ws('|', name, hub_tagline, hub_contact_email), E'\n' ORDER BY name) FROM partner_companies))`).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// demoDatabase is a fresh database with the demo seeded at today.
func demoDatabase(t *testing.T) *pgxpool.Pool {
	t.Helper()
	pool, err := db.Open(context.Background(), dbtest.NewDatabase(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	if _, err := seed.Demo(context.Background(), pool, plainHasher{}, today); err != nil {
		t.Fatal(err)
	}
	return pool
}

func TestDemoProductsAreRestoredByRunningTheSeedAgain(t *testing.T) {
	ctx := context.Background()
	pool := demoDatabase(t)
	first := snapshot(t, ctx, pool)
	// A partner works in the demo: edits, archives, adds a product and a purchase.
	for _, sql := range []string{
		`UPDATE products SET name = 'Renamed', price = 1, revision = revision + 1 WHERE slug = 'fleetpulse-telematics'`,
		`UPDATE products SET archived_at = now() WHERE slug = 'lineguard-oee'`,
		`INSERT INTO products (company_id, module, environment, name, slug, category, price, currency, pricing_model, deployment, created_at, updated_at)
			SELECT id, 'software', 'sandbox', 'Extra', 'extra', 'retail', 5, 'EUR', 'monthly', 'cloud', now(), now() FROM partner_companies WHERE name = 'Company B'`,
		`INSERT INTO purchases (consumer_id, product_id, purchased_at, price, currency, pricing_model)
			SELECT u.id, p.id, now(), 5, 'EUR', 'monthly' FROM users u, products p WHERE u.email = 'consumer@example.com' AND p.slug = 'extra'`,
		// … lists the new product, changes a listing and the company's profile; a consumer orders and fills a cart
		`INSERT INTO listings (product_id, tagline, listed_at, updated_at) SELECT id, 'Extra!', now(), now() FROM products WHERE slug = 'extra'`,
		`UPDATE listings SET tagline = 'Changed', listed_at = NULL WHERE product_id = (SELECT id FROM products WHERE slug = 'lineguard-oee')`,
		`UPDATE partner_companies SET hub_tagline = 'Changed' WHERE name = 'Company B'`,
		`WITH o AS (INSERT INTO orders (consumer_id, checkout_token, placed_at)
			SELECT id, 'a-token-of-sixteen-chars', now() FROM users WHERE email = 'consumer@example.com' RETURNING id, consumer_id)
		 INSERT INTO order_lines (order_id, product_id, product_name, company_name, quantity, unit_price, currency, pricing_model, status)
		 SELECT o.id, p.id, p.name, 'Company B', 1, p.price, p.currency, p.pricing_model, 'placed' FROM o, products p WHERE p.slug IN ('extra', 'lineguard-oee')`,
		`INSERT INTO cart_lines (consumer_id, product_id, quantity, price_seen, currency_seen, added_at, updated_at)
			SELECT u.id, p.id, 1, 5, 'EUR', now(), now() FROM users u, products p WHERE u.email = 'consumer@example.com' AND p.slug = 'extra'`,
	} {
		if _, err := pool.Exec(ctx, sql); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	if _, err := seed.Demo(ctx, pool, plainHasher{}, today); err != nil {
		t.Fatalf("second run: %v", err)
	}
	if again := snapshot(t, ctx, pool); again != first {
		t.Errorf("the second run did not restore the demo:\nfirst:\n%s\nagain:\n%s", first, again)
	}
}

func TestDemoProductsCoverTheScenarios(t *testing.T) {
	ctx := context.Background()
	pool := demoDatabase(t)
	rows, err := pool.Query(ctx, `SELECT c.name, count(p.id),
		count(*) FILTER (WHERE p.module = 'software' AND p.environment = 'production' AND p.status = 'published' AND p.archived_at IS NULL),
		count(*) FILTER (WHERE p.module = 'hardware' AND p.environment = 'production' AND p.status = 'published' AND p.archived_at IS NULL),
		count(*) FILTER (WHERE p.status = 'draft'),
		-- every product is in a plan its company holds
		count(*) FILTER (WHERE s.id IS NULL)
		FROM partner_companies c JOIN products p ON p.company_id = c.id
		LEFT JOIN services s ON s.company_id = c.id AND s.module = p.module AND s.environment = p.environment
		GROUP BY c.name ORDER BY c.name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var total, sw, hw, drafts, planless int
		if err := rows.Scan(&name, &total, &sw, &hw, &drafts, &planless); err != nil {
			t.Fatal(err)
		}
		if total < 8 || total > 15 || drafts == 0 || planless != 0 {
			t.Errorf("%s: %d products, %d drafts, %d outside its plans; want 8–15, some drafts, none outside", name, total, drafts, planless)
		}
		if name == "Company A" && (sw == 0 || hw == 0) {
			t.Errorf("Company A has %d software and %d hardware published production products, want both", sw, hw)
		}
	}
	// consumer@example.com bought a Company A product whose plan is active today.
	var n int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM purchases pu
		JOIN users u ON u.id = pu.consumer_id JOIN products p ON p.id = pu.product_id
		JOIN partner_companies c ON c.id = p.company_id
		JOIN service_states($1) ss ON ss.company_id = c.id AND ss.module = p.module AND ss.environment = p.environment
		WHERE u.email = 'consumer@example.com' AND c.name = 'Company A' AND ss.state = 'active'`, today).Scan(&n); err != nil || n == 0 {
		t.Errorf("purchases of active Company A products: %d (err %v), want some", n, err)
	}
}
