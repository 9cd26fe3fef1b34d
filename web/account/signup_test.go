package account_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"partnerportal/web/webtest"
)

// TestSignupAnswersTheSameWhetherOrNotTheAddressHasAnAccount: the page says "check your mail"
// for a new address and for one with an account alike, and creates nothing; the mail tells
// which it is — a link to finish creating the account, or the ways into the existing one.
func TestSignupAnswersTheSameWhetherOrNotTheAddressHasAnAccount(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	answers := map[string]*webtest.Response{}
	for _, email := range []string{"dana@example.org", "Consumer@Example.com"} {
		c := env.Client(t)
		c.Get(t, "/signup")
		answers[email] = c.PostForm(t, "/signup", url.Values{"email": {email}})
	}
	fresh, taken := answers["dana@example.org"], answers["Consumer@Example.com"]
	if fresh.StatusCode != http.StatusOK || taken.StatusCode != fresh.StatusCode {
		t.Errorf("statuses %d (new address) and %d (an account's), want both 200", fresh.StatusCode, taken.StatusCode)
	}
	if a, b := fresh.Text("main"), taken.Text("main"); a != b || !strings.Contains(a, "Check your mail") {
		t.Errorf("the answers differ or do not say to check the mail:\nnew: %q\nexisting: %q", a, b)
	}
	if n := count(t, env, "SELECT count(*) FROM users WHERE email = 'dana@example.org'"); n != 0 {
		t.Errorf("asking created %d accounts, want none until the link is used", n)
	}
	if got := env.MailLink(t, "dana@example.org", "/signup/"); got == "" {
		t.Error("the new address got no link")
	}
	if n := mails(t, env, webtest.Consumer, "signup", "You already have a Partner Portal account"); n != 1 {
		t.Errorf("the account's owner got %d messages saying it exists, want 1", n)
	}
	if got := env.MailLink(t, webtest.Consumer, "/login"); !strings.Contains(got, "email=consumer") {
		t.Errorf("the owner's message links %q, want the sign-in page with the address", got)
	}
}

// TestSignupLinkCreatesACustomer: the link asks for a name and a password, refuses bad ones
// under the fields, then creates the account, signs it in and works only once.
func TestSignupLinkCreatesACustomer(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.Client(t)
	c.Get(t, "/signup")
	c.PostForm(t, "/signup", url.Values{"email": {"dana@example.org"}})
	link := env.MailLink(t, "dana@example.org", "/signup/")
	page := c.Get(t, link)
	if page.StatusCode != http.StatusOK || !strings.Contains(page.Text("main"), "dana@example.org") {
		t.Fatalf("the link's page: %d %q", page.StatusCode, page.Text("main"))
	}
	bad := c.PostForm(t, link, url.Values{"name": {"Da\x00na"}, "password": {"short"}})
	if bad.StatusCode != http.StatusUnprocessableEntity || bad.Text("#f-name-error") == "" || bad.Text("#f-password-error") == "" {
		t.Errorf("bad name and password: %d, errors %q / %q", bad.StatusCode, bad.Text("#f-name-error"), bad.Text("#f-password-error"))
	}
	ok := c.PostForm(t, link, url.Values{"name": {"Dana"}, "password": {"long enough password"}})
	if ok.StatusCode != http.StatusSeeOther || ok.Header.Get("Location") != "/hub" {
		t.Fatalf("finish: %d to %q, want 303 to /hub", ok.StatusCode, ok.Header.Get("Location"))
	}
	if hub := c.Get(t, "/hub"); !strings.Contains(hub.Text(".account__who"), "Dana") {
		t.Errorf("after sign-up the header shows %q, want Dana signed in", hub.Text(".account__who"))
	}
	again := env.Client(t)
	if r := again.Get(t, link); r.StatusCode != http.StatusNotFound {
		t.Errorf("the link a second time: %d, want 404", r.StatusCode)
	}
}

// TestSignupIsThrottledPerAddress: asking again and again for one address sends a few
// messages, then is refused with 429 and Retry-After (and no more messages) until the wait is
// over.
func TestSignupIsThrottledPerAddress(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	statuses := map[int]int{}
	for range 20 {
		c := env.Client(t)
		c.Get(t, "/signup")
		r := c.PostForm(t, "/signup", url.Values{"email": {webtest.Consumer}})
		statuses[r.StatusCode]++
		if r.StatusCode == http.StatusTooManyRequests && r.Header.Get("Retry-After") == "" {
			t.Error("429 without Retry-After")
		}
	}
	if statuses[http.StatusOK] > 3 || statuses[http.StatusTooManyRequests] < 17 {
		t.Errorf("20 requests for one address: %v, want at most 3 answered", statuses)
	}
	if n := mails(t, env, webtest.Consumer, "signup", ""); n > 3 {
		t.Errorf("%d messages to one address, want at most 3", n)
	}
}

// count runs a query that counts something.
func count(t *testing.T, env *webtest.Env, sql string) int {
	t.Helper()
	var n int
	if err := env.Pool.QueryRow(t.Context(), sql).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
