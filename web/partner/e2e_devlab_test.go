package partner_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"partnerportal/web/browsertest"
	"partnerportal/web/webtest"
)

// TestBrowserDevLabSendsUntilRefused: Company A's sandbox plan (100 messages, cap 30%) stands
// at 95. From the DevLab console its user sends 5 test messages (the plan enters grace), then
// 30 (exhausted), after which the console's forms are disabled with the reason; the plan's
// badge, usage bar and log change in place each time, and My Services lists the warnings.
func TestBrowserDevLabSendsUntilRefused(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	p := chromium.Page(t)
	env.BrowserSignIn(t, p, webtest.PartnerA)
	p.Run(t,
		browsertest.Step("open DevLab from the navigation", chromedp.Click(chromedp.CSS(`nav.main-nav a[href="/devlab"]`))),
		browsertest.Step("wait for the sandbox plan", chromedp.WaitVisible(chromedp.CSS("#devlab-plan-software .badge--active"))),
	)
	p.CheckA11y(t)
	plan := func() string { return browsertest.Get(t, p, chromedp.Text(chromedp.CSS("#devlab-plan-software"))) }
	if got := plan(); !strings.Contains(got, "95 of 100 messages used") {
		t.Fatalf("the plan reads %q before sending", got)
	}
	send := func(n, waitFor string) {
		t.Helper()
		p.Run(t,
			chromedp.SetValue(chromedp.CSS("#f-count"), n),
			browsertest.Step("send "+n+" test messages", chromedp.Click(chromedp.CSS("#devlab-send button[type=submit]"))),
			browsertest.Step("wait for "+waitFor, chromedp.WaitVisible(chromedp.CSS(waitFor))),
		)
	}

	send("5", "#devlab-plan-software .badge--grace")
	if got := plan(); !strings.Contains(got, "100 of 100 messages used") || !strings.Contains(got, "30 messages left in the cap allowance") {
		t.Errorf("after 5 more the plan reads %q", got)
	}
	if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS("#devlab-outcome"))); !strings.Contains(got, "5 of 5 test messages accepted") {
		t.Errorf("outcome %q", got)
	}
	p.CheckA11y(t)

	send("30", "#devlab-plan-software .badge--readonly")
	if got := plan(); !strings.Contains(got, "130 of 100 messages used") || !strings.Contains(got, "Quota used up") {
		t.Errorf("after 30 more the plan reads %q", got)
	}

	// the plan can take nothing more: the console says so and offers no Send (the server would
	// refuse it, as devlab_test shows)
	p.Run(t, browsertest.Step("wait for the disabled form", chromedp.WaitVisible(chromedp.CSS("#devlab-send fieldset[disabled]"))))
	if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS("#devlab-send-why"))); !strings.Contains(got, "Quota used up") || !strings.Contains(got, "renewal") {
		t.Errorf("the disabled form says %q", got)
	}
	p.CheckA11y(t)

	// My Services tells the same story in its quota warnings.
	p.Visit(t, env.URL+"/services")
	if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS(".service-notices"))); !strings.Contains(got, "Entered grace") || !strings.Contains(got, "Quota used up") {
		t.Errorf("My Services' warnings read %q", got)
	}

	var used int64
	if err := env.Pool.QueryRow(context.Background(), `SELECT t.messages_used FROM service_terms t JOIN services s ON s.id = t.service_id
		JOIN partner_companies c ON c.id = s.company_id WHERE c.name = 'Company A' AND s.module = 'software' AND s.environment = 'sandbox'`).Scan(&used); err != nil || used != 130 {
		t.Errorf("stored usage %d (%v), want 130", used, err)
	}
}
