package shop_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"partnerportal/web/webtest"
)

// addToCart adds quantity of a product the plain way (a form post) and fails unless the portal
// redirects back.
func addToCart(t *testing.T, c *webtest.Client, productID int64, quantity string) *webtest.Response {
	t.Helper()
	if c.CSRFToken() == "" {
		c.Get(t, "/hub")
	}
	r := c.PostForm(t, "/cart/items", url.Values{"product_id": {webtest.Itoa(productID)}, "quantity": {quantity}, "return": {"/hub"}})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("add %d to the cart: %d\n%s", productID, r.StatusCode, r.Body)
	}
	return r
}

// cartLine is one line of the cart page by product name: its row (empty when absent).
func cartLine(r *webtest.Response, name string) *goquery.Selection {
	return r.Doc.Find("table.cart-table tbody tr").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return strings.HasPrefix(strings.TrimSpace(s.Find("th").Text()), name)
	})
}

// headerCount is the cart count the page's header shows.
func headerCount(r *webtest.Response) string {
	return strings.TrimSpace(r.Doc.Find("#cart-count").Contents().First().Text())
}
