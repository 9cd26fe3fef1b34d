package partner_test

import (
	"os"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"

	"partnerportal/web/browsertest"
	"partnerportal/web/webtest"
)

// fitsEveryWidth visits url at a desktop and a phone width: axe passes, nothing makes the
// phone scroll sideways, and a screenshot is kept when PORTAL_SCREENSHOTS names a folder.
func fitsEveryWidth(t *testing.T, p *browsertest.Page, url, name string) {
	t.Helper()
	for _, width := range []int64{1280, 390} {
		p.Run(t, chromedp.EmulateViewport(width, 900))
		p.Visit(t, url)
		overflow := browsertest.Get(t, p, chromedp.Evaluate[int](`document.documentElement.scrollWidth - document.documentElement.clientWidth`))
		if overflow > 0 {
			t.Errorf("%s at %d px: the page is %d px wider than the window", name, width, overflow)
		}
		if dir := os.Getenv("PORTAL_SCREENSHOTS"); dir != "" {
			p.Screenshot(t, dir+"/"+name+"-"+strconv.FormatInt(width, 10)+".png")
		}
	}
	p.Run(t, chromedp.EmulateViewport(1280, 900))
}

// TestBrowserSupportPagesFitEveryWidth: the partner's Support pages, usable and read-only,
// and Company C's empty list.
func TestBrowserSupportPagesFitEveryWidth(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ticket, _ := demoTicket(t, env, "Gateway drops")
	resolved, _ := demoTicket(t, env, "Invoice address")
	path := "/support/tickets/" + webtest.Itoa(ticket)
	p := chromium.Page(t)
	env.BrowserSignIn(t, p, webtest.PartnerA)
	fitsEveryWidth(t, p, env.URL+"/support", "support-list")
	fitsEveryWidth(t, p, env.URL+"/support/new", "support-new")
	fitsEveryWidth(t, p, env.URL+path, "support-ticket")
	fitsEveryWidth(t, p, env.URL+"/support/tickets/"+webtest.Itoa(resolved), "support-ticket-resolved")

	env.SetModuleState(t, env.CompanyID(t, "Company A"), "support", "expired")
	fitsEveryWidth(t, p, env.URL+"/support", "support-list-readonly")
	fitsEveryWidth(t, p, env.URL+path, "support-ticket-readonly")

	c := chromium.Page(t)
	env.BrowserSignIn(t, c, webtest.PartnerC)
	fitsEveryWidth(t, c, env.URL+"/support", "support-list-empty")
}
