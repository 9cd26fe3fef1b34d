package partner_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"partnerportal/web/browsertest"
	"partnerportal/web/webtest"
)

// TestBrowserReadOnlyHubAndRenewal: Company A's Solutions Hub expired two weeks ago. Its user
// sees Hub listings under the read-only banner with a form that cannot be submitted, follows
// "Request renewal" to My Services and sends the request there with htmx.
func TestBrowserReadOnlyHubAndRenewal(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	p := chromium.Page(t)
	ctx := context.Background()
	var hubID int64
	if err := env.Pool.QueryRow(ctx, `SELECT s.id FROM services s JOIN partner_companies c ON c.id = s.company_id
		WHERE c.name = 'Company A' AND s.module = 'solutions_hub'`).Scan(&hubID); err != nil {
		t.Fatal(err)
	}

	env.BrowserSignIn(t, p, webtest.PartnerA)
	p.Run(t,
		browsertest.Step("open Hub listings from the navigation", chromedp.Click(chromedp.CSS(`nav.main-nav a[href="/hub/listings"]`))),
		browsertest.Step("wait for the read-only banner", chromedp.WaitVisible(chromedp.CSS(".banner--readonly"))),
	)
	p.CheckA11y(t)
	if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS(".banner--readonly"))); !strings.Contains(got, "Hub listings is read-only") || !strings.Contains(got, "Request renewal") {
		t.Errorf("banner says %q", got)
	}
	disabled := browsertest.Get(t, p, chromedp.Evaluate[bool](`[...document.querySelectorAll('#hub-profile input:not([type=hidden]), #hub-profile button')].every(el => el.matches(':disabled'))`))
	if !disabled {
		t.Error("the Hub profile form has controls that are not disabled")
	}
	// Clicking the disabled Save (after typing into its field) does nothing: no request, no change.
	var before string
	if err := env.Pool.QueryRow(ctx, "SELECT hub_tagline FROM partner_companies WHERE name = 'Company A'").Scan(&before); err != nil {
		t.Fatal(err)
	}
	p.Run(t, chromedp.Evaluate[chromedp.Void](`document.querySelector('#f-tagline').value = 'Changed'; document.querySelector('#hub-profile button[type=submit]').click()`))
	if got := browsertest.Get(t, p, chromedp.Location()); !strings.HasSuffix(got, "/hub/listings") {
		t.Errorf("after clicking the disabled Save the browser is at %s", got)
	}
	var tagline string
	if err := env.Pool.QueryRow(ctx, "SELECT hub_tagline FROM partner_companies WHERE name = 'Company A'").Scan(&tagline); err != nil || tagline != before {
		t.Errorf("tagline %q (err %v) after the refused save, want it unchanged", tagline, err)
	}

	card := "#renewal-" + webtest.Itoa(hubID)
	p.Run(t,
		browsertest.Step("follow Request renewal", chromedp.Click(chromedp.CSS(".banner--readonly a.button"))),
		browsertest.Step("wait for My Services", chromedp.WaitVisible(chromedp.CSS(card+" summary"))),
	)
	p.CheckA11y(t)
	p.Run(t,
		browsertest.Step("open the renewal form", chromedp.Click(chromedp.CSS(card+" summary"))),
		chromedp.SetValue(chromedp.CSS(card+" select[name=term_months]"), "6"),
		chromedp.SendKeys(chromedp.CSS(card+" textarea[name=message]"), "Please renew before the spring campaign."),
		browsertest.Step("send it", chromedp.Click(chromedp.CSS(card+" button[type=submit]"))),
		browsertest.Step("wait for the answer in place", chromedp.WaitVisible(chromedp.CSS(card+" .renewal__done"))),
	)
	if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS(card+" .renewal__done"))); !strings.Contains(got, "Renewal requested on 25 Nov 2026") {
		t.Errorf("the card says %q after the request", got)
	}
	p.CheckA11y(t)
	var term int
	var msg string
	if err := env.Pool.QueryRow(ctx, "SELECT term_months, message FROM renewal_requests WHERE service_id = $1 AND status = 'open'", hubID).Scan(&term, &msg); err != nil {
		t.Fatalf("no open request stored: %v", err)
	}
	if term != 6 || msg != "Please renew before the spring campaign." {
		t.Errorf("stored request: %d months, %q", term, msg)
	}
}
