package api_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"partnerportal/web/webtest"
)

// BenchmarkUsage compares POST /api/v1/usage through the real router (API key, rate limit,
// validation, idempotency record, the conditional update, the stored answer) with a plain
// handler that runs only the conditional counter update on the same database. Each iteration
// sends one request to each, over HTTP with keep-alive, so both see the same machine at the
// same moment; the result is both throughputs and their ratio (the goal is at least 0.5).
//
//	go test -run='^$' -bench=Usage ./web/
func BenchmarkUsage(b *testing.B) {
	env := webtest.New(b, webtest.GenerousLimits)
	ctx := context.Background()
	termID := env.Plan(b, "Company B", "software", "production").TermID
	// room for any b.N
	if _, err := env.Pool.Exec(ctx, "UPDATE service_terms SET message_quota = 2000000000, messages_used = 0 WHERE id = $1", termID); err != nil {
		b.Fatal(err)
	}
	key := env.SignedIn(b, webtest.PartnerB).CreateAPIKey(b, "Bench", "production")
	var companyB int64
	if err := env.Pool.QueryRow(ctx, "SELECT id FROM partner_companies WHERE name = 'Company B'").Scan(&companyB); err != nil {
		b.Fatal(err)
	}

	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var used int64
		// the same conditional update as record_usage's (migration 00022), alone
		err := env.Pool.QueryRow(r.Context(), `UPDATE service_terms st SET messages_used = st.messages_used + 1
			FROM service_states($2) ss
			WHERE ss.company_id = $1 AND ss.module = 'software' AND ss.environment = 'production'
			  AND st.id = ss.term_id
			  AND state_can_use(term_state(ss.status, st, $2))
			  AND usage_fits(st.messages_used, 1, st.message_quota, st.cap_percent, 9223372036854775807)
			RETURNING st.messages_used`, companyB, webtest.Start).Scan(&used)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"used":%d}`, used)
	}))
	defer plain.Close()

	client := env.Server.Client()
	post := func(url, auth string, body []byte) {
		req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if auth != "" {
			req.Header.Set("Authorization", "Bearer "+auth)
		}
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("%s: status %d", url, resp.StatusCode)
		}
	}
	var apiTime, plainTime time.Duration
	i := 0
	for b.Loop() {
		body := fmt.Appendf(nil, `{"module":"software","metric":"messages","quantity":1,"idempotency_key":"bench-%d"}`, i)
		i++
		t0 := time.Now()
		post(plain.URL, "", nil)
		t1 := time.Now()
		post(env.URL+"/api/v1/usage", key, body)
		plainTime += t1.Sub(t0)
		apiTime += time.Since(t1)
	}
	plainRate := float64(i) / plainTime.Seconds()
	apiRate := float64(i) / apiTime.Seconds()
	b.ReportMetric(plainRate, "plain-req/s")
	b.ReportMetric(apiRate, "api-req/s")
	b.ReportMetric(apiRate/plainRate, "ratio")
	b.Logf("%d requests each: plain update %.0f req/s, POST /api/v1/usage %.0f req/s, ratio %.2f (goal ≥ 0.5)", i, plainRate, apiRate, apiRate/plainRate)
}
