package staff_test

import (
	"os"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"

	"partnerportal/web/browsertest"
	"partnerportal/web/webtest"
)

// TestBrowserSupportInboxFitsEveryWidth: the dashboard with its support counts, the inbox and
// a ticket as staff see them pass axe and fit a phone's width (screenshots kept when
// PORTAL_SCREENSHOTS names a folder).
func TestBrowserSupportInboxFitsEveryWidth(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	p := chromium.Browser(t).Page(t)
	env.BrowserSignIn(t, p, webtest.AccountManager)
	for _, page := range []struct{ name, path string }{
		{"dashboard", "/admin"},
		{"support-inbox", "/admin/support?status=all"},
		{"support-ticket-staff", "/admin/support/" + webtest.Itoa(ticketID(t, env, "How do we raise"))},
	} {
		for _, width := range []int64{1280, 390} {
			p.Run(t, chromedp.EmulateViewport(width, 900))
			p.Visit(t, env.URL+page.path)
			overflow := browsertest.Get(t, p, chromedp.Evaluate[int](`document.documentElement.scrollWidth - document.documentElement.clientWidth`))
			if overflow > 0 {
				t.Errorf("%s at %d px: the page is %d px wider than the window", page.name, width, overflow)
			}
			if dir := os.Getenv("PORTAL_SCREENSHOTS"); dir != "" {
				p.Screenshot(t, dir+"/"+page.name+"-"+strconv.FormatInt(width, 10)+".png")
			}
		}
	}
}
