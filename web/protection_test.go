package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"partnerportal/db"
	"partnerportal/db/dbtest"
	"partnerportal/db/seed"
	"partnerportal/web"
	"partnerportal/web/auth"
	"partnerportal/web/clock"
	"partnerportal/web/webtest"
)

func TestUnsafeRequestsNeedTheCSRFToken(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	creds := url.Values{"email": {webtest.PartnerA}, "password": {seed.DemoPassword}}
	tests := []struct {
		name   string
		token  string
		header http.Header
	}{
		{"no token", "", nil},
		{"wrong token", "forged-token-forged-token-forged", nil},
		{"cross-site browser request", "", http.Header{"Sec-Fetch-Site": {"cross-site"}}},
		{"cross-site with a stolen-looking token", "", http.Header{"Sec-Fetch-Site": {"cross-site"}, "X-Csrf-Token": {"x"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := env.Client(t)
			c.Get(t, "/login")
			form := url.Values{}
			for k, v := range creds {
				form[k] = v
			}
			if tt.token != "" {
				form.Set("_csrf", tt.token)
			}
			for k, v := range tt.header {
				c.Header[k] = v
			}
			r := c.PostRaw(t, "/login", form)
			if r.StatusCode != http.StatusForbidden {
				t.Errorf("status %d, want 403", r.StatusCode)
			}
			if c.Cookie("session") != "" {
				t.Error("the refused request signed in anyway")
			}
		})
	}
	t.Run("htmx request with the header token", func(t *testing.T) {
		c := env.Client(t)
		c.Get(t, "/login")
		c.Header.Set("HX-Request", "true")
		c.Header.Set("X-CSRF-Token", c.CSRFToken())
		r := c.PostRaw(t, "/login", creds)
		if r.StatusCode != http.StatusOK || r.Header.Get("HX-Redirect") != "/services" {
			t.Errorf("status %d, HX-Redirect %q; want 200 and /services", r.StatusCode, r.Header.Get("HX-Redirect"))
		}
	})
	t.Run("same-origin browser request", func(t *testing.T) {
		c := env.Client(t)
		c.Header.Set("Sec-Fetch-Site", "same-origin")
		c.Get(t, "/login")
		if r := c.PostRaw(t, "/login", creds); r.StatusCode != http.StatusSeeOther {
			t.Errorf("status %d, want 303", r.StatusCode)
		}
	})
}

func TestEveryHTMLResponseCarriesTheSecurityHeaders(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	visitor := env.Client(t)
	partner := env.SignedIn(t, webtest.PartnerA)
	staff := env.SignedIn(t, webtest.AccountManager)
	pages := []struct {
		name string
		c    *webtest.Client
		path string
	}{
		{"sign-in", visitor, "/login"},
		{"sign-up", visitor, "/signup"},
		{"hub", visitor, "/hub"},
		{"not found", visitor, "/no/such/page"},
		{"partner home", partner, "/services"},
		{"team", partner, "/team"},
		{"partner 404 on admin", partner, "/admin"},
		{"staff home", staff, "/admin"},
		{"own account", partner, "/account"},
	}
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			r := p.c.Get(t, p.path)
			if !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") {
				t.Fatalf("Content-Type %q, want HTML", r.Header.Get("Content-Type"))
			}
			csp := r.Header.Get("Content-Security-Policy")
			scriptSrc := directive(csp, "script-src")
			if scriptSrc == "" || strings.Contains(scriptSrc, "unsafe-inline") || strings.Contains(scriptSrc, "unsafe-eval") {
				t.Errorf("script-src = %q, want one without unsafe-inline/unsafe-eval", scriptSrc)
			}
			if got := directive(csp, "frame-ancestors"); got != "frame-ancestors 'none'" {
				t.Errorf("frame-ancestors = %q, want 'none'", got)
			}
			if got := r.Header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("X-Content-Type-Options = %q", got)
			}
			if got := r.Header.Get("Referrer-Policy"); got == "" {
				t.Error("no Referrer-Policy")
			}
		})
	}
	if got := staff.Get(t, "/admin").Header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("staff page Cache-Control = %q, want no-store", got)
	}
	if got := partner.Get(t, "/account").Header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("account page Cache-Control = %q, want no-store", got)
	}
}

func directive(csp, name string) string {
	for _, d := range strings.Split(csp, ";") {
		if d = strings.TrimSpace(d); strings.HasPrefix(d, name+" ") {
			return d
		}
	}
	return ""
}

func TestCookiesAreHostOnlyAndSecureWhenCookieSecurityIsOn(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	if _, err := seed.Demo(context.Background(), pool, auth.NewHasher(), webtest.Start); err != nil {
		t.Fatal(err)
	}
	srv := web.NewServer(web.Config{CookieSecure: true}, slog.New(slog.NewTextHandler(io.Discard, nil)), pool, clock.NewManual(webtest.Start), auth.NewHasher(), webtest.IdleJobs(t, pool))
	get := httptest.NewRecorder()
	srv.ServeHTTP(get, httptest.NewRequest(http.MethodGet, "/login", nil))
	var csrf *http.Cookie
	for _, ck := range get.Result().Cookies() {
		if ck.Name == "__Host-csrf" {
			csrf = ck
		}
	}
	if csrf == nil || !csrf.Secure || !csrf.HttpOnly || csrf.Path != "/" || csrf.Domain != "" || csrf.SameSite != http.SameSiteLaxMode {
		t.Fatalf("csrf cookie = %+v, want __Host-csrf, Secure, HttpOnly, Path=/, no Domain, SameSite=Lax", csrf)
	}
	form := url.Values{"email": {webtest.Consumer}, "password": {seed.DemoPassword}, "_csrf": {csrf.Value}}
	req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(csrf)
	post := httptest.NewRecorder()
	srv.ServeHTTP(post, req)
	var session *http.Cookie
	for _, ck := range post.Result().Cookies() {
		if ck.Name == "__Host-session" {
			session = ck
		}
	}
	if session == nil || !session.Secure || !session.HttpOnly || session.Path != "/" || session.SameSite != http.SameSiteLaxMode {
		t.Errorf("session cookie = %+v (status %d), want __Host-session, Secure, HttpOnly, Path=/, SameSite=Lax", session, post.Code)
	}
	if got := post.Result().Header.Get("Strict-Transport-Security"); got == "" {
		t.Error("no Strict-Transport-Security with cookie security on")
	}
}

func TestHealthAndReadiness(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.Client(t)
	if r := c.Get(t, "/healthz"); r.StatusCode != http.StatusOK {
		t.Errorf("/healthz: %d, want 200", r.StatusCode)
	}
	if r := c.Get(t, "/readyz"); r.StatusCode != http.StatusOK {
		t.Errorf("/readyz: %d, want 200", r.StatusCode)
	}

	// A server whose database goes away stays alive but is not ready.
	url := dbtest.NewDatabase(t)
	pool, err := db.Open(context.Background(), url, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	srv := web.NewServer(web.Config{}, slog.New(slog.NewTextHandler(io.Discard, nil)), pool, clock.NewManual(webtest.Start), auth.NewHasher(), webtest.IdleJobs(t, pool))
	cfg, _ := pgx.ParseConfig(url)
	admin, err := pgx.Connect(context.Background(), strings.Replace(url, "/"+cfg.Database, "/postgres", 1))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(context.Background())
	if _, err := admin.Exec(context.Background(), "DROP DATABASE "+cfg.Database+" WITH (FORCE)"); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]int{"/readyz": http.StatusServiceUnavailable, "/healthz": http.StatusOK} {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != want {
			t.Errorf("%s with the database gone: %d, want %d", path, rec.Code, want)
		}
	}
}

// TestAccountChangesNeedTheCSRFToken: every change on the account page, sent without the token
// (as another site's form would), is refused and changes nothing.
func TestAccountChangesNeedTheCSRFToken(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.Consumer)
	other := env.SignedIn(t, webtest.Consumer)
	var sessionID string
	if err := env.Pool.QueryRow(context.Background(), `SELECT min(id)::text FROM sessions WHERE user_id = (SELECT id FROM users WHERE email = $1)`,
		webtest.Consumer).Scan(&sessionID); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		path string
		form url.Values
	}{
		{"/account/name", url.Values{"name": {"Mallory"}}},
		{"/account/email", url.Values{"new_email": {"mallory@example.org"}, "password": {seed.DemoPassword}}},
		{"/account/password", url.Values{"current_password": {seed.DemoPassword}, "new_password": {"mallory's password"}, "new_password_confirm": {"mallory's password"}}},
		{"/account/sessions/sign-out-others", url.Values{}},
		{"/account/sessions/" + sessionID + "/sign-out", url.Values{}},
		{"/account/delete", url.Values{"password": {seed.DemoPassword}}},
	} {
		c.Header.Set("Sec-Fetch-Site", "cross-site")
		if r := c.PostRaw(t, tt.path, tt.form); r.StatusCode != http.StatusForbidden {
			t.Errorf("POST %s without the token: %d, want 403", tt.path, r.StatusCode)
		}
		c.Header.Del("Sec-Fetch-Site")
	}
	for name, cl := range map[string]*webtest.Client{"this browser": c, "the other browser": other} {
		if r := cl.Get(t, "/account"); r.StatusCode != http.StatusOK || r.Doc.Find(".account__name").Text() != "Carlos Consumer" {
			t.Errorf("%s: %d, header %q; want still signed in as Carlos Consumer", name, r.StatusCode, r.Doc.Find(".account__name").Text())
		}
	}
}

// TestAccountRoutesNeedASignedInUser: a visitor is sent to sign in from every route of the
// account page, and changes nothing; only the link that confirms a new address is open to
// anyone (it answers 404 for a token that is none).
func TestAccountRoutesNeedASignedInUser(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	v := env.Client(t)
	v.Get(t, "/login")
	for _, tt := range []struct{ method, path string }{
		{http.MethodGet, "/account"},
		{http.MethodPost, "/account/name"},
		{http.MethodPost, "/account/email"},
		{http.MethodPost, "/account/password"},
		{http.MethodPost, "/account/sessions/sign-out-others"},
		{http.MethodPost, "/account/sessions/1/sign-out"},
		{http.MethodPost, "/account/delete"},
	} {
		var r *webtest.Response
		if tt.method == http.MethodGet {
			r = v.Get(t, tt.path)
		} else {
			r = v.PostForm(t, tt.path, url.Values{"name": {"Mallory"}, "password": {seed.DemoPassword}})
		}
		if r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/login?next=") {
			t.Errorf("%s %s as a visitor: %d to %q, want 303 to sign in", tt.method, tt.path, r.StatusCode, r.Header.Get("Location"))
		}
	}
	if r := v.Get(t, "/account/email/no-such-token"); r.StatusCode != http.StatusNotFound {
		t.Errorf("a made-up confirmation link: %d, want 404", r.StatusCode)
	}
	if r := v.PostForm(t, "/account/email/no-such-token", nil); r.StatusCode != http.StatusNotFound {
		t.Errorf("a made-up confirmation link, posted: %d, want 404", r.StatusCode)
	}
}
