package staff_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"partnerportal/web/browsertest"
	"partnerportal/web/webtest"
)

// TestBrowserAccountManagerRenewsAnExpiredService: am@example.com finds Company A's expired
// Solutions Hub on the dashboard and renews it for 3 months in place; Company A's user then
// sees it active on My Services and can save in Hub listings again.
func TestBrowserAccountManagerRenewsAnExpiredService(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	browser := chromium.Browser(t)
	hub, _ := env.Service(t, "Company A", "solutions_hub", "")
	panel := "#service-" + webtest.Itoa(hub)

	am := browser.Page(t)
	env.BrowserSignIn(t, am, webtest.AccountManager)
	am.CheckA11y(t)
	am.Run(t,
		browsertest.Step("open the expired Hub from the dashboard",
			chromedp.Click(chromedp.CSS(`#attention a[href$="#service-`+webtest.Itoa(hub)+`"]`))),
		browsertest.Step("wait for its panel", chromedp.WaitVisible(chromedp.CSS(panel))),
	)
	am.CheckA11y(t)
	if got := browsertest.Get(t, am, chromedp.Text(chromedp.CSS(panel+" .card__header .badge"))); !strings.Contains(got, "Expired") {
		t.Fatalf("the panel's badge says %q", got)
	}
	am.Run(t,
		browsertest.Step("open the renew form", chromedp.Click(chromedp.CSS(panel+" details.panel-action > summary"))),
		chromedp.SetValue(chromedp.CSS(panel+" select[name=term_months]"), "3"),
		browsertest.Step("renew", chromedp.Click(chromedp.CSS(panel+` form[action$="/renew"] button[type=submit]`))),
		browsertest.Step("wait for the answer in place", chromedp.WaitVisible(chromedp.CSS(panel+" .flash--success"))),
	)
	if got := browsertest.Get(t, am, chromedp.Text(chromedp.CSS(panel+" .flash--success"))); !strings.Contains(got, "Renewed Company A, Solutions Hub visibility for 3 months: the new term runs from") {
		t.Errorf("the panel says %q", got)
	}
	if got := browsertest.Get(t, am, chromedp.Text(chromedp.CSS(panel+" .card__header .badge"))); !strings.Contains(got, "Active") {
		t.Errorf("after renewing the badge says %q", got)
	}
	if got := browsertest.Get(t, am, chromedp.Text(chromedp.CSS("#timeline"))); !strings.Contains(got, "Service renewed") {
		t.Errorf("the timeline shows %q", got)
	}
	am.CheckA11y(t)

	partner := browser.Page(t)
	env.BrowserSignIn(t, partner, webtest.PartnerA)
	partner.Visit(t, env.URL+"/services")
	card := browsertest.Get(t, partner, chromedp.Text(chromedp.CSS("#service-"+webtest.Itoa(hub))))
	if !strings.Contains(card, "Active until 24 Feb 2027") {
		t.Errorf("My Services shows the Hub as %q", card)
	}
	partner.Run(t,
		browsertest.Step("open Hub listings", chromedp.Click(chromedp.CSS(`nav.main-nav a[href="/hub/listings"]`))),
		browsertest.Step("wait for the profile form", chromedp.WaitVisible(chromedp.CSS("#hub-profile"))),
	)
	partner.CheckA11y(t)
	if n := browsertest.Get(t, partner, chromedp.Evaluate[int](`document.querySelectorAll('.banner--readonly, #hub-profile :disabled').length`)); n != 0 {
		t.Errorf("%d read-only banners or disabled controls on Hub listings after the renewal", n)
	}
	partner.Run(t,
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#f-tagline').value = ''`),
		chromedp.SendKeys(chromedp.CSS("#f-tagline"), "Renewed and listed again"),
		browsertest.Step("save", chromedp.Click(chromedp.CSS(`#hub-profile button[type=submit]`))),
		browsertest.Step("wait for Saved", chromedp.WaitVisible(chromedp.CSS("#hub-profile .flash--success"))),
	)
	var tagline string
	if err := env.Pool.QueryRow(context.Background(), "SELECT hub_tagline FROM partner_companies WHERE name = 'Company A'").Scan(&tagline); err != nil || tagline != "Renewed and listed again" {
		t.Errorf("tagline %q (err %v) after saving", tagline, err)
	}
	partner.CheckA11y(t)
}

// TestBrowserStaffPagesPassAxe opens every staff page, with its forms shown and in their
// error and warning states, and the password page a new user's link leads to.
func TestBrowserStaffPagesPassAxe(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	browser := chromium.Browser(t)
	a := env.CompanyID(t, "Company A")
	hub, _ := env.Service(t, "Company A", "solutions_hub", "")
	requestRenewal(t, env, hub, "6", "Please renew before the spring campaign.")
	sandbox, _ := env.Service(t, "Company A", "software", "sandbox")
	openAll := chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('details').forEach(d => { d.open = true })`)

	p := browser.Page(t)
	env.BrowserSignIn(t, p, webtest.Admin)
	panel := "#service-" + webtest.Itoa(sandbox)
	p.Visit(t, env.URL+"/admin/partners/"+webtest.Itoa(a))
	p.Run(t, openAll)
	p.CheckA11y(t)
	p.Run(t,
		chromedp.SetValue(chromedp.CSS(panel+` form[action$="/limits"] input[name=cap_percent]`), "0"),
		chromedp.SetValue(chromedp.CSS(panel+` form[action$="/limits"] input[name=message_quota]`), "90"),
		browsertest.Step("save limits below the usage", chromedp.Click(chromedp.CSS(panel+` form[action$="/limits"] button[type=submit]`))),
		browsertest.Step("wait for the warning", chromedp.WaitVisible(chromedp.CSS(panel+" .banner--warning"))),
	)
	p.CheckA11y(t)
	p.Run(t,
		openAll,
		chromedp.SetValue(chromedp.CSS(panel+` form[action$="/renew"] input[name=cap_percent]`), "300"),
		browsertest.Step("renew with a bad cap", chromedp.Click(chromedp.CSS(panel+` form[action$="/renew"] button[type=submit]`))),
		browsertest.Step("wait for the field error", chromedp.WaitVisible(chromedp.CSS(panel+" .field__error"))),
		openAll,
	)
	p.CheckA11y(t)
	p.Run(t,
		browsertest.Step("grant without a module", chromedp.Click(chromedp.CSS(`#grant button[type=submit]`))),
		browsertest.Step("wait for the grant errors", chromedp.WaitVisible(chromedp.CSS("#grant-module-error"))),
	)
	p.CheckA11y(t)
	expectRefusals(t, p, 3)
	for _, path := range []string{"/admin", "/admin/renewals", "/admin/audit", "/admin/companies", "/admin/companies/" + webtest.Itoa(a) + "/edit", "/admin/users"} {
		p.Visit(t, env.URL+path)
		p.Run(t, openAll)
		p.CheckA11y(t)
	}
	p.Run(t,
		chromedp.SendKeys(chromedp.CSS("#f-name"), "Bea Baker"),
		chromedp.SendKeys(chromedp.CSS("#f-email"), "bea@company-a.example"),
		chromedp.SetValue(chromedp.CSS("#f-company"), webtest.Itoa(a)),
		browsertest.Step("create a user", chromedp.Click(chromedp.CSS(`form[action="/admin/users"] button[type=submit]`))),
		browsertest.Step("wait for the link", chromedp.WaitVisible(chromedp.CSS(".link-box"))),
	)
	p.CheckA11y(t)
	link := browsertest.Get(t, p, chromedp.Value(chromedp.CSS(".link-box")))

	visitor := browser.Page(t)
	visitor.Visit(t, link)
	visitor.Run(t,
		chromedp.SendKeys(chromedp.CSS("#f-password"), "short"),
		browsertest.Step("set a short password", chromedp.Click(chromedp.CSS(`main form button[type=submit]`))),
		browsertest.Step("wait for the error", chromedp.WaitVisible(chromedp.CSS("#f-password-error"))),
	)
	visitor.CheckA11y(t)
	expectRefusals(t, visitor, 1)
}

// expectRefusals takes the console errors the browser logs for 422 answers the test provoked
// (htmx requests and form posts the server refused), and fails on any other error.
func expectRefusals(t *testing.T, p *browsertest.Page, n int) {
	t.Helper()
	errs := p.TakeConsoleErrors()
	for _, e := range errs {
		if !strings.Contains(e, "status of 422") {
			t.Errorf("console error: %s", e)
		}
	}
	if len(errs) != n {
		t.Errorf("%d refusals logged, want %d: %q", len(errs), n, errs)
	}
}
