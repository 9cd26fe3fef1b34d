package api_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"testing"
	"time"

	"partnerportal/web"
	"partnerportal/web/webtest"
)

// TestConcurrentReportersNeverPassTheAllowance: 64 reporters send reports of random sizes at
// once to one plan of quota 100 and cap 30%. However they interleave, the plan never counts
// more than 130, every accepted quantity is counted exactly once, and every refusal came when
// the report did not fit.
func TestConcurrentReportersNeverPassTheAllowance(t *testing.T) {
	t.Parallel()
	env := webtest.New(t, webtest.GenerousLimits)
	termID := env.Plan(t, "Company A", "software", "sandbox").TermID
	setMessagesUsed(t, env, termID, 0)
	key := env.SignedIn(t, webtest.PartnerA).CreateAPIKey(t, "Load", "sandbox")

	const reporters, perReporter = 64, 6
	type outcome struct {
		quantity int64
		resp     webtest.APIResponse
	}
	results := make([][]outcome, reporters)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for g := range reporters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(g), 7))
			<-start
			for i := range perReporter {
				q := int64(1 + rng.IntN(7))
				r := env.CallAPI(t, key, http.MethodPost, "/api/v1/usage", webtest.Messages(q, fmt.Sprintf("load-%d-%d", g, i)))
				results[g] = append(results[g], outcome{q, r})
			}
		}()
	}
	close(start)
	wg.Wait()

	var acceptedSum, accepted, refused int64
	for _, rs := range results {
		for _, o := range rs {
			switch o.resp.Status {
			case http.StatusOK:
				accepted++
				acceptedSum += o.quantity
			case http.StatusTooManyRequests, http.StatusForbidden:
				refused++
				code := str(o.resp.JSON, "code")
				left := num(o.resp.JSON, "remaining_allowance")
				// used only grows, so the figures read after a refusal still show it could not fit
				if (code != "would_exceed_allowance" && code != "exhausted") || left < 0 || left >= o.quantity {
					t.Errorf("a refusal of %d when %d were left: %s", o.quantity, left, o.resp.Body)
				}
			default:
				t.Errorf("unexpected answer %d %s", o.resp.Status, o.resp.Body)
			}
		}
	}
	var used, logged int64
	if err := env.Pool.QueryRow(context.Background(), `SELECT t.messages_used,
		(SELECT coalesce(sum(quantity), 0) FROM usage_reports WHERE term_id = t.id AND accepted)
		FROM service_terms t WHERE t.id = $1`, termID).Scan(&used, &logged); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d accepted (%d messages), %d refused; used %d", accepted, acceptedSum, refused, used)
	if used > 130 {
		t.Errorf("used %d passed the allowance of 130", used)
	}
	if acceptedSum != used || logged != used {
		t.Errorf("accepted quantities sum to %d (answers) and %d (stored reports), but the plan counts %d", acceptedSum, logged, used)
	}
	if refused == 0 || accepted == 0 {
		t.Errorf("the load should both fill the plan and be refused: %d accepted, %d refused", accepted, refused)
	}
	// Filling up with 1-message reports shows no count was lost: exactly 130 − used still fit.
	for i := int64(0); i < 130-used; i++ {
		if r := env.CallAPI(t, key, http.MethodPost, "/api/v1/usage", webtest.Messages(1, fmt.Sprintf("fill-%d", i))); r.Status != http.StatusOK {
			t.Fatalf("filling message %d of %d refused: %s", i+1, 130-used, r.Body)
		}
	}
	if r := env.CallAPI(t, key, http.MethodPost, "/api/v1/usage", webtest.Messages(1, "one-too-many")); r.Status != http.StatusForbidden {
		t.Errorf("after filling up: %d %s, want 403 exhausted", r.Status, r.Body)
	}
}

// TestUsageIdempotency: a replay gets the first answer byte for byte and counts nothing; the
// same key with another report is refused; duplicates sent at once count once; a duplicate
// of a report still being decided waits for it, or answers 409 when the wait runs out.
func TestUsageIdempotency(t *testing.T) {
	t.Parallel()
	env := webtest.New(t, webtest.GenerousLimits, func(cfg *web.Config) { cfg.ClaimTimeout = 300 * time.Millisecond })
	ctx := context.Background()
	termID := env.Plan(t, "Company A", "software", "sandbox").TermID
	setMessagesUsed(t, env, termID, 0)
	key := env.SignedIn(t, webtest.PartnerA).CreateAPIKey(t, "Replays", "sandbox")
	usedNow := func() int64 {
		var u int64
		if err := env.Pool.QueryRow(ctx, "SELECT messages_used FROM service_terms WHERE id = $1", termID).Scan(&u); err != nil {
			t.Fatal(err)
		}
		return u
	}

	t.Run("replay returns the first answer byte for byte", func(t *testing.T) {
		first := env.CallAPI(t, key, http.MethodPost, "/api/v1/usage", webtest.Messages(5, "replay-1"))
		env.CallAPI(t, key, http.MethodPost, "/api/v1/usage", webtest.Messages(2, "replay-other"))
		again := env.CallAPI(t, key, http.MethodPost, "/api/v1/usage", webtest.Messages(5, "replay-1"))
		if first.Status != http.StatusOK || again.Status != first.Status || !bytes.Equal(first.Body, again.Body) {
			t.Errorf("first %d %s\nreplay %d %s", first.Status, first.Body, again.Status, again.Body)
		}
		if u := usedNow(); u != 7 {
			t.Errorf("used %d after 5, 2 and a replay of the 5, want 7", u)
		}
	})
	t.Run("a refusal is replayed too", func(t *testing.T) {
		first := env.CallAPI(t, key, http.MethodPost, "/api/v1/usage", webtest.Messages(500, "too-big"))
		again := env.CallAPI(t, key, http.MethodPost, "/api/v1/usage", webtest.Messages(500, "too-big"))
		if first.Status != http.StatusTooManyRequests || !bytes.Equal(first.Body, again.Body) {
			t.Errorf("first %d %s\nreplay %d %s", first.Status, first.Body, again.Status, again.Body)
		}
	})
	t.Run("the same key with another body is refused", func(t *testing.T) {
		r := env.CallAPI(t, key, http.MethodPost, "/api/v1/usage", webtest.Messages(6, "replay-1"))
		if r.Status != http.StatusUnprocessableEntity || str(r.JSON, "code") != "idempotency_key_reused" {
			t.Errorf("%d %s, want 422 idempotency_key_reused", r.Status, r.Body)
		}
		if u := usedNow(); u != 7 {
			t.Errorf("used %d, want 7 still", u)
		}
	})
	t.Run("concurrent duplicates count once", func(t *testing.T) {
		before := usedNow()
		const n = 16
		bodies := make([][]byte, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := env.CallAPI(t, key, http.MethodPost, "/api/v1/usage", webtest.Messages(3, "dup-burst"))
				if r.Status != http.StatusOK {
					t.Errorf("duplicate %d: %d %s", i, r.Status, r.Body)
				}
				bodies[i] = r.Body
			}()
		}
		wg.Wait()
		for i := 1; i < n; i++ {
			if !bytes.Equal(bodies[i], bodies[0]) {
				t.Errorf("duplicate %d answered %s, the first %s", i, bodies[i], bodies[0])
			}
		}
		if u := usedNow(); u != before+3 {
			t.Errorf("used %d after %d duplicates of 3, want %d", u, n, before+3)
		}
	})
	t.Run("a duplicate of a report in flight waits or answers 409", func(t *testing.T) {
		var companyID int64
		if err := env.Pool.QueryRow(ctx, "SELECT id FROM partner_companies WHERE name = 'Company A'").Scan(&companyID); err != nil {
			t.Fatal(err)
		}
		// Another request reports the key and does not finish.
		release := holdUsageKey(t, env.Pool, companyID, "in-flight")
		defer release()
		before := usedNow()
		r := env.CallAPI(t, key, http.MethodPost, "/api/v1/usage", webtest.Messages(1, "in-flight"))
		if r.Status != http.StatusConflict || str(r.JSON, "code") != "idempotency_key_in_flight" {
			t.Errorf("%d %s, want 409 idempotency_key_in_flight", r.Status, r.Body)
		}
		// When the other transaction gives up, the report goes through.
		release()
		if r := env.CallAPI(t, key, http.MethodPost, "/api/v1/usage", webtest.Messages(1, "in-flight")); r.Status != http.StatusOK {
			t.Errorf("after the other transaction ended: %d %s", r.Status, r.Body)
		}
		if u := usedNow(); u != before+1 {
			t.Errorf("used %d, want %d", u, before+1)
		}
	})
}

// TestBatchesSharingKeysInOtherOrders: batches that report the same keys, listed in other
// orders, wait for each other and count each key once; none deadlocks, none is refused.
func TestBatchesSharingKeysInOtherOrders(t *testing.T) {
	t.Parallel()
	env := webtest.New(t, webtest.GenerousLimits, func(cfg *web.Config) { cfg.ClaimTimeout = 10 * time.Second })
	termID := env.Plan(t, "Company A", "software", "sandbox").TermID
	setMessagesUsed(t, env, termID, 0)
	key := env.SignedIn(t, webtest.PartnerA).CreateAPIKey(t, "Shared keys", "sandbox")
	keys := []string{"share-1", "share-2", "share-3", "share-4", "share-5"}
	const n = 8
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			reports := make([]any, len(keys))
			for j, k := range keys {
				if i%2 == 1 { // every other batch lists the keys backwards
					k = keys[len(keys)-1-j]
				}
				reports[j] = webtest.Messages(2, k)
			}
			if r := env.CallAPI(t, key, http.MethodPost, "/api/v1/usage/batch", map[string]any{"reports": reports}); r.Status != http.StatusOK {
				t.Errorf("batch %d: %d %s", i, r.Status, r.Body)
			}
		}()
	}
	wg.Wait()
	var used int64
	if err := env.Pool.QueryRow(t.Context(), "SELECT messages_used FROM service_terms WHERE id = $1", termID).Scan(&used); err != nil {
		t.Fatal(err)
	}
	if used != 2*int64(len(keys)) {
		t.Errorf("used %d after %d batches of the same %d keys, want %d", used, n, len(keys), 2*len(keys))
	}
}
