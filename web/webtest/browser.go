package webtest

import (
	"testing"

	"github.com/chromedp/chromedp"

	"partnerportal/db/seed"
	"partnerportal/web/browsertest"
)

// BrowserSignIn opens the portal's sign-in page in p and signs in as email.
func (e *Env) BrowserSignIn(t testing.TB, p *browsertest.Page, email string) {
	t.Helper()
	p.Visit(t, e.URL+"/login")
	SubmitSignIn(t, p, email)
}

// SubmitSignIn fills in the sign-in form that p shows with email and the demo password,
// submits it and waits for the signed-in header of the page it leads to. Tests that reach the
// form another way (from the cart, say) call it directly.
func SubmitSignIn(t testing.TB, p *browsertest.Page, email string) {
	t.Helper()
	p.Run(t,
		chromedp.SendKeys(chromedp.CSS("#f-email"), email),
		chromedp.SendKeys(chromedp.CSS("#f-password"), seed.DemoPassword),
		browsertest.Step("sign in", chromedp.Click(chromedp.CSS(`form[action="/login"] button[type=submit]`))),
		browsertest.Step("wait for the next page", chromedp.WaitVisible(chromedp.CSS(".account__name"))),
	)
}
