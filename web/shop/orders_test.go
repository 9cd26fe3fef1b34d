package shop_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"partnerportal/web/webtest"
)

// TestOrdersSumEachCurrencyApart: the order history totals what was placed per currency,
// never across currencies and never with refused lines; an order with nothing placed has no
// total and says what was not ordered.
func TestOrdersSumEachCurrencyApart(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ctx := context.Background()
	retail := env.ProductID(t, "Company B", "retailflow-footfall")
	fleet := env.ProductID(t, "Company A", "fleetpulse-telematics")
	var consumer int64
	if err := env.Pool.QueryRow(ctx, "SELECT id FROM users WHERE email = $1", webtest.Consumer).Scan(&consumer); err != nil {
		t.Fatal(err)
	}
	order := func(token string, placedAt time.Time) int64 {
		t.Helper()
		var id int64
		if err := env.Pool.QueryRow(ctx, "INSERT INTO orders (consumer_id, checkout_token, placed_at) VALUES ($1, $2, $3) RETURNING id",
			consumer, token, placedAt).Scan(&id); err != nil {
			t.Fatal(err)
		}
		return id
	}
	line := func(order, product int64, quantity int, price, currency, reason string) {
		t.Helper()
		status := "placed"
		if reason != "" {
			status = "refused"
		}
		env.Exec(t, `INSERT INTO order_lines (order_id, product_id, product_name, company_name, quantity, unit_price, currency,
			pricing_model, status, refusal_reason) VALUES ($1, $2, 'P', 'C', $3, $4::text::numeric, $5, 'one_time', $6, nullif($7, ''))`,
			order, product, quantity, price, currency, status, reason)
	}
	now := env.Clock.Now()
	mixed := order("mixed-currencies-0001", now.Add(2*time.Hour))
	line(mixed, retail, 3, "1250.50", "USD", "")
	line(mixed, fleet, 2, "10.00", "EUR", "")
	refused := order("nothing-placed-00001", now.Add(time.Hour))
	line(refused, retail, 1, "99.00", "GBP", "No longer for sale.")
	line(refused, fleet, 1, "5.00", "EUR", "No longer for sale.")

	r := env.SignedIn(t, webtest.Consumer).Get(t, "/orders")
	if r.StatusCode != http.StatusOK {
		t.Fatalf("GET /orders: %d", r.StatusCode)
	}
	rows := r.Doc.Find("tbody tr")
	if n := rows.Length(); n != 6 {
		t.Fatalf("%d orders, want the demo's 4 and 2 more", n)
	}
	for i, want := range []struct{ items, totals, note string }{
		{"5", "€20.00 once + $3,751.50 once", ""},
		{"0", "", "2 lines not ordered"},
	} {
		row := rows.Eq(i)
		totals := strings.Join(strings.Fields(row.Find("td.num").Last().Text()), " ")
		if got := strings.TrimSpace(row.Find("td.num").First().Text()); got != want.items {
			t.Errorf("order %d: %s items, want %s", i+1, got, want.items)
		}
		if totals != strings.Join(strings.Fields(want.totals), " ") {
			t.Errorf("order %d: totals %q, want %q", i+1, totals, want.totals)
		}
		if got := strings.TrimSpace(row.Find(".product-row__summary").Text()); got != want.note {
			t.Errorf("order %d: note %q, want %q", i+1, got, want.note)
		}
	}
}
