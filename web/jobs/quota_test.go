package jobs_test

import (
	"context"
	"fmt"
	"testing"

	"partnerportal/db"
	"partnerportal/web/jobs"
	"partnerportal/web/webtest"
)

// TestQuotaCrossingsAreToldOncePerTerm reports usage on Company A's sandbox plan (100 messages,
// 95 used, cap 30 %) through the usage API: the report that reaches 80 % and the one that
// reaches 100 % are each told once, however many reports follow, and so is the plan entering
// its grace because of the quota.
func TestQuotaCrossingsAreToldOncePerTerm(t *testing.T) {
	t.Parallel()
	env := webtest.NewWithJobs(t, jobs.Config{})
	key := env.SignedIn(t, webtest.PartnerA).CreateAPIKey(t, "Meter", "sandbox")
	for i := range 10 {
		r := env.CallAPI(t, key, "POST", "/api/v1/usage", map[string]any{
			"module": "software", "metric": "messages", "quantity": 1, "idempotency_key": fmt.Sprintf("q-%d", i)})
		if r.Status != 200 {
			t.Fatalf("report %d: %d %s", i, r.Status, r.Body)
		}
	}
	// Usage reports record their events in the report's transaction; the delivery job that
	// runs every minute tells them. The test does not wait a minute: it asks for one now.
	ctx := context.Background()
	if err := db.Transact(ctx, env.Pool, func(q *db.Queries) error { return env.Jobs.Deliver(ctx, q) }); err != nil {
		t.Fatal(err)
	}
	env.Settle(t)
	got := titles(t, env, webtest.PartnerA)
	for _, want := range []string{
		"Software products · Sandbox has used 80 % of its messages",
		"Software products · Sandbox has used all of its messages",
		"Software products · Sandbox is over its quota",
	} {
		if n := count(got, want); n != 1 {
			t.Errorf("the partner was told %d times %q, want 1 (all: %q)", n, want, got)
		}
	}
}
