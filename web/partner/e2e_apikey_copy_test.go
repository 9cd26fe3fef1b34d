package partner_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"partnerportal/web/browsertest"
	"partnerportal/web/webtest"
)

// TestBrowserNewKeyCanBeCopied: the one-time secret of a new API key gets a Copy button (the
// script shows it; without the script the read-only field stays), and copying says so.
func TestBrowserNewKeyCanBeCopied(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	p := chromium.Page(t)
	env.BrowserSignIn(t, p, webtest.PartnerB)
	p.Visit(t, env.URL+"/api-keys")
	p.Run(t,
		chromedp.SendKeys(chromedp.CSS("#f-name"), "Copied key"),
		browsertest.Step("create the key", chromedp.Click(chromedp.CSS(`form[action="/api-keys"] button[type=submit]`))),
		browsertest.Step("wait for the copy button", chromedp.WaitVisible(chromedp.CSS(`button[data-copy="new-key-secret"]`))),
	)
	p.CheckA11y(t)
	p.Run(t,
		browsertest.Step("copy", chromedp.Click(chromedp.CSS(`button[data-copy="new-key-secret"]`))),
		browsertest.Step("wait for the answer", chromedp.WaitVisible(chromedp.CSS(".copy-field__status:not(:empty)"))),
	)
	if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS(".copy-field__status"))); !strings.Contains(got, "Copied") {
		t.Errorf("after copying the status says %q", got)
	}
}
