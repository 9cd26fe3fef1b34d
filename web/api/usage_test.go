package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"partnerportal/web"
	"partnerportal/web/webtest"
)

func TestUsageReportsAreValidated(t *testing.T) {
	t.Parallel()
	env := webtest.New(t, webtest.GenerousLimits)
	key := env.SignedIn(t, webtest.PartnerA).CreateAPIKey(t, "Validation", "sandbox")
	now := webtest.Start
	tests := []struct {
		name   string
		body   string
		status int
		field  string
	}{
		{"malformed JSON", `{"module":`, http.StatusBadRequest, ""},
		{"a JSON array", `[]`, http.StatusBadRequest, ""},
		{"missing idempotency key", `{"module":"software","metric":"messages","quantity":1}`, http.StatusUnprocessableEntity, "idempotency_key"},
		{"unknown module", `{"module":"firmware","metric":"messages","quantity":1,"idempotency_key":"v1"}`, http.StatusUnprocessableEntity, "module"},
		{"unknown metric", `{"module":"software","metric":"bytes","quantity":1,"idempotency_key":"v1"}`, http.StatusUnprocessableEntity, "metric"},
		{"zero messages", `{"module":"software","metric":"messages","quantity":0,"idempotency_key":"v1"}`, http.StatusUnprocessableEntity, "quantity"},
		{"negative messages", `{"module":"software","metric":"messages","quantity":-3,"idempotency_key":"v1"}`, http.StatusUnprocessableEntity, "quantity"},
		{"a zero device change", `{"module":"software","metric":"devices","quantity":0,"idempotency_key":"v1"}`, http.StatusUnprocessableEntity, "quantity"},
		{"quantity as text", `{"module":"software","metric":"messages","quantity":"5","idempotency_key":"v1"}`, http.StatusUnprocessableEntity, "quantity"},
		{"fractional quantity", `{"module":"software","metric":"messages","quantity":1.5,"idempotency_key":"v1"}`, http.StatusUnprocessableEntity, "quantity"},
		{"key too long", `{"module":"software","metric":"messages","quantity":1,"idempotency_key":"` + strings.Repeat("k", 256) + `"}`, http.StatusUnprocessableEntity, "idempotency_key"},
		{"key with a NUL", `{"module":"software","metric":"messages","quantity":1,"idempotency_key":"a\u0000b"}`, http.StatusUnprocessableEntity, "idempotency_key"},
		{"occurred in the future", `{"module":"software","metric":"messages","quantity":1,"idempotency_key":"v1","occurred_at":"` + now.Add(time.Minute).Format(time.RFC3339) + `"}`, http.StatusUnprocessableEntity, "occurred_at"},
		{"occurred 36 days ago", `{"module":"software","metric":"messages","quantity":1,"idempotency_key":"v1","occurred_at":"` + now.AddDate(0, 0, -36).Format(time.RFC3339) + `"}`, http.StatusUnprocessableEntity, "occurred_at"},
		{"occurred_at not a time", `{"module":"software","metric":"messages","quantity":1,"idempotency_key":"v1","occurred_at":"yesterday"}`, http.StatusUnprocessableEntity, "occurred_at"},
		{"a key of 255 characters and a time 35 days ago", `{"module":"software","metric":"messages","quantity":1,"idempotency_key":"` + strings.Repeat("é", 255) + `","occurred_at":"` + now.AddDate(0, 0, -35).Format(time.RFC3339) + `"}`, http.StatusOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := env.CallAPI(t, key, http.MethodPost, "/api/v1/usage", tt.body)
			if r.Status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.Status, tt.status, r.Body)
			}
			if tt.field != "" {
				fields, _ := r.JSON["fields"].(map[string]any)
				if str(r.JSON, "code") != "invalid" || fields[tt.field] == nil {
					t.Errorf("want code invalid with a message for %s: %s", tt.field, r.Body)
				}
			}
		})
	}
	var stored int
	if err := env.Pool.QueryRow(context.Background(), "SELECT count(*) FROM usage_reports").Scan(&stored); err != nil || stored != 1 {
		t.Errorf("%d reports stored (%v), want only the valid one", stored, err)
	}
}

func TestAPIKeysAuthenticateAndAreLimited(t *testing.T) {
	t.Parallel()
	env := webtest.New(t, func(cfg *web.Config) { cfg.APIRate = 1; cfg.APIBurst = 2 })
	partner := env.SignedIn(t, webtest.PartnerA)
	key := partner.CreateAPIKey(t, "Gateway", "production")
	reporter := partner.CreateAPIKey(t, "Reporter", "production")
	if r := env.CallAPI(t, reporter, http.MethodPost, "/api/v1/usage", webtest.Messages(1, "before")); r.Status != http.StatusOK {
		t.Fatalf("a report with a fresh key: %d %s", r.Status, r.Body)
	}

	unknown := env.CallAPI(t, "pp_prd_"+strings.Repeat("a", 52), http.MethodGet, "/api/v1/entitlements", nil)
	missing := env.CallAPI(t, "", http.MethodGet, "/api/v1/entitlements", nil)
	for _, r := range []webtest.APIResponse{unknown, missing} {
		if r.Status != http.StatusUnauthorized || r.Header.Get("WWW-Authenticate") == "" {
			t.Errorf("%d %s, want 401 with WWW-Authenticate", r.Status, r.Body)
		}
	}

	if r := env.CallAPI(t, key, http.MethodGet, "/api/v1/entitlements", nil); r.Status != http.StatusOK {
		t.Fatalf("a fresh key: %d %s", r.Status, r.Body)
	}
	env.CallAPI(t, key, http.MethodGet, "/api/v1/entitlements", nil)
	limited := env.CallAPI(t, key, http.MethodGet, "/api/v1/entitlements", nil)
	if limited.Status != http.StatusTooManyRequests || str(limited.JSON, "code") != "rate_limited" || limited.Header.Get("Retry-After") != "1" {
		t.Errorf("third request at once: %d Retry-After %q %s", limited.Status, limited.Header.Get("Retry-After"), limited.Body)
	}
	env.Clock.Advance(time.Second)
	if r := env.CallAPI(t, key, http.MethodGet, "/api/v1/entitlements", nil); r.Status != http.StatusOK {
		t.Errorf("a second later: %d %s", r.Status, r.Body)
	}

	page := partner.Get(t, "/api-keys")
	if strings.Contains(page.Body, key) {
		t.Error("the API keys page shows the secret again")
	}
	row := page.Doc.Find("table.api-keys tbody tr").FilterFunction(func(_ int, s *goquery.Selection) bool { return s.Find("th").Text() == "Gateway" })
	if got := row.Text(); !strings.Contains(got, "GatewayProduction"+key[:15]+"…") || !strings.Contains(got, "25 Nov 2026 09:00") {
		t.Errorf("the key's row reads %q", got)
	}
	id, _ := row.Attr("id")
	revoke := partner.PostForm(t, "/api-keys/"+strings.TrimPrefix(id, "api-key-")+"/revoke", nil)
	if revoke.StatusCode != http.StatusSeeOther {
		t.Fatalf("revoke: %d", revoke.StatusCode)
	}
	revoked := env.CallAPI(t, key, http.MethodGet, "/api/v1/entitlements", nil)
	if revoked.Status != http.StatusUnauthorized || string(revoked.Body) != string(unknown.Body) {
		t.Errorf("a revoked key: %d %s; want the same 401 as an unknown key (%s)", revoked.Status, revoked.Body, unknown.Body)
	}
	// The usage routes remember keys for a minute; revoking takes effect at once all the same.
	rid, _ := partner.Get(t, "/api-keys").Doc.Find("table.api-keys tbody tr").FilterFunction(func(_ int, s *goquery.Selection) bool { return s.Find("th").Text() == "Reporter" }).Attr("id")
	partner.PostForm(t, "/api-keys/"+strings.TrimPrefix(rid, "api-key-")+"/revoke", nil)
	if r := env.CallAPI(t, reporter, http.MethodPost, "/api/v1/usage", webtest.Messages(1, "after")); r.Status != http.StatusUnauthorized || string(r.Body) != string(unknown.Body) {
		t.Errorf("a report with a revoked key: %d %s", r.Status, r.Body)
	}
	var reports int
	if err := env.Pool.QueryRow(context.Background(), "SELECT count(*) FROM usage_reports").Scan(&reports); err != nil || reports != 1 {
		t.Errorf("%d reports stored (%v), want the one before revoking", reports, err)
	}
	if got := partner.Get(t, "/api-keys").Text("#" + id); !strings.Contains(got, "Revoked 25 Nov 2026") {
		t.Errorf("after revoking the row reads %q", got)
	}
	// Another company cannot revoke it, nor see it.
	other := env.SignedIn(t, webtest.PartnerB)
	if r := other.PostForm(t, "/api-keys/"+strings.TrimPrefix(id, "api-key-")+"/revoke", nil); r.StatusCode != http.StatusNotFound {
		t.Errorf("another company revoking: %d", r.StatusCode)
	}
	if strings.Contains(other.Get(t, "/api-keys").Body, "Gateway") {
		t.Error("another company sees the key")
	}
}

func TestAPIKeysPage(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerB)
	page := c.Get(t, "/api-keys")
	if page.StatusCode != http.StatusOK || !strings.Contains(page.Text("nav.main-nav"), "API keys") {
		t.Fatalf("status %d, navigation %q", page.StatusCode, page.Text("nav.main-nav"))
	}
	if st := env.Stats(t, page); st.Queries > 2 || st.Wrote {
		t.Errorf("the page took %d round trips (wrote %v), want at most 2 and no write", st.Queries, st.Wrote)
	}
	c.Header.Set("HX-Request", "true")
	bad := c.PostForm(t, "/api-keys", map[string][]string{"name": {""}, "environment": {"staging"}})
	if bad.StatusCode != http.StatusUnprocessableEntity || bad.Doc.Find(".field--invalid").Length() != 2 {
		t.Errorf("an empty name and an unknown environment: %d, %d fields marked", bad.StatusCode, bad.Doc.Find(".field--invalid").Length())
	}
	good := c.PostForm(t, "/api-keys", map[string][]string{"name": {"Fleet"}, "environment": {"production"}})
	secret, _ := good.Doc.Find("#new-key-secret").Attr("value")
	if good.StatusCode != http.StatusOK || !strings.HasPrefix(secret, "pp_prd_") || len(secret) != 7+52 {
		t.Errorf("created: %d, secret %q", good.StatusCode, secret)
	}
	if good.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("the answer with the secret may be cached: %q", good.Header.Get("Cache-Control"))
	}
	var stored []byte
	if err := env.Pool.QueryRow(context.Background(), "SELECT secret_hash FROM api_keys WHERE name = 'Fleet'").Scan(&stored); err != nil || len(stored) != 32 {
		t.Errorf("stored hash %x (%v)", stored, err)
	}
}
