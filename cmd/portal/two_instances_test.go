package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// freeAddr is a loopback address nobody listens on (yet).
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// waitReady polls a server's readiness probe.
func waitReady(t *testing.T, base string, logs *syncBuffer) {
	t.Helper()
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if resp, err := http.Get(base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
	}
	t.Fatalf("%s never became ready:\n%s", base, logs.String())
}

// browser is a person's browser: one cookie jar, whichever instance it talks to.
type browser struct {
	t   *testing.T
	jar *cookiejar.Jar
	c   *http.Client
}

func newBrowser(t *testing.T) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, jar: jar, c: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (b *browser) get(base, path string) (int, string) {
	b.t.Helper()
	resp, err := b.c.Get(base + path)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// post sends a form as the portal's pages do, with the CSRF token its cookie holds.
func (b *browser) post(base, path string, form url.Values) (int, string) {
	b.t.Helper()
	u, _ := url.Parse(base)
	for _, ck := range b.jar.Cookies(u) {
		if ck.Name == "csrf" {
			form.Set("_csrf", ck.Value)
		}
	}
	req, _ := http.NewRequest(http.MethodPost, base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", base)
	resp, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

var newKeySecret = regexp.MustCompile(`id="new-key-secret"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*id="new-key-secret"`)

// TestTwoInstancesShareSessionsAndCountUsageExactly runs two `portal serve` processes on one
// database, reached by their own ports with nothing in front: a session made on one works on
// the other and ends on both when signed out on one; reporters hammering both at once are
// counted exactly, up to the plan's allowance and not one report past it, each idempotency key
// once whichever instance gets it; and each instance's metrics are on their own address only.
func TestTwoInstancesShareSessionsAndCountUsageExactly(t *testing.T) {
	t.Parallel()
	vars := demoDatabase(t)
	pool := openPool(t, vars["DATABASE_URL"])
	var bases, metrics []string
	for range 2 {
		v := map[string]string{}
		for k, x := range vars {
			v[k] = x
		}
		v["PORTAL_ADDR"], v["PORTAL_METRICS_ADDR"] = freeAddr(t), freeAddr(t)
		_, logs := startServer(t, v)
		base := "http://" + v["PORTAL_ADDR"]
		waitReady(t, base, logs)
		bases, metrics = append(bases, base), append(metrics, "http://"+v["PORTAL_METRICS_ADDR"])
	}
	one, two := bases[0], bases[1]

	// A session made on one instance is the same person on the other.
	b := newBrowser(t)
	b.get(one, "/login")
	if status, body := b.post(one, "/login", url.Values{"email": {"b@company-b.example"}, "password": {"portal-demo"}}); status != http.StatusSeeOther {
		t.Fatalf("sign in on the first instance: %d\n%s", status, body)
	}
	if status, body := b.get(two, "/services"); status != http.StatusOK || !strings.Contains(body, "Ben Brooks") {
		t.Fatalf("My Services on the second instance with the first one's session: %d, signed-in name shown: %v", status, strings.Contains(body, "Ben Brooks"))
	}
	b.get(two, "/api-keys")
	_, page := b.post(two, "/api-keys", url.Values{"name": {"Two instances"}, "environment": {"production"}})
	m := newKeySecret.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no new API key on the page the second instance answered")
	}
	key := m[1] + m[2]

	// The production software plan gets room for exactly 150 more messages (quota 1,000, no
	// cap); 300 reports of 1 go to both instances at once, 30 of them twice.
	ctx := context.Background()
	if _, err := pool.Exec(ctx, `UPDATE service_terms st SET message_quota = 1000, cap_percent = 0, messages_used = 850
		FROM services s JOIN partner_companies c ON c.id = s.company_id
		WHERE st.service_id = s.id AND c.name = 'Company B' AND s.module = 'software' AND s.environment = 'production'`); err != nil {
		t.Fatal(err)
	}
	var accepted, refused, replayed atomic.Int64
	var wg sync.WaitGroup
	report := func(base, idem string) {
		defer wg.Done()
		body := fmt.Sprintf(`{"module":"software","metric":"messages","quantity":1,"idempotency_key":%q}`, idem)
		var resp *http.Response
		var answer []byte
		// a reporter that is told to slow down waits as told and sends the same report again
		for {
			req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/usage", strings.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+key)
			req.Header.Set("Content-Type", "application/json")
			var err error
			if resp, err = http.DefaultClient.Do(req); err != nil {
				t.Error(err)
				return
			}
			answer, _ = io.ReadAll(resp.Body)
			resp.Body.Close()
			if !strings.Contains(string(answer), `"rate_limited"`) {
				break
			}
			wait, _ := time.ParseDuration(resp.Header.Get("Retry-After") + "s")
			time.Sleep(wait)
		}
		switch {
		case resp.StatusCode == http.StatusOK && strings.Contains(string(answer), `"accepted": true`):
			accepted.Add(1)
		case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusForbidden:
			refused.Add(1)
		case resp.StatusCode == http.StatusConflict:
			replayed.Add(1) // the same key still being decided on the other instance
		default:
			t.Errorf("report %s on %s: %d %s", idem, base, resp.StatusCode, answer)
		}
	}
	for i := range 300 {
		wg.Add(1)
		go report(bases[i%2], fmt.Sprintf("two-%d", i))
		if i < 30 {
			wg.Add(1)
			go report(bases[(i+1)%2], fmt.Sprintf("two-%d", i))
		}
	}
	wg.Wait()
	var used, stored, counted int64
	if err := pool.QueryRow(ctx, `SELECT st.messages_used,
			(SELECT count(*) FROM usage_reports u WHERE u.idempotency_key LIKE 'two-%'),
			(SELECT count(*) FROM usage_reports u WHERE u.idempotency_key LIKE 'two-%' AND u.accepted)
		FROM service_terms st JOIN services s ON s.id = st.service_id JOIN partner_companies c ON c.id = s.company_id
		WHERE c.name = 'Company B' AND s.module = 'software' AND s.environment = 'production'`).Scan(&used, &stored, &counted); err != nil {
		t.Fatal(err)
	}
	if used != 1000 || counted != 150 || stored != 300 {
		t.Errorf("after 300 reports (30 sent twice) over two instances: used %d, %d reports stored, %d counted; want 1000, 300, 150",
			used, stored, counted)
	}
	// every accepted answer is a counted report, or the replay of one sent twice
	if a := accepted.Load(); a < 150 || a > 150+30 {
		t.Errorf("%d answers said accepted, want 150 plus at most the 30 repeated keys", a)
	}

	// Signing out on the second instance ends the session on the first.
	if status, _ := b.post(two, "/logout", url.Values{}); status != http.StatusSeeOther {
		t.Fatalf("sign out on the second instance: %d", status)
	}
	if status, _ := b.get(one, "/services"); status != http.StatusSeeOther {
		t.Errorf("My Services on the first instance after signing out on the second: %d, want 303 to sign in", status)
	}

	// Metrics: on their own address, with the requests and the usage answers just made.
	for i, addr := range metrics {
		status, body := b.get(addr, "/metrics")
		if status != http.StatusOK || !strings.Contains(body, `portal_http_request_duration_seconds_count{method="POST",route="/api/v1/usage",status="200"}`) ||
			!strings.Contains(body, `portal_usage_reports_total{code="accepted",replayed="false"}`) || !strings.Contains(body, "portal_db_pool_connections") ||
			!strings.Contains(body, `portal_jobs{state="available"}`) {
			t.Errorf("metrics of instance %d: %d, missing series:\n%.2000s", i+1, status, body)
		}
		if status, _ := b.get(bases[i], "/metrics"); status != http.StatusNotFound {
			t.Errorf("/metrics on instance %d's public address: %d, want 404", i+1, status)
		}
	}
}
