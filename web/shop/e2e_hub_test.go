package shop_test

import (
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"partnerportal/web/browsertest"
	"partnerportal/web/webtest"
)

// screenshot keeps a picture of the page when PORTAL_SCREENSHOTS names a folder.
func screenshot(t *testing.T, p *browsertest.Page, name string) {
	if dir := os.Getenv("PORTAL_SCREENSHOTS"); dir != "" {
		p.Screenshot(t, dir+"/hub-"+name+".png")
	}
}

// TestBrowserFullPurchase: a visitor searches the Hub live, adds a solution to the cart in
// place, signs in from the cart, finds the cart kept at checkout, places the order, and sees
// it in Orders and My purchases. Every page passes axe-core and logs no console error.
func TestBrowserFullPurchase(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	p := chromium.Page(t)
	p.Visit(t, env.URL+"/hub")
	screenshot(t, p, "grid")

	p.Run(t,
		browsertest.Step("type a search", chromedp.SendKeys(chromedp.CSS("#q"), "retail")),
	)
	browsertest.Get(t, p, chromedp.Poll[bool](`document.querySelector('#hub-count').textContent.trim() === '1 solution' && location.search === '?q=retail'`))
	if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS("#hub-results .card__title"))); got != "RetailFlow Footfall" {
		t.Errorf("live search shows %q", got)
	}
	p.CheckA11y(t)
	// the URL follows the search, and the back button returns to the previous results
	p.Run(t, browsertest.Step("narrow the search", chromedp.SendKeys(chromedp.CSS("#q"), "zzz")))
	browsertest.Get(t, p, chromedp.Poll[bool](`location.search === '?q=retailzzz' && document.querySelector('.empty-state') !== null`))
	p.Run(t, browsertest.Step("go back", chromedp.NavigateBack()))
	browsertest.Get(t, p, chromedp.Poll[bool](`location.search === '?q=retail' && document.querySelectorAll('#hub-results .listing-card').length === 1`))
	if got := browsertest.Get(t, p, chromedp.Evaluate[string](`document.querySelector('#q').value`)); got != "retail" {
		t.Errorf("after going back the search box says %q", got)
	}
	p.CheckA11y(t)

	p.Run(t,
		browsertest.Step("add it to the cart", chromedp.Click(chromedp.CSS(`#hub-results .buy-box button`))),
		browsertest.Step("wait for the answer in place", chromedp.WaitVisible(chromedp.CSS(`#hub-results .buy-box__status a`))),
	)
	if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS("#hub-results .buy-box__status"))); !strings.Contains(got, "Added · 1 in your cart") {
		t.Errorf("the card says %q", got)
	}
	if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS("#cart-count"))); !strings.HasPrefix(got, "1") {
		t.Errorf("header count %q after adding", got)
	}
	p.CheckA11y(t)
	screenshot(t, p, "added")

	p.Run(t,
		browsertest.Step("open the cart", chromedp.Click(chromedp.CSS(`nav.main-nav a[href="/cart"]`))),
		browsertest.Step("wait for the cart", chromedp.WaitVisible(chromedp.CSS("table.cart-table"))),
	)
	p.CheckA11y(t)
	screenshot(t, p, "cart-visitor")
	p.Run(t,
		browsertest.Step("sign in to check out", chromedp.Click(chromedp.CSS(`a[href="/login?next=%2Fcheckout"]`))),
		chromedp.WaitVisible(chromedp.CSS("#f-email")),
	)
	webtest.SubmitSignIn(t, p, webtest.Consumer)
	if got := browsertest.Get(t, p, chromedp.Location()); !strings.HasSuffix(got, "/checkout") {
		t.Fatalf("after signing in the browser is at %s, want the checkout", got)
	}
	if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS("table.cart-table tbody"))); !strings.Contains(got, "RetailFlow Footfall") {
		t.Errorf("the cart was not kept through sign-in: %q", got)
	}
	p.CheckA11y(t)
	screenshot(t, p, "checkout")

	p.Run(t,
		browsertest.Step("place the order", chromedp.Click(chromedp.CSS(`form[action="/checkout"] button`))),
		browsertest.Step("wait for the order", chromedp.WaitVisible(chromedp.CSS("#placed-title"))),
	)
	if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS("#flash"))); !strings.Contains(got, "is placed") {
		t.Errorf("flash %q", got)
	}
	if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS(".cart-totals"))); !strings.Contains(got, "€79.00") {
		t.Errorf("charged %q", got)
	}
	p.CheckA11y(t)
	screenshot(t, p, "order")
	order := strings.TrimPrefix(browsertest.Get(t, p, chromedp.Text(chromedp.CSS("main h1"))), "Order ")

	p.Run(t,
		browsertest.Step("open Orders", chromedp.Click(chromedp.CSS(`nav.main-nav a[href="/orders"]`))),
		chromedp.WaitVisible(chromedp.CSS("table.table")),
	)
	if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS("tbody tr:first-child"))); !strings.Contains(got, order) {
		t.Errorf("the newest order reads %q, want %s", got, order)
	}
	p.CheckA11y(t)
	p.Run(t,
		browsertest.Step("open My purchases", chromedp.Click(chromedp.CSS(`nav.main-nav a[href="/purchases"]`))),
		chromedp.WaitVisible(chromedp.CSS("table.table")),
	)
	if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS("tbody tr:first-child"))); !strings.Contains(got, "RetailFlow Footfall") || !strings.Contains(got, "Active") {
		t.Errorf("the newest purchase reads %q", got)
	}
	if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS("#cart-count"))); !strings.HasPrefix(got, "0") {
		t.Errorf("the cart still counts %q after the order", got)
	}
	p.CheckA11y(t)
	screenshot(t, p, "purchases")
}

// TestBrowserScenariosS2AndS4: SPEC §7. S2: Company A's products run for 6 months and its
// other modules for 3; at month 4 My Products is usable, and Solutions Hub, ExpressConnect and
// Support are read-only: its listings are visible without add-to-cart. S4: Company B's
// account manager sets its Solutions Hub inactive: its listings vanish from the Hub, the
// module from its navigation, and My Services says "Inactive".
func TestBrowserScenariosS2AndS4(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	env.Exec(t, `UPDATE service_terms t SET valid_from = $1::date - interval '4 months',
		term_months = CASE WHEN s.module IN ('software', 'hardware') THEN 6 ELSE 3 END, cap_percent = 0
		FROM services s, partner_companies c
		WHERE t.service_id = s.id AND s.company_id = c.id AND c.name = 'Company A'
		  AND (s.environment = 'production' OR s.module IN ('expressconnect', 'solutions_hub', 'support'))`, env.Clock.Now())
	browser := chromium.Browser(t)

	// S2, as a visitor
	visitor := browser.Page(t)
	visitor.Visit(t, env.URL+"/hub?company=company-a")
	cards := browsertest.Get(t, visitor, chromedp.Evaluate[int](`document.querySelectorAll('.listing-card').length`))
	offers := browsertest.Get(t, visitor, chromedp.Evaluate[int](`document.querySelectorAll('.listing-card .buy-box button').length`))
	unavailable := browsertest.Get(t, visitor, chromedp.Evaluate[int](`[...document.querySelectorAll('.listing-card')].filter(c => c.textContent.includes('Not available for purchase')).length`))
	if cards != 6 || offers != 0 || unavailable != 6 {
		t.Errorf("S2: %d of Company A's listings shown, %d with add-to-cart, %d “Not available for purchase”; want 6, 0, 6", cards, offers, unavailable)
	}
	screenshot(t, visitor, "s2-grid")
	visitor.Visit(t, env.URL+"/hub/company-a/tracktag-mini")
	if n := browsertest.Get(t, visitor, chromedp.Evaluate[int](`document.querySelectorAll('form[action="/cart/items"]').length`)); n != 0 {
		t.Error("S2: the listing page offers add-to-cart")
	}

	// S2, as Company A's partner
	partner := browser.Page(t)
	partner.Visit(t, env.URL+"/login")
	webtest.SubmitSignIn(t, partner, webtest.PartnerA)
	for _, tt := range []struct {
		path     string
		readOnly bool
	}{{"/products", false}, {"/hub/listings", true}, {"/expressconnect", true}, {"/support", true}} {
		partner.Visit(t, env.URL+tt.path)
		banner := browsertest.Get(t, partner, chromedp.Evaluate[int](`document.querySelectorAll('.banner--readonly').length`))
		if (banner == 1) != tt.readOnly {
			t.Errorf("S2: %s read-only banner shown %v, want %v", tt.path, banner == 1, tt.readOnly)
		}
	}
	partner.Visit(t, env.URL+"/products")
	if n := browsertest.Get(t, partner, chromedp.Evaluate[int](`document.querySelectorAll('a[href="/products/new"]').length`)); n == 0 {
		t.Error("S2: My Products does not offer new products")
	}
	partner.Visit(t, env.URL+"/hub/listings/"+webtest.Itoa(env.ProductID(t, "Company A", "tracktag-mini"))+"/edit")
	if n := browsertest.Get(t, partner, chromedp.Evaluate[int](`document.querySelectorAll('#listing-form fieldset[disabled]').length`)); n != 1 {
		t.Error("S2: the listing copy form is not disabled")
	}
	screenshot(t, partner, "s2-listing-copy")

	// S2, as a consumer whose cart holds a Company A product from before: flagged, left out
	env.Exec(t, `INSERT INTO cart_lines (consumer_id, product_id, quantity, price_seen, currency_seen, added_at, updated_at)
		SELECT u.id, p.id, 2, 30, 'EUR', now(), now() FROM users u, products p WHERE u.email = $1 AND p.slug = 'tracktag-mini'`, webtest.Consumer)
	consumer := browser.Page(t)
	consumer.Visit(t, env.URL+"/login")
	webtest.SubmitSignIn(t, consumer, webtest.Consumer)
	consumer.Visit(t, env.URL+"/cart")
	if got := browsertest.Get(t, consumer, chromedp.Text(chromedp.CSS("table.cart-table tbody"))); !strings.Contains(got, "Not available for purchase right now.") ||
		!strings.Contains(got, "Price changed: was €30.00") {
		t.Errorf("S2: the cart line reads %q", got)
	}
	screenshot(t, consumer, "s2-cart")

	// S4: Company B's account manager sets its Solutions Hub inactive on the partner page.
	hubID, version := env.Service(t, "Company B", "solutions_hub", "")
	companyB := env.CompanyID(t, "Company B")
	am := env.SignedIn(t, webtest.AccountManager)
	am.Get(t, "/admin/partners/"+webtest.Itoa(companyB))
	if r := am.PostForm(t, "/admin/partners/"+webtest.Itoa(companyB)+"/services/"+webtest.Itoa(hubID)+"/status",
		url.Values{"version": {strconv.Itoa(int(version))}, "status": {"inactive"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("S4: deactivating Company B's Solutions Hub: status %d", r.StatusCode)
	}
	visitor.Visit(t, env.URL+"/hub")
	names := browsertest.Get(t, visitor, chromedp.Evaluate[string](`[...document.querySelectorAll('.listing-card .card__title')].map(e => e.textContent.trim()).join(',')`))
	if strings.Contains(names, "RetailFlow") || strings.Contains(names, "RouteWise") || !strings.Contains(names, "FleetPulse") {
		t.Errorf("S4: the Hub shows %s", names)
	}
	screenshot(t, visitor, "s4-grid")
	b := browser.Page(t)
	b.Visit(t, env.URL+"/login")
	webtest.SubmitSignIn(t, b, webtest.PartnerB)
	nav := browsertest.Get(t, b, chromedp.Text(chromedp.CSS("nav.main-nav")))
	if strings.Contains(nav, "Hub listings") {
		t.Errorf("S4: Company B's navigation still offers Hub listings: %q", nav)
	}
	card := browsertest.Get(t, b, chromedp.Text(chromedp.CSS("#service-"+webtest.Itoa(hubID))))
	if !strings.Contains(card, "Inactive") {
		t.Errorf("S4: My Services says %q", card)
	}
	b.CheckA11y(t)
	screenshot(t, b, "s4-services")
}
