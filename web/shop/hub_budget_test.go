package shop_test

import (
	"net/http"
	"strings"
	"testing"

	"partnerportal/web/webtest"
)

// TestHubPagesStayWithinTheirQueryBudget: every page of the Hub, the cart, checkout, orders
// and purchases, and the partner's listings, in at most 3 round trips (session, user with
// their cart count or a visitor's cart count, the page) and without writing.
func TestHubPagesStayWithinTheirQueryBudget(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	retail := env.ProductID(t, "Company B", "retailflow-footfall")
	visitor := env.Client(t)
	addToCart(t, visitor, retail, "1")
	consumer := env.SignedIn(t, webtest.Consumer)
	addToCart(t, consumer, retail, "1")
	order := strings.TrimPrefix(consumer.Get(t, "/orders").Doc.Find("tbody tr:first-child a").AttrOr("href", ""), "/orders/")
	partner := env.SignedIn(t, webtest.PartnerB)
	hubPages := []string{"/hub", "/hub?q=sensor&kind=software&sort=price&min=10", "/hub/company-b/retailflow-footfall"}
	for _, tt := range []struct {
		who   string
		c     *webtest.Client
		paths []string
	}{
		{"a first-time visitor", env.Client(t), hubPages},
		{"a visitor with a cart", visitor, append(hubPages, "/cart")},
		{"a consumer", consumer, append(hubPages, "/cart", "/checkout", "/orders", "/orders/"+order, "/purchases")},
		{"a partner", partner, append(hubPages, "/hub/listings", "/hub/listings/"+webtest.Itoa(retail)+"/edit")},
	} {
		for _, path := range tt.paths {
			tt.c.Get(t, path) // the first view may carry a flash
			r := tt.c.Get(t, path)
			if r.StatusCode != http.StatusOK {
				t.Fatalf("%s: GET %s: %d", tt.who, path, r.StatusCode)
			}
			if st := env.Stats(t, r); st.Queries > 3 || st.Wrote {
				t.Errorf("%s: GET %s: %d queries (wrote %v), want at most 3 and no write", tt.who, path, st.Queries, st.Wrote)
			}
		}
	}
}
