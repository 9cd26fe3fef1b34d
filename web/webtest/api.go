package webtest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"testing"

	"partnerportal/web"
)

// CreateAPIKey makes a key through the API keys page, as a partner would, and returns the
// secret the page shows once.
func (c *Client) CreateAPIKey(t testing.TB, name, environment string) string {
	t.Helper()
	c.Get(t, "/api-keys")
	r := c.PostForm(t, "/api-keys", url.Values{"name": {name}, "environment": {environment}})
	if r.StatusCode != http.StatusOK {
		t.Fatalf("create API key: status %d\n%s", r.StatusCode, r.Body)
	}
	secret, ok := r.Doc.Find("#new-key-secret").Attr("value")
	if !ok || secret == "" {
		t.Fatalf("the page shows no new key:\n%s", r.Body)
	}
	return secret
}

// APIResponse is an answer of the JSON API with its exact body. JSON is nil unless the body
// is a JSON object.
type APIResponse struct {
	Status int
	Header http.Header
	Body   []byte
	JSON   map[string]any
}

// CallAPI sends body (bytes or a string as they are, anything else as JSON) with key as the
// bearer token; key "" sends no Authorization header.
func (e *Env) CallAPI(t testing.TB, key, method, path string, body any) APIResponse {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
	case string:
		rd = bytes.NewReader([]byte(b))
	default:
		j, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequestWithContext(context.Background(), method, e.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := e.Server.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	out := APIResponse{Status: resp.StatusCode, Header: resp.Header, Body: b}
	// A body that is not an object leaves JSON nil, which is what tests of such answers check.
	_ = json.Unmarshal(b, &out.JSON)
	return out
}

// UsageReport is the body of a usage report.
type UsageReport struct {
	Module         string `json:"module"`
	Metric         string `json:"metric"`
	Quantity       int64  `json:"quantity"`
	IdempotencyKey string `json:"idempotency_key"`
	OccurredAt     string `json:"occurred_at,omitempty"`
}

// Messages is a report of n software messages under an idempotency key.
func Messages(n int64, key string) UsageReport {
	return UsageReport{Module: "software", Metric: "messages", Quantity: n, IdempotencyKey: key}
}

// GenerousLimits is an option of New that lets a test send many API requests while the test
// clock, which refills the rate limit, stands still.
func GenerousLimits(cfg *web.Config) { cfg.APIBurst = 100000 }

// BehindProxy is an option of New that believes X-Forwarded-For from the test's clients, so
// each client can come from an address of its own (set the header on Client.Header).
func BehindProxy(cfg *web.Config) {
	_, loopback, _ := net.ParseCIDR("127.0.0.0/8")
	cfg.TrustedProxies = []*net.IPNet{loopback}
}
