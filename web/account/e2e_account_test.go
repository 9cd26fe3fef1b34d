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

// TestBrowserAccountPage drives Chromium through the account page: a new name shows in the
// header, a wrong current password comes back under its field, a new password keeps the browser
// signed in and signs in afterwards, and a new address is confirmed from the mailed link.
// axe-core checks every page in each state; the account page fits a phone.
// PORTAL_SCREENSHOTS names a folder for pictures of it at 1280 and 390 px.
func TestBrowserAccountPage(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	p := chromium.Page(t)
	env.BrowserSignIn(t, p, webtest.Consumer)
	// a second browser, so the list has a session to sign out
	signedInWith(t, env, webtest.Consumer, firefoxLinux)
	p.Visit(t, env.URL+"/account")
	if dir := os.Getenv("PORTAL_SCREENSHOTS"); dir != "" {
		p.Run(t, chromedp.EmulateViewport(1280, 900))
		p.Screenshot(t, dir+"/account-consumer-1280.png")
		p.Run(t, chromedp.EmulateViewport(390, 844))
		p.Screenshot(t, dir+"/account-consumer-390.png")
		p.Run(t, chromedp.EmulateViewport(1280, 900))
	}
	p.Run(t, chromedp.EmulateViewport(390, 844))
	if over := browsertest.Get(t, p, chromedp.Evaluate[int](`document.documentElement.scrollWidth - document.documentElement.clientWidth`)); over > 0 {
		t.Errorf("at 390 px the page is %d px wider than the window", over)
	}
	p.Run(t, chromedp.EmulateViewport(1280, 900))

	p.Run(t,
		browsertest.Step("type a new name", chromedp.Clear(chromedp.CSS("#f-name")), chromedp.SendKeys(chromedp.CSS("#f-name"), "Carlos C. Consumer")),
		browsertest.Step("save it", chromedp.Click(chromedp.CSS(`form[action^="/account/name"] button[type=submit]`))),
		browsertest.Step("wait for the flash", chromedp.WaitVisible(chromedp.CSS("#flash .flash__text"))),
	)
	p.CheckA11y(t)
	if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS(".account__name"))); got != "Carlos C. Consumer" {
		t.Errorf("the header shows %q after the name change", got)
	}

	p.Run(t,
		browsertest.Step("type a wrong current password", chromedp.SendKeys(chromedp.CSS("#f-current_password"), "not my password"),
			chromedp.SendKeys(chromedp.CSS("#f-new_password"), "a brand new password"),
			chromedp.SendKeys(chromedp.CSS("#f-new_password_confirm"), "a brand new password")),
		browsertest.Step("send it", chromedp.Click(chromedp.CSS(`form[action^="/account/password"] button[type=submit]`))),
		browsertest.Step("wait for the message", chromedp.WaitVisible(chromedp.CSS("#f-current_password-error"))),
	)
	// The browser reports the 422 as a failed load; it is the answer this step expects.
	for _, e := range p.TakeConsoleErrors() {
		if !strings.Contains(e, "422") {
			t.Errorf("console error besides the expected 422: %s", e)
		}
	}
	p.CheckA11y(t)
	if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS("#f-current_password-error"))); got != "That is not your current password." {
		t.Errorf("under the current password: %q", got)
	}
	if dir := os.Getenv("PORTAL_SCREENSHOTS"); dir != "" {
		p.Screenshot(t, dir+"/account-consumer-password-error-1280.png")
	}

	p.Run(t,
		browsertest.Step("type the right passwords", chromedp.Clear(chromedp.CSS("#f-current_password")),
			chromedp.SendKeys(chromedp.CSS("#f-current_password"), seed.DemoPassword),
			chromedp.SendKeys(chromedp.CSS("#f-new_password"), "a brand new password"),
			chromedp.SendKeys(chromedp.CSS("#f-new_password_confirm"), "a brand new password")),
		browsertest.Step("send them", chromedp.Click(chromedp.CSS(`form[action^="/account/password"] button[type=submit]`))),
		browsertest.Step("wait for the flash", chromedp.WaitVisible(chromedp.CSS("#flash .flash__text"))),
	)
	p.CheckA11y(t)
	if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS("#flash"))); !strings.Contains(got, "Your password is changed") {
		t.Errorf("the flash says %q", got)
	}
	if n := browsertest.Get(t, p, chromedp.Evaluate[int](`document.querySelectorAll(".sessions-table tbody tr").length`)); n != 1 {
		t.Errorf("%d sessions listed after the change, want this browser alone", n)
	}
	env.Client(t).SignIn(t, webtest.Consumer, "a brand new password")

	// a new address: the link from the mail opens a page that asks to confirm it
	p.Run(t,
		browsertest.Step("type a new address", chromedp.SendKeys(chromedp.CSS("#f-new-email"), "carlos@example.org"),
			chromedp.SendKeys(chromedp.CSS("#f-email-password"), "a brand new password")),
		browsertest.Step("ask for the link", chromedp.Click(chromedp.CSS(`form[action^="/account/email"] button[type=submit]`))),
		browsertest.Step("wait for the flash", chromedp.WaitVisible(chromedp.CSS("#email .banner"))),
	)
	p.CheckA11y(t)
	p.Visit(t, env.URL+env.MailLink(t, "carlos@example.org", "/account/email/"))
	if dir := os.Getenv("PORTAL_SCREENSHOTS"); dir != "" {
		p.Screenshot(t, dir+"/account-consumer-confirm-email-1280.png")
	}
	p.Run(t,
		browsertest.Step("confirm", chromedp.Click(chromedp.CSS(`form[action^="/account/email/"] button[type=submit]`))),
		browsertest.Step("wait for the account page", chromedp.WaitVisible(chromedp.CSS("#profile"))),
	)
	p.CheckA11y(t)
	if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS("#flash"))); !strings.Contains(got, "Your sign-in address is now carlos@example.org.") {
		t.Errorf("after confirming, the flash says %q", got)
	}
}
