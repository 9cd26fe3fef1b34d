package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"partnerportal/web/webtest"
)

// TestDatabaseOutageAnswers503: while the database cannot be reached, pages, forms, htmx
// requests and the usage API answer 503 with Retry-After — an outage a client can tell from a
// bug — /readyz says so too, and /healthz stays up. Once it is back, everything works again
// without a restart.
func TestDatabaseOutageAnswers503(t *testing.T) {
	t.Parallel()
	env := webtest.NewCuttable(t)
	partner := env.SignedIn(t, webtest.PartnerA)
	key := partner.CreateAPIKey(t, "Outage", "sandbox")
	visitor := env.Client(t)
	visitor.Get(t, "/login")

	env.CutDatabase(t)
	pages := map[string]func() *webtest.Response{
		"a partner's page":     func() *webtest.Response { return partner.Get(t, "/services") },
		"the Hub to a visitor": func() *webtest.Response { return visitor.Get(t, "/hub") },
		"signing in": func() *webtest.Response {
			return visitor.PostForm(t, "/login", url.Values{"email": {webtest.PartnerB}, "password": {"whatever it is"}})
		},
	}
	for name, get := range pages {
		r := get()
		if r.StatusCode != http.StatusServiceUnavailable || r.Header.Get("Retry-After") == "" {
			t.Errorf("%s with the database gone: %d, Retry-After %q; want 503 with Retry-After", name, r.StatusCode, r.Header.Get("Retry-After"))
		}
		if got := r.Text("h1"); got != "Temporarily unavailable" {
			t.Errorf("%s with the database gone: titled %q", name, got)
		}
	}
	partner.HTMX(func() {
		if r := partner.Get(t, "/products"); r.StatusCode != http.StatusServiceUnavailable || r.Text("#flash, [role=alert]") == "" {
			t.Errorf("htmx with the database gone: %d, message %q", r.StatusCode, r.Text("[role=alert]"))
		}
	})
	for _, path := range []string{"/api/v1/entitlements", "/api/v1/usage"} {
		method, body := http.MethodGet, any(nil)
		if path == "/api/v1/usage" {
			method, body = http.MethodPost, webtest.Messages(1, "outage-1")
		}
		r := env.CallAPI(t, key, method, path, body)
		if r.Status != http.StatusServiceUnavailable || r.JSON["code"] != "unavailable" || r.Header.Get("Retry-After") == "" {
			t.Errorf("%s with the database gone: %d %s, Retry-After %q", path, r.Status, r.Body, r.Header.Get("Retry-After"))
		}
	}
	probe := env.Client(t)
	if r := probe.Get(t, "/readyz"); r.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("/readyz with the database gone: %d, want 503", r.StatusCode)
	}
	if r := probe.Get(t, "/healthz"); r.StatusCode != http.StatusOK {
		t.Errorf("/healthz with the database gone: %d, want 200", r.StatusCode)
	}

	env.RestoreDatabase(t)
	if r := probe.Get(t, "/readyz"); r.StatusCode != http.StatusOK {
		t.Errorf("/readyz once the database is back: %d, want 200", r.StatusCode)
	}
	if r := partner.Get(t, "/services"); r.StatusCode != http.StatusOK {
		t.Errorf("a page once the database is back: %d, want 200", r.StatusCode)
	}
	if r := env.CallAPI(t, key, http.MethodPost, "/api/v1/usage", webtest.Messages(1, "outage-1")); r.Status != http.StatusOK {
		t.Errorf("the refused report, sent again once the database is back: %d %s", r.Status, r.Body)
	}
}
