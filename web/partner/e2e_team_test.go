package partner_test

import (
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"partnerportal/web/browsertest"
	"partnerportal/web/webtest"
)

// TestBrowserTeamHandsOver: an owner invites a colleague, who opens the link, sets a password
// and is signed in; the owner makes them owner, and the new owner makes the first a member.
// axe checks the team page and the accept page. PORTAL_SCREENSHOTS names a folder to keep a
// picture of both at 1280 and 390 px.
func TestBrowserTeamHandsOver(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	dir := os.Getenv("PORTAL_SCREENSHOTS")
	owner := chromium.Page(t)
	env.BrowserSignIn(t, owner, ownerC)
	owner.Visit(t, env.URL+"/team")
	owner.Run(t,
		chromedp.SendKeys(chromedp.CSS("#f-email"), "noor@company-c.example"),
		browsertest.Step("send the invitation", chromedp.Click(chromedp.CSS(`form[action="/team/invitations"] button[type=submit]`))),
		browsertest.Step("wait for the link", chromedp.WaitVisible(chromedp.CSS("#invite-link"))),
	)
	owner.CheckA11y(t)
	link := browsertest.Get(t, owner, chromedp.Evaluate[string](`document.querySelector("#invite-link").value`))
	if !strings.HasPrefix(link, env.URL+"/invite/") {
		t.Fatalf("the page shows %q as the link", link)
	}
	if dir != "" {
		owner.Screenshot(t, dir+"/team-invited-1280.png")
		shoot(t, owner, dir, "team", env.URL+"/team")
	}

	colleague := chromium.Page(t)
	colleague.Visit(t, link)
	if dir != "" {
		shoot(t, colleague, dir, "accept", link)
	}
	colleague.Run(t,
		chromedp.SendKeys(chromedp.CSS("#f-name"), "Noor Nasser"),
		chromedp.SendKeys(chromedp.CSS("#f-password"), "a long enough password"),
		browsertest.Step("join", chromedp.Click(chromedp.CSS(`main form button[type=submit]`))),
		browsertest.Step("wait for the signed-in page", chromedp.WaitVisible(chromedp.CSS(".account__name"))),
	)
	colleague.CheckA11y(t)
	if who := browsertest.Get(t, colleague, chromedp.Text(chromedp.CSS(".account__name"))); who != "Noor Nasser" {
		t.Errorf("signed in as %q", who)
	}

	noor := webtest.Itoa(userID(t, env, "noor@company-c.example"))
	owner.Visit(t, env.URL+"/team")
	owner.Run(t,
		browsertest.Step("make Noor owner", chromedp.Click(chromedp.CSS(`#member-`+noor+` form[action$="/role"] button`))),
		browsertest.Step("wait for the answer", chromedp.WaitVisible(chromedp.CSS(`#flash .flash--success`))),
	)
	owner.CheckA11y(t)
	if role := teamRole(t, env, "noor@company-c.example"); role != "owner" {
		t.Fatalf("Noor is %q, want owner", role)
	}

	chloe := webtest.Itoa(userID(t, env, ownerC))
	colleague.Visit(t, env.URL+"/team")
	colleague.Run(t,
		browsertest.Step("make Chloe a member", chromedp.Click(chromedp.CSS(`#member-`+chloe+` form[action$="/role"] button`))),
		browsertest.Step("wait for the answer", chromedp.WaitVisible(chromedp.CSS(`#flash .flash--success`))),
	)
	colleague.CheckA11y(t)
	if flash := browsertest.Get(t, colleague, chromedp.Text(chromedp.CSS("#flash"))); !strings.Contains(flash, "Chloe Chen is now a member") {
		t.Errorf("after demoting Chloe the flash says %q", flash)
	}
	if role := teamRole(t, env, ownerC); role != "member" {
		t.Errorf("Chloe is %q, want member", role)
	}
	if n := teamAuditCount(t, env, "team.role", ""); n != 2 {
		t.Errorf("%d role changes in the audit trail, want 2", n)
	}
}

// shoot keeps pictures of url at 1280 and 390 px wide in dir, and leaves p at 1280 px.
func shoot(t *testing.T, p *browsertest.Page, dir, name, url string) {
	t.Helper()
	for _, w := range []int64{390, 1280} {
		p.Run(t, chromedp.EmulateViewport(w, 900))
		p.Visit(t, url)
		p.Screenshot(t, dir+"/"+name+"-"+webtest.Itoa(w)+".png")
	}
}
