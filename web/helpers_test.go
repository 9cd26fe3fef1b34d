package web_test

import (
	"sort"
	"strconv"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/chromedp"

	"partnerportal/db/seed"
	"partnerportal/web/browsertest"
	"partnerportal/web/webtest"
)

type goquerySelection = goquery.Selection

// browserSignIn opens the sign-in page and signs in as email.
func browserSignIn(t *testing.T, p *browsertest.Page, env *webtest.Env, email string) {
	t.Helper()
	p.Visit(t, env.URL+"/login")
	signInAs(t, p, email)
}

// signInAs fills in the sign-in form the page shows, submits it and waits for the signed-in
// header of the page it leads to.
func signInAs(t *testing.T, p *browsertest.Page, email string) {
	t.Helper()
	p.Run(t,
		chromedp.SendKeys(chromedp.CSS("#f-email"), email),
		chromedp.SendKeys(chromedp.CSS("#f-password"), seed.DemoPassword),
		browsertest.Step("sign in", chromedp.Click(chromedp.CSS(`form[action="/login"] button[type=submit]`))),
		browsertest.Step("wait for the next page", chromedp.WaitVisible(chromedp.CSS(".account__name"))),
	)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
