package account_test

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"partnerportal/db/seed"
	"partnerportal/web/webtest"
)

func TestSignInLandsOnTheRoleHome(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	tests := []struct {
		email   string
		home    string
		heading string
	}{
		{webtest.PartnerA, "/services", "My Services"},
		{webtest.PartnerB, "/services", "My Services"},
		{webtest.PartnerC, "/services", "My Services"},
		{webtest.AccountManager, "/admin", "Dashboard"},
		{webtest.AccountManager2, "/admin", "Dashboard"},
		{webtest.Admin, "/admin", "Dashboard"},
		{webtest.Consumer, "/hub", "Solutions Hub"},
	}
	for _, tt := range tests {
		t.Run(tt.email, func(t *testing.T) {
			c := env.Client(t)
			r := c.SignIn(t, tt.email, seed.DemoPassword)
			if got := r.Header.Get("Location"); got != tt.home {
				t.Errorf("after sign-in: redirected to %q, want %q", got, tt.home)
			}
			home := c.Get(t, tt.home)
			if home.StatusCode != http.StatusOK {
				t.Fatalf("GET %s: status %d, want 200", tt.home, home.StatusCode)
			}
			if got := home.Text("main h1"); got != tt.heading {
				t.Errorf("home heading = %q, want %q", got, tt.heading)
			}
			if got := home.Text(".account__who"); !strings.Contains(got, "") || got == "" {
				t.Errorf("header does not show the signed-in user")
			}
			if got := home.Doc.Find(`form[action="/logout"] button`).Length(); got != 1 {
				t.Errorf("sign-out buttons = %d, want 1", got)
			}
		})
	}
}

func TestSignInFailureSaysTheSameForUnknownAccountAndWrongPassword(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	wrong := env.Client(t)
	wrong.Get(t, "/login")
	r1 := wrong.PostForm(t, "/login", url.Values{"email": {webtest.PartnerA}, "password": {"not-the-password"}})
	unknown := env.Client(t)
	unknown.Get(t, "/login")
	r2 := unknown.PostForm(t, "/login", url.Values{"email": {"nobody@example.com"}, "password": {"not-the-password"}})

	for name, r := range map[string]*webtest.Response{"wrong password": r1, "unknown e-mail": r2} {
		if r.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s: status %d, want 401", name, r.StatusCode)
		}
		if wrong.Cookie("session") != "" || unknown.Cookie("session") != "" {
			t.Errorf("%s: a failed sign-in started a session", name)
		}
	}
	if a, b := r1.Text(".form__error"), r2.Text(".form__error"); a != b || a == "" {
		t.Errorf("messages differ or are empty:\nwrong password: %q\nunknown e-mail: %q", a, b)
	}
	if got := r1.Doc.Find("#f-email").AttrOr("value", ""); got != webtest.PartnerA {
		t.Errorf("the form forgot the e-mail typed: %q", got)
	}
}

func TestSignInIsThrottled(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.Client(t)
	c.Get(t, "/login")
	before := env.Hasher.Checks()

	var wg sync.WaitGroup
	var mu sync.Mutex
	statuses := map[int]int{}
	for w := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				r := c.PostForm(t, "/login", url.Values{
					"email":    {webtest.PartnerA},
					"password": {"guess-" + string(rune('a'+w)) + string(rune('a'+i%26))},
				})
				mu.Lock()
				statuses[r.StatusCode]++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()

	if checks := env.Hasher.Checks() - before; checks > 10 {
		t.Errorf("1000 wrong guesses: %d passwords checked, want at most 10", checks)
	}
	if statuses[http.StatusTooManyRequests] < 990 {
		t.Errorf("statuses = %v, want at least 990 answered 429", statuses)
	}
	// The real password is refused too while the account is throttled...
	r := c.PostForm(t, "/login", url.Values{"email": {webtest.PartnerA}, "password": {seed.DemoPassword}})
	if r.StatusCode != http.StatusTooManyRequests || !strings.Contains(r.Text(".form__error"), "Too many sign-in attempts") {
		t.Errorf("throttled sign-in: status %d, message %q", r.StatusCode, r.Text(".form__error"))
	}
	if r.Header.Get("Retry-After") == "" {
		t.Error("throttled sign-in has no Retry-After header")
	}
	// ...and accepted once the wait is over.
	env.Clock.Advance(10 * 60e9)
	if r := c.PostForm(t, "/login", url.Values{"email": {webtest.PartnerA}, "password": {seed.DemoPassword}}); r.StatusCode != http.StatusSeeOther {
		t.Errorf("sign-in after the wait: status %d, want 303", r.StatusCode)
	}
}

func TestSignOutEndsTheSessionOnTheServer(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerA)
	old := c.Cookie("session")
	if old == "" {
		t.Fatal("no session cookie after sign-in")
	}
	r := c.PostForm(t, "/logout", nil)
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/login" {
		t.Fatalf("logout: status %d to %q, want 303 to /login", r.StatusCode, r.Header.Get("Location"))
	}
	if page := c.Get(t, "/login"); !strings.Contains(page.Text("#flash"), "You have signed out") {
		t.Errorf("no sign-out message on the next page; flash = %q", page.Text("#flash"))
	}
	// Someone who kept the old cookie is a visitor now.
	thief := env.Client(t)
	u, _ := url.Parse(env.URL)
	thief.HTTP.Jar.SetCookies(u, []*http.Cookie{{Name: "session", Value: old, Path: "/"}})
	if r := thief.Get(t, "/services"); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/login") {
		t.Errorf("old cookie after logout: status %d to %q, want a redirect to sign in", r.StatusCode, r.Header.Get("Location"))
	}
}

func TestSignInRenewsTheSessionToken(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerB)
	c.PostForm(t, "/logout", nil) // leaves a visitor session carrying the sign-out message
	c.Get(t, "/login")
	before := c.Cookie("session")
	if before == "" {
		t.Fatal("no visitor session to compare with")
	}
	c.SignIn(t, webtest.PartnerB, seed.DemoPassword)
	after := c.Cookie("session")
	if after == "" || after == before {
		t.Errorf("session token before sign-in %q, after %q: want a new token", before, after)
	}
}
