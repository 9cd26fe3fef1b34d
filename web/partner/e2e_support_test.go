package partner_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"partnerportal/web/browsertest"
	"partnerportal/web/webtest"
)

// TestBrowserSupportTicketFromOpeningToResolved: Company A's user opens a ticket with a log
// attached; its account manager finds it at the top of the Support inbox and answers it; the
// partner sees the answer in the conversation and marks the ticket resolved. Every page passes
// axe.
func TestBrowserSupportTicketFromOpeningToResolved(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	browser := chromium.Browser(t)
	log := filepath.Join(t.TempDir(), "collector.log")
	if err := os.WriteFile(log, []byte("09:00 collector started\n09:05 upload failed: timeout\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	partner := browser.Page(t)
	env.BrowserSignIn(t, partner, webtest.PartnerA)
	partner.Run(t,
		browsertest.Step("open Support from the navigation", chromedp.Click(chromedp.CSS(`nav.main-nav a[href="/support"]`))),
		browsertest.Step("wait for the ticket list", chromedp.WaitVisible(chromedp.CSS(".ticket-list"))),
	)
	partner.CheckA11y(t)
	partner.Run(t,
		browsertest.Step("open the new ticket form", chromedp.Click(chromedp.CSS(`.page-header a[href="/support/new"]`))),
		browsertest.Step("wait for the form", chromedp.WaitVisible(chromedp.CSS("#new-ticket"))),
	)
	partner.CheckA11y(t)
	partner.Run(t,
		chromedp.SendKeys(chromedp.CSS("#f-subject"), "Collector uploads time out"),
		chromedp.SetValue(chromedp.CSS("#f-module"), "software"),
		chromedp.SetValue(chromedp.CSS("#f-priority"), "high"),
		chromedp.SendKeys(chromedp.CSS("#f-description"), "Uploads from the collector time out since this morning. Log attached."),
		chromedp.SetUploadFiles(chromedp.CSS("#f-files"), []string{log}),
		browsertest.Step("open the ticket", chromedp.Click(chromedp.CSS(`#new-ticket button[type=submit]`))),
		browsertest.Step("wait for the ticket's page", chromedp.WaitVisible(chromedp.CSS(".thread .message"))),
	)
	partner.CheckA11y(t)
	if got := browsertest.Get(t, partner, chromedp.Text(chromedp.CSS(".thread"))); !strings.Contains(got, "collector.log") {
		t.Errorf("the new ticket's thread reads %q", got)
	}
	ticketURL := browsertest.Get(t, partner, chromedp.Location())

	am := browser.Page(t)
	env.BrowserSignIn(t, am, webtest.AccountManager)
	am.Run(t,
		browsertest.Step("open the Support inbox", chromedp.Click(chromedp.CSS(`nav.main-nav a[href="/admin/support"]`))),
		browsertest.Step("wait for the inbox", chromedp.WaitVisible(chromedp.CSS(".ticket-list"))),
	)
	am.CheckA11y(t)
	// it waits less than the demo's ticket opened yesterday, so it comes second
	id := ticketURL[strings.LastIndex(ticketURL, "/")+1:]
	rows := browsertest.Get(t, am, chromedp.Text(chromedp.CSS(".ticket-list")))
	if strings.Index(rows, "Gateway drops off") > strings.Index(rows, "Collector uploads time out") {
		t.Errorf("the inbox reads %q, want the longest wait first", rows)
	}
	if got := browsertest.Get(t, am, chromedp.Text(chromedp.CSS("#ticket-"+id))); !strings.Contains(got, "left") {
		t.Errorf("the new ticket's row reads %q, want its time left", got)
	}
	am.Run(t,
		browsertest.Step("open the new ticket", chromedp.Click(chromedp.CSS(`#ticket-`+id+` .ticket-row__subject`))),
		browsertest.Step("wait for the reply form", chromedp.WaitVisible(chromedp.CSS("#reply textarea"))),
	)
	am.CheckA11y(t)
	am.Run(t,
		chromedp.SendKeys(chromedp.CSS("#f-body"), "We raised the collector's upload timeout. Please try again and tell us."),
		browsertest.Step("send the answer", chromedp.Click(chromedp.CSS(`#reply button[type=submit]`))),
		browsertest.Step("wait for the answer in the thread", chromedp.WaitVisible(chromedp.CSS(".message--staff"))),
	)
	am.CheckA11y(t)

	partner.Visit(t, ticketURL)
	if got := browsertest.Get(t, partner, chromedp.Text(chromedp.CSS(".message--staff"))); !strings.Contains(got, "upload timeout") || !strings.Contains(got, "Support team") {
		t.Errorf("the partner sees the answer as %q", got)
	}
	if got := browsertest.Get(t, partner, chromedp.Text(chromedp.CSS(".page-header .badge"))); !strings.Contains(got, "Waiting on you") {
		t.Errorf("the ticket's status reads %q", got)
	}
	partner.Run(t,
		browsertest.Step("mark it resolved", chromedp.Click(chromedp.CSS(`form[action$="/resolve"] button`))),
		browsertest.Step("wait for the confirmation", chromedp.WaitVisible(chromedp.CSS("#flash .flash--success"))),
	)
	partner.CheckA11y(t)
	if got := browsertest.Get(t, partner, chromedp.Text(chromedp.CSS(".page-header .badge"))); !strings.Contains(got, "Resolved") {
		t.Errorf("after resolving the status reads %q", got)
	}
	var status string
	if err := env.Pool.QueryRow(context.Background(), "SELECT status FROM support_tickets WHERE subject = 'Collector uploads time out'").Scan(&status); err != nil || status != "resolved" {
		t.Errorf("stored status %q (%v)", status, err)
	}
}
