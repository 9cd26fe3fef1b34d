package partner_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"partnerportal/web/browsertest"
	"partnerportal/web/webtest"
)

// TestBrowserTopupRequestAndApproval: Company A's sandbox plan has used up its quota. Its user
// asks for a top-up on My Services with htmx; the account manager approves another amount from
// Requests; the plan's card says Active again and its history chart marks the new quota. The
// term timeline and the chart pass axe on the way.
func TestBrowserTopupRequestAndApproval(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ctx := context.Background()
	plan := env.Plan(t, "Company A", "software", "sandbox")
	env.Exec(t, "UPDATE service_terms SET messages_used = 130 WHERE id = $1", plan.TermID)
	box := "#topup-" + webtest.Itoa(plan.ServiceID)

	p := chromium.Page(t)
	env.BrowserSignIn(t, p, webtest.PartnerA)
	p.Visit(t, env.URL+"/services")
	if n := browsertest.Get(t, p, chromedp.Evaluate[int](`document.querySelectorAll('svg.timeline__svg g.timeline__term[tabindex="0"] title').length`)); n == 0 {
		t.Error("My Services shows no term timeline with focusable, titled bars")
	}
	p.Run(t,
		browsertest.Step("open the top-up form", chromedp.Click(chromedp.CSS(box+" summary"))),
		chromedp.SetValue(chromedp.CSS(box+" select[name=metric]"), "messages"),
		chromedp.SendKeys(chromedp.CSS(box+" input[name=amount]"), "200"),
		chromedp.SendKeys(chromedp.CSS(box+" textarea[name=reason]"), "Pilot week"),
		browsertest.Step("send it", chromedp.Click(chromedp.CSS(box+" button[type=submit]"))),
		browsertest.Step("wait for the answer in place", chromedp.WaitVisible(chromedp.CSS(box+" .topup__open"))),
	)
	if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS(box+" .topup__open"))); !strings.Contains(got, "200 messages") {
		t.Errorf("the card says %q after the request", got)
	}
	p.CheckA11y(t)

	staff := chromium.Page(t)
	env.BrowserSignIn(t, staff, webtest.AccountManager)
	staff.Visit(t, env.URL+"/admin/renewals")
	card := `article[id^="topup-request-"]`
	staff.Run(t,
		chromedp.SetValue(chromedp.CSS(card+" input[name=amount]"), "500"),
		browsertest.Step("approve", chromedp.Click(chromedp.CSS(card+" button.button--primary"))),
		browsertest.Step("wait for the answer", chromedp.WaitVisible(chromedp.CSS(card+" .flash"))),
	)
	staff.CheckA11y(t)
	var quota, topup int
	if err := env.Pool.QueryRow(ctx, "SELECT message_quota, message_topup FROM service_terms WHERE id = $1", plan.TermID).Scan(&quota, &topup); err != nil || quota != 600 || topup != 500 {
		t.Fatalf("term quota %d, top-up %d (%v), want 600 and 500", quota, topup, err)
	}

	p.Visit(t, env.URL+"/services")
	if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS("#service-"+webtest.Itoa(plan.ServiceID)+" .badge"))); !strings.Contains(got, "Active") {
		t.Errorf("the sandbox plan's badge says %q, want Active", got)
	}
	p.Visit(t, env.URL+"/services/"+webtest.Itoa(plan.ServiceID)+"/history")
	if got := browsertest.Get(t, p, chromedp.Evaluate[string](`document.querySelector('svg.chart line.chart__quota').getAttribute('data-quota')`)); got != "600" {
		t.Errorf("the chart's quota mark is at %q, want 600", got)
	}
	p.Run(t, browsertest.Step("open the data table", chromedp.Click(chromedp.CSS("details.history__data summary"))))
	p.CheckA11y(t)
}
