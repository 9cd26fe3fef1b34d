package account_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"partnerportal/db/seed"
	"partnerportal/web/webtest"
)

// askForLink sends the "forgot your password" form for email from a new visitor.
func askForLink(t *testing.T, env *webtest.Env, email string) *webtest.Response {
	t.Helper()
	c := env.Client(t)
	c.Get(t, "/password/forgot")
	return c.PostForm(t, "/password/forgot", url.Values{"email": {email}})
}

// TestForgotPasswordSaysTheSameForEveryAddress: an address with an account (however it is
// capitalised) and one without get the same page and status; only the first receives one
// e-mail, and it carries a link to set a new password.
func TestForgotPasswordSaysTheSameForEveryAddress(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	var first string
	for _, tt := range []struct {
		name, email, owner string
		mails              int
	}{
		{"an account's address", webtest.PartnerA, webtest.PartnerA, 1},
		{"the same in capitals", "B@Company-B.example", webtest.PartnerB, 1},
		{"an unknown address", "nobody@example.com", "nobody@example.com", 0},
	} {
		r := askForLink(t, env, tt.email)
		if r.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d, want 200", tt.name, r.StatusCode)
		}
		page := r.Text("main")
		if first == "" {
			first = page
		} else if page != first {
			t.Errorf("%s: the page says\n%q\nthe first said\n%q", tt.name, page, first)
		}
		if !strings.Contains(page, "If an account uses that address, a link to set a new password is on its way") {
			t.Errorf("%s: the page says %q", tt.name, page)
		}
		if n := mails(t, env, tt.owner, "password_reset", ""); n != tt.mails {
			t.Errorf("%s: %d e-mails to %s, want %d", tt.name, n, tt.owner, tt.mails)
		}
	}
}

// resetLink is the address of the password link in the last e-mail to address.
func resetLink(t *testing.T, env *webtest.Env, address string) string {
	t.Helper()
	var body string
	if err := env.Pool.QueryRow(context.Background(), `SELECT text_body FROM mail_messages
		WHERE to_address = $1 AND kind = 'password_reset' ORDER BY id DESC LIMIT 1`, address).Scan(&body); err != nil {
		t.Fatalf("no password e-mail to %s: %v", address, err)
	}
	link := regexp.MustCompile(regexp.QuoteMeta(env.URL) + `(/reset/[A-Za-z0-9_-]+)`).FindStringSubmatch(body)
	if link == nil {
		t.Fatalf("the e-mail has no %s/reset/ link:\n%s", env.URL, body)
	}
	return link[1]
}

// TestForgotPasswordLinkSetsANewPassword: the partner follows the link in the e-mail, sets a
// new password and signs in with it; the old password and the link no longer work.
func TestForgotPasswordLinkSetsANewPassword(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	askForLink(t, env, webtest.PartnerB)
	link := resetLink(t, env, webtest.PartnerB)

	c := env.Client(t)
	if r := c.Get(t, link); r.StatusCode != http.StatusOK || r.Doc.Find(`input[name=password]`).Length() != 1 {
		t.Fatalf("GET the link: %d, password field shown %d times", r.StatusCode, r.Doc.Find(`input[name=password]`).Length())
	}
	const password = "a brand new password"
	r := c.PostForm(t, link, url.Values{"password": {password}, "password_confirm": {password}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/login" {
		t.Fatalf("set the password: %d to %q, want 303 to /login", r.StatusCode, r.Header.Get("Location"))
	}
	if got := c.Get(t, "/login").Text("#flash .flash__text"); got != "Your password is set. Sign in with it." {
		t.Errorf("the sign-in page says %q", got)
	}
	c.SignIn(t, webtest.PartnerB, password)
	if home := c.Get(t, "/services"); !strings.Contains(home.Text(".account__who"), "Ben Brooks") {
		t.Errorf("signed in with the new password, the header shows %q", home.Text(".account__who"))
	}

	old := env.Client(t)
	old.Get(t, "/login")
	if r := old.PostForm(t, "/login", url.Values{"email": {webtest.PartnerB}, "password": {seed.DemoPassword}}); r.StatusCode != http.StatusUnauthorized {
		t.Errorf("sign in with the old password: %d, want 401", r.StatusCode)
	}
	again := env.Client(t)
	if r := again.Get(t, link); r.StatusCode != http.StatusNotFound || !strings.Contains(r.Text("main"), "This password link does not work") {
		t.Errorf("the used link: %d %q, want 404 saying it does not work", r.StatusCode, r.Text("main"))
	}
	again.Get(t, "/login")
	if r := again.PostForm(t, link, url.Values{"password": {"another new password"}, "password_confirm": {"another new password"}}); r.StatusCode != http.StatusNotFound {
		t.Errorf("POST to the used link: %d, want 404", r.StatusCode)
	}
}

// TestForgotPasswordIsThrottled: the fourth request for one address within minutes is refused
// with 429 and a wait, in words that are the same whether or not the address has an account;
// ten minutes later a request is taken again.
func TestForgotPasswordIsThrottled(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	refusals := map[string]string{}
	for _, tt := range []struct {
		name, email string
		mails       int
	}{
		{"an account's address", webtest.PartnerC, 3},
		{"an unknown address", "nobody@example.com", 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := webtest.New(t)
			for i := range 3 {
				if r := askForLink(t, env, tt.email); r.StatusCode != http.StatusOK {
					t.Fatalf("request %d: %d, want 200", i+1, r.StatusCode)
				}
			}
			r := askForLink(t, env, tt.email)
			if r.StatusCode != http.StatusTooManyRequests || r.Header.Get("Retry-After") == "" {
				t.Errorf("request 4: %d with Retry-After %q, want 429 with a wait", r.StatusCode, r.Header.Get("Retry-After"))
			}
			if got := r.Text(".form__error"); got != "Too many requests for a password link. Wait 10 minutes and try again." {
				t.Errorf("request 4 says %q", got)
			}
			mu.Lock()
			refusals[tt.name] = r.Text("main")
			mu.Unlock()
			if n := mails(t, env, tt.email, "password_reset", ""); n != tt.mails {
				t.Errorf("%d e-mails after three requests and a refused one, want %d", n, tt.mails)
			}
			env.Clock.Advance(10 * time.Minute)
			if r := askForLink(t, env, tt.email); r.StatusCode != http.StatusOK {
				t.Errorf("after 10 minutes: %d, want 200", r.StatusCode)
			}
		})
	}
	t.Cleanup(func() {
		if a, b := refusals["an account's address"], refusals["an unknown address"]; a != b {
			t.Errorf("the refusals differ:\n%q\n%q", a, b)
		}
	})
}
