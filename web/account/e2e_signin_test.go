package account_test

import (
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"partnerportal/db/seed"
	"partnerportal/web/browsertest"
	"partnerportal/web/webtest"
)

// TestBrowserSignInAndOut drives Chromium through the sign-in form for each kind of user:
// the role's home appears with its name in the header, and signing out lands back on the
// sign-in page with a message. Every page visited passes axe-core's WCAG 2.1 AA rules and
// logs no console error or CSP violation.
func TestBrowserSignInAndOut(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	browser := chromium.Browser(t)
	for _, tt := range []struct{ email, home, heading, name string }{
		{webtest.PartnerA, "/services", "My Services", "Anna Andersen"},
		{webtest.AccountManager, "/admin", "Dashboard", "Amir Manager"},
		{webtest.Consumer, "/hub", "Solutions Hub", "Carlos Consumer"},
	} {
		t.Run(tt.email, func(t *testing.T) {
			// The users' sessions are independent, so their pages need not wait for each other.
			t.Parallel()
			p := browser.Page(t)
			p.Visit(t, env.URL+"/login")
			p.Run(t,
				browsertest.Step("fill in the sign-in form",
					chromedp.SendKeys(chromedp.CSS("#f-email"), tt.email),
					chromedp.SendKeys(chromedp.CSS("#f-password"), seed.DemoPassword),
				),
				browsertest.Step("submit", chromedp.Click(chromedp.CSS(`form[action="/login"] button[type=submit]`))),
				browsertest.Step("wait for the home page", chromedp.WaitVisible(chromedp.CSS(".account__name"))),
			)
			if got := browsertest.Get(t, p, chromedp.Location()); !strings.HasSuffix(got, tt.home) {
				t.Errorf("after sign-in the browser is at %s, want %s", got, tt.home)
			}
			if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS("main h1"))); got != tt.heading {
				t.Errorf("home heading %q, want %q", got, tt.heading)
			}
			if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS(".account__name"))); got != tt.name {
				t.Errorf("header shows %q, want %q", got, tt.name)
			}
			p.CheckA11y(t)
			if dir := os.Getenv("PORTAL_SCREENSHOTS"); dir != "" {
				p.Screenshot(t, dir+"/home-"+strings.Split(tt.email, "@")[0]+".png")
			}

			p.Run(t,
				browsertest.Step("sign out", chromedp.Click(chromedp.CSS(`form[action="/logout"] button`))),
				browsertest.Step("wait for the sign-in page", chromedp.WaitVisible(chromedp.CSS("#login-title"))),
			)
			if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS("#flash"))); !strings.Contains(got, "You have signed out") {
				t.Errorf("after sign-out the flash says %q", got)
			}
			p.CheckA11y(t)
			p.Visit(t, env.URL+"/hub")
			if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS(".account"))); got != "Sign in" {
				t.Errorf("after sign-out the header shows %q, want only a Sign in link", got)
			}
		})
	}
}
