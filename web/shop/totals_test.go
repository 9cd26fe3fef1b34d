package shop_test

import (
	"strings"
	"testing"

	"partnerportal/web/webtest"
)

// TestTotalsKeepBillingPeriodsApart: a one-time price and monthly prices in two currencies are
// never added into one figure, on every page that sums money.
func TestTotalsKeepBillingPeriodsApart(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	env.SetModuleState(t, env.CompanyID(t, "Company C"), "solutions_hub", "active")
	c := env.SignedIn(t, webtest.Consumer)
	addToCart(t, c, env.ProductID(t, "Company C", "airq-indoor-sensor"), "2")
	addToCart(t, c, env.ProductID(t, "Company B", "shelfsense-inventory"), "1")
	addToCart(t, c, env.ProductID(t, "Company B", "routewise-dispatch"), "2")
	want := "€178.00 once + €149.00 / month + $98.00 / month"

	pages := []struct {
		name, sel string
		get       func() *webtest.Response
	}{
		{"cart", ".cart-totals", func() *webtest.Response { return c.Get(t, "/cart") }},
		{"checkout", ".cart-totals", func() *webtest.Response { return c.Get(t, "/checkout") }},
	}
	for _, p := range pages {
		if got := p.get().Text(p.sel); !strings.Contains(got, want) || strings.Contains(got, "327") {
			t.Errorf("%s totals %q, want %q", p.name, got, want)
		}
	}

	order := orderOf(t, c.PostForm(t, "/checkout", reviewForm(t, c)))
	after := []struct {
		name, path, sel string
	}{
		{"order confirmation", "/orders/" + order, "section[aria-labelledby=placed-title]"},
		{"orders", "/orders", "tbody tr:first-child"},
	}
	for _, p := range after {
		r := c.Get(t, p.path)
		if got := r.Text(p.sel); !strings.Contains(got, want) || strings.Contains(got, "327") {
			t.Errorf("%s totals %q, want %q", p.name, got, want)
		}
		if p.name == "order confirmation" && !strings.Contains(r.Text("#flash"), "is placed") {
			t.Errorf("the confirmation says %q", r.Text("#flash"))
		}
	}
	// My purchases sums what the consumer paid before too, still never across periods
	if got := c.Get(t, "/purchases").Text(".cart-totals"); !strings.Contains(got, "€1,168.00 once") || !strings.Contains(got, "/ month") {
		t.Errorf("my purchases totals %q", got)
	}
}
