package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"testing"

	"partnerportal/web"
	"partnerportal/web/webtest"
)

// createAPIKey makes a key through the API keys page, as a partner would, and returns the
// secret the page shows once.
func createAPIKey(t testing.TB, c *webtest.Client, name, environment string) string {
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

// apiResponse is an answer of the JSON API with its exact body.
type apiResponse struct {
	Status int
	Header http.Header
	Body   []byte
	JSON   map[string]any
}

// callAPI sends body (bytes as they are, anything else as JSON) with the bearer key.
func callAPI(t testing.TB, env *webtest.Env, key, method, path string, body any) apiResponse {
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
	req, err := http.NewRequestWithContext(context.Background(), method, env.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := env.Server.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	out := apiResponse{Status: resp.StatusCode, Header: resp.Header, Body: b}
	_ = json.Unmarshal(b, &out.JSON)
	return out
}

// report is a usage report body.
type report struct {
	Module         string `json:"module"`
	Metric         string `json:"metric"`
	Quantity       int64  `json:"quantity"`
	IdempotencyKey string `json:"idempotency_key"`
	OccurredAt     string `json:"occurred_at,omitempty"`
}

func messages(n int64, key string) report {
	return report{Module: "software", Metric: "messages", Quantity: n, IdempotencyKey: key}
}

// num reads a JSON number field as int64 (-1 when null or missing).
func num(m map[string]any, field string) int64 {
	f, ok := m[field].(float64)
	if !ok {
		return -1
	}
	return int64(f)
}

func str(m map[string]any, field string) string {
	s, _ := m[field].(string)
	return s
}

// companyPlan is the id of a company's plan and of its current term.
func companyPlan(t testing.TB, env *webtest.Env, company, module, environment string) (serviceID, termID int64) {
	t.Helper()
	err := env.Pool.QueryRow(context.Background(), `SELECT s.id, t.id FROM services s
		JOIN partner_companies c ON c.id = s.company_id
		JOIN service_terms t ON t.service_id = s.id
		WHERE c.name = $1 AND s.module = $2 AND s.environment = $3
		ORDER BY t.valid_from DESC LIMIT 1`, company, module, environment).Scan(&serviceID, &termID)
	if err != nil {
		t.Fatalf("%s %s %s plan: %v", company, module, environment, err)
	}
	return serviceID, termID
}

func setMessagesUsed(t testing.TB, env *webtest.Env, termID, used int64) {
	t.Helper()
	if _, err := env.Pool.Exec(context.Background(), "UPDATE service_terms SET messages_used = $2 WHERE id = $1", termID, used); err != nil {
		t.Fatal(err)
	}
}

// generousLimits lets a test send many requests while the test clock stands still.
func generousLimits(cfg *web.Config) { cfg.APIBurst = 100000 }
