package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"partnerportal/web/webtest"
)

// companyASoftwarePlan is Company A's production software plan (the plan of FleetPulse
// Telematics, which the demo consumer bought): its id, its last day and its first expired day.
func companyASoftwarePlan(t *testing.T, env *webtest.Env) (serviceID int64, validUntil, expiredFrom time.Time) {
	t.Helper()
	if err := env.Pool.QueryRow(context.Background(), `SELECT s.id, t.valid_until, f.expired_from FROM services s
		JOIN partner_companies c ON c.id = s.company_id JOIN service_terms t ON t.service_id = s.id
		JOIN service_term_figures f ON f.term_id = t.id
		WHERE c.name = 'Company A' AND s.module = 'software' AND s.environment = 'production'`).Scan(&serviceID, &validUntil, &expiredFrom); err != nil {
		t.Fatal(err)
	}
	return serviceID, validUntil, expiredFrom
}

// cardNames are the names of the listing cards a Hub page shows, in order.
func cardNames(r *webtest.Response) []string {
	var out []string
	r.Doc.Find(".listing-card .card__title a").Each(func(_ int, s *goquerySelection) {
		out = append(out, strings.TrimSpace(s.Text()))
	})
	return out
}

// card is the listing card of the named product on a Hub page (empty when it is not there).
func card(r *webtest.Response, name string) *goquerySelection {
	return r.Doc.Find(".listing-card").FilterFunction(func(_ int, s *goquerySelection) bool {
		return strings.TrimSpace(s.Find(".card__title a").Text()) == name
	})
}

// addToCart adds quantity of a product the plain way (a form post) and fails unless the portal
// redirects back.
func addToCart(t *testing.T, c *webtest.Client, productID int64, quantity string) *webtest.Response {
	t.Helper()
	if c.CSRFToken() == "" {
		c.Get(t, "/hub")
	}
	r := c.PostForm(t, "/cart/items", url.Values{"product_id": {itoa(productID)}, "quantity": {quantity}, "return": {"/hub"}})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("add %d to the cart: %d\n%s", productID, r.StatusCode, r.Body)
	}
	return r
}

// cartLine is one line of the cart page by product name: its row (empty when absent).
func cartLine(r *webtest.Response, name string) *goquerySelection {
	return r.Doc.Find("table.cart-table tbody tr").FilterFunction(func(_ int, s *goquerySelection) bool {
		return strings.HasPrefix(strings.TrimSpace(s.Find("th").Text()), name)
	})
}

// headerCount is the cart count the page's header shows.
func headerCount(r *webtest.Response) string {
	return strings.TrimSpace(r.Doc.Find("#cart-count").Contents().First().Text())
}

// htmx runs f with the client sending HX-Request, as htmx does.
func htmx(c *webtest.Client, f func()) {
	c.Header.Set("HX-Request", "true")
	defer c.Header.Del("HX-Request")
	f()
}
