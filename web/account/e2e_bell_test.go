package account_test

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"partnerportal/web/browsertest"
	"partnerportal/web/jobs"
	"partnerportal/web/webtest"
)

// bellCount is the number the bell shows, 0 when it shows none.
func bellCount(t *testing.T, p *browsertest.Page) int {
	t.Helper()
	s := browsertest.Get(t, p, chromedp.Evaluate[string](`document.querySelector('#bell .bell__count')?.textContent.trim() ?? ''`))
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(strings.Fields(s)[0])
	if err != nil {
		t.Fatalf("the bell shows %q", s)
	}
	return n
}

// TestBrowserBellFollowsNotices: partner Anna has Company A's services open when her account
// manager turns its support off. Once that is told, a reload shows one more unread notice on
// the bell; the bell leads to the list with the news on top, and "Mark all read" empties the
// bell. The list and the account page pass axe's WCAG 2.1 AA rules and fit a 390 px phone
// without scrolling sideways.
func TestBrowserBellFollowsNotices(t *testing.T) {
	t.Parallel()
	env := webtest.NewWithJobs(t, jobs.Config{})
	env.Sweep(t)
	p := chromium.Page(t)
	env.BrowserSignIn(t, p, webtest.PartnerA)
	before := bellCount(t, p)

	setStatus(t, env, env.SignedIn(t, webtest.AccountManager), "support", "inactive")
	env.Settle(t)
	p.Run(t, browsertest.Step("reload My Services", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#bell"))))
	if got := bellCount(t, p); got != before+1 {
		t.Errorf("after the deactivation the bell shows %d, want %d", got, before+1)
	}

	p.Run(t,
		browsertest.Step("click the bell", chromedp.Click(chromedp.CSS("#bell"))),
		browsertest.Step("wait for the list", chromedp.WaitVisible(chromedp.CSS("ol.notices"))),
	)
	p.CheckA11y(t)
	if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS("ol.notices > li:first-child .notice__title a"))); got != "Support is deactivated" {
		t.Errorf("the newest notice is %q, want %q", got, "Support is deactivated")
	}
	shoot(t, p, env.URL+"/notifications", "notifications")

	p.Run(t,
		browsertest.Step("mark all read", chromedp.Click(chromedp.CSS(`form[action="/notifications/read"] button`))),
		browsertest.Step("wait for the answer", chromedp.WaitVisible(chromedp.CSS("#flash .flash"))),
	)
	p.CheckA11y(t)
	if got := bellCount(t, p); got != 0 {
		t.Errorf("after Mark all read the bell shows %d, want none", got)
	}
	if got := browsertest.Get(t, p, chromedp.Evaluate[int](`document.querySelectorAll('.notice--unread').length`)); got != 0 {
		t.Errorf("after Mark all read %d notices are still marked unread", got)
	}

	p.Visit(t, env.URL+"/account")
	if got := browsertest.Get(t, p, chromedp.Evaluate[int](`document.querySelectorAll('input[name=email]:checked').length`)); got != 5 {
		t.Errorf("the account page ticks %d e-mail topics, want 5", got)
	}
	shoot(t, p, env.URL+"/account", "account")
}

// shoot opens url at a desktop and a phone width, checks that nothing makes the phone scroll
// sideways, and saves full-page screenshots when PORTAL_SCREENSHOTS names a folder.
func shoot(t *testing.T, p *browsertest.Page, url, name string) {
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
