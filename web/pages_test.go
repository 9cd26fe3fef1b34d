package web_test

import (
	"net/http"
	"strings"
	"testing"

	"partnerportal/web/webtest"
)

func TestWhoMayOpenWhichHome(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	visitor := env.Client(t)
	partner := env.SignedIn(t, webtest.PartnerA)
	consumer := env.SignedIn(t, webtest.Consumer)
	staff := env.SignedIn(t, webtest.AccountManager)
	tests := []struct {
		name     string
		c        *webtest.Client
		path     string
		want     int
		location string
	}{
		{"visitor on partner home is sent to sign in", visitor, "/services", http.StatusSeeOther, "/login?next=%2Fservices"},
		{"visitor on dashboard is sent to sign in", visitor, "/admin", http.StatusSeeOther, "/login?next=%2Fadmin"},
		{"visitor sees the hub", visitor, "/hub", http.StatusOK, ""},
		{"visitor at / goes to the hub", visitor, "/", http.StatusSeeOther, "/hub"},
		{"partner at / goes home", partner, "/", http.StatusSeeOther, "/services"},
		{"partner on dashboard", partner, "/admin", http.StatusNotFound, ""},
		{"consumer on dashboard", consumer, "/admin", http.StatusNotFound, ""},
		{"consumer on partner home", consumer, "/services", http.StatusNotFound, ""},
		{"staff on partner home", staff, "/services", http.StatusNotFound, ""},
		{"staff at / goes home", staff, "/", http.StatusSeeOther, "/admin"},
		{"signed-in user on sign-in page goes home", partner, "/login", http.StatusSeeOther, "/services"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.c.Get(t, tt.path)
			if r.StatusCode != tt.want {
				t.Fatalf("GET %s: %d, want %d", tt.path, r.StatusCode, tt.want)
			}
			if tt.location != "" && r.Header.Get("Location") != tt.location {
				t.Errorf("GET %s: to %q, want %q", tt.path, r.Header.Get("Location"), tt.location)
			}
		})
	}
}

func TestSignInReturnsToThePageAsked(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.Client(t)
	c.Get(t, "/login?next=%2Fadmin")
	r := c.PostForm(t, "/login", map[string][]string{"email": {webtest.Admin}, "password": {"portal-demo"}, "next": {"/admin"}})
	if r.Header.Get("Location") != "/admin" {
		t.Errorf("redirected to %q, want /admin", r.Header.Get("Location"))
	}
	evil := env.Client(t)
	evil.Get(t, "/login")
	r = evil.PostForm(t, "/login", map[string][]string{"email": {webtest.Admin}, "password": {"portal-demo"}, "next": {"//evil.example/"}})
	if r.Header.Get("Location") != "/admin" {
		t.Errorf("with an off-site next: redirected to %q, want the role home", r.Header.Get("Location"))
	}
}

func TestNotFoundPage(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerA)
	r := c.Get(t, "/no/such/page")
	if r.StatusCode != http.StatusNotFound {
		t.Fatalf("status %d, want 404", r.StatusCode)
	}
	if got := r.Text("main h1"); got != "Page not found" {
		t.Errorf("heading %q, want Page not found", got)
	}
	if r.Doc.Find("header nav a").Length() == 0 || !strings.Contains(r.Text(".account__who"), "Anna") {
		t.Error("the 404 page lost the shell: navigation and signed-in user missing")
	}

	c.Header.Set("HX-Request", "true")
	h := c.Get(t, "/no/such/page")
	if h.StatusCode != http.StatusNotFound || h.Header.Get("HX-Retarget") != "#flash" {
		t.Errorf("htmx 404: status %d, HX-Retarget %q; want 404 into #flash", h.StatusCode, h.Header.Get("HX-Retarget"))
	}
	if strings.Contains(h.Body, "<html") || h.Doc.Find("header").Length() != 0 || !strings.Contains(h.Text(".flash"), "nothing at this address") {
		t.Errorf("htmx 404 should be a flash fragment, got %q", h.Body)
	}
}

// TestSignedInPagesTakeAtMostTwoRoundTrips holds every main page of every role to the budget
// of a signed-in GET: one round trip for the session with its user, their company's access
// and the header's counts (the session store's batch), one for the page's own data. A page
// that needs more sends its queries in one batch.
func TestSignedInPagesTakeAtMostTwoRoundTrips(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	partnerPage := "/admin/partners/" + webtest.Itoa(env.CompanyID(t, "Company A"))
	for _, tt := range []struct {
		email string
		paths []string
	}{
		{webtest.PartnerA, []string{"/services", "/services/requests", "/products", "/devlab", "/support", "/api-keys", "/team",
			"/hub", "/hub/listings", "/expressconnect", "/notifications", "/account"}},
		// a member: My Services reads the owners to ask in its batch
		{"c2@company-c.example", []string{"/services", "/services/requests", "/expressconnect", "/support", "/account"}},
		{webtest.PartnerB, []string{"/services", "/products", "/appconnect", "/expressconnect", "/support", "/devlab", "/account"}},
		{webtest.Consumer, []string{"/hub", "/cart", "/checkout", "/orders", "/purchases", "/notifications", "/account"}},
		{webtest.AccountManager, []string{"/admin", partnerPage, "/admin/renewals", "/admin/support", "/admin/audit", "/account"}},
		{webtest.Admin, []string{"/admin", "/admin/companies", "/admin/users", "/admin/outbox", "/admin/jobs", "/admin/templates", "/account"}},
		{"", []string{"/hub", "/cart", "/login"}},
	} {
		c := env.Client(t)
		if tt.email != "" {
			c = env.SignedIn(t, tt.email)
		} else {
			fillCart(t, env, c) // a visitor with a cart: its count is in the header
		}
		for _, path := range tt.paths {
			c.Get(t, path) // the first view after sign-in may carry a flash
			r := c.Get(t, path)
			if r.StatusCode != http.StatusOK {
				t.Errorf("GET %s as %q: status %d", path, tt.email, r.StatusCode)
				continue
			}
			st := env.Stats(t, r)
			if st.Queries > 2 {
				t.Errorf("GET %s as %q: %d round trips to the database, want at most 2", path, tt.email, st.Queries)
			}
			if st.Wrote {
				t.Errorf("GET %s as %q wrote to the database", path, tt.email)
			}
		}
	}
}

func TestStaticAssetsAreFingerprintedAndImmutable(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.Client(t)
	page := c.Get(t, "/login")
	css := page.Doc.Find(`link[rel="stylesheet"]`).AttrOr("href", "")
	if !strings.HasPrefix(css, "/static/css/app.") || css == "/static/css/app.css" {
		t.Fatalf("stylesheet href %q, want a fingerprinted /static/css/app.<hash>.css", css)
	}
	r := c.Get(t, css)
	if r.StatusCode != http.StatusOK || !strings.Contains(r.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("GET %s: %d, Cache-Control %q", css, r.StatusCode, r.Header.Get("Cache-Control"))
	}
	if r := c.Get(t, "/static/css/app.css"); r.StatusCode != http.StatusNotFound {
		t.Errorf("unfingerprinted name: %d, want 404", r.StatusCode)
	}
	if js := page.Doc.Find(`script[src*="htmx"]`).AttrOr("src", ""); js == "" || c.Get(t, js).StatusCode != http.StatusOK {
		t.Errorf("htmx script %q not served", js)
	}
}
