package partner_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"partnerportal/web/webtest"
)

// TestProductPageShowsTheLatestPurchases: a product's page lists its 200 latest purchases,
// newest first, and says how many there are in all.
func TestProductPageShowsTheLatestPurchases(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	product := env.ProductID(t, "Company A", "fleetpulse-telematics")
	// 205 more purchases, a minute apart, the newest by the demo consumer at the test's now
	env.Exec(t, `INSERT INTO purchases (consumer_id, product_id, purchased_at, price, currency, pricing_model)
		SELECT u.id, $1, $2::timestamptz - n * interval '1 minute', 10 + n, 'EUR', 'monthly'
		FROM users u, generate_series(0, 204) n WHERE u.email = $3`, product, env.Clock.Now(), webtest.Consumer)
	var total int
	if err := env.Pool.QueryRow(context.Background(), "SELECT count(*) FROM purchases WHERE product_id = $1", product).Scan(&total); err != nil {
		t.Fatal(err)
	}
	r := env.SignedIn(t, webtest.PartnerA).Get(t, "/products/"+webtest.Itoa(product))
	if r.StatusCode != http.StatusOK {
		t.Fatalf("GET the product: %d", r.StatusCode)
	}
	rows := r.Doc.Find(`[aria-label="Consumers"] tbody tr`)
	if rows.Length() != 200 {
		t.Errorf("%d consumers listed, want 200", rows.Length())
	}
	if got, want := r.Text("#consumers-title + p.muted"), fmt.Sprintf("The 200 most recent of %d purchases.", total); got != want {
		t.Errorf("note %q, want %q", got, want)
	}
	if got := strings.Join(strings.Fields(rows.First().Find("td.num").Last().Text()), " "); got != "€10.00 / month" {
		t.Errorf("the newest purchase paid %q, want €10.00 / month", got)
	}
}
