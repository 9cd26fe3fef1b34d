package api_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"partnerportal/web/webtest"
)

// TestScenarioS3ThroughTheAPI is SPEC §7 S3 end to end over HTTP: Company A's sandbox software
// plan of 100 messages with a 30% cap accepts messages 1–130 one by one, is in grace from the
// 100th, exhausted at the 130th, and refuses the 131st; the same plan past its last day stays
// usable for ceil(term_days × 0.3) days and then refuses as expired.
func TestScenarioS3ThroughTheAPI(t *testing.T) {
	t.Parallel()
	env := webtest.New(t, webtest.GenerousLimits)
	ctx := context.Background()
	termID := env.Plan(t, "Company A", "software", "sandbox").TermID
	setMessagesUsed(t, env, termID, 0)
	key := env.SignedIn(t, webtest.PartnerA).CreateAPIKey(t, "S3 gateway", "sandbox")

	wantState := map[int64]string{1: "active", 99: "active", 100: "grace", 101: "grace", 129: "grace", 130: "exhausted"}
	for n := int64(1); n <= 130; n++ {
		r := env.CallAPI(t, key, http.MethodPost, "/api/v1/usage", webtest.Messages(1, fmt.Sprintf("s3-%d", n)))
		if r.Status != http.StatusOK || r.JSON["accepted"] != true {
			t.Fatalf("message %d: status %d %s, want accepted", n, r.Status, r.Body)
		}
		if got := num(r.JSON, "used"); got != n {
			t.Fatalf("message %d: used %d", n, got)
		}
		if want, ok := wantState[n]; ok {
			if got := str(r.JSON, "state"); got != want {
				t.Errorf("after message %d the plan is %q, want %q", n, got, want)
			}
			if num(r.JSON, "quota") != 100 || num(r.JSON, "allowance") != 130 || num(r.JSON, "remaining_allowance") != 130-n ||
				num(r.JSON, "remaining_quota") != max(0, 100-n) || str(r.JSON, "valid_until") != "2027-01-24" {
				t.Errorf("after message %d the figures are %s", n, r.Body)
			}
		}
	}
	refused := env.CallAPI(t, key, http.MethodPost, "/api/v1/usage", webtest.Messages(1, "s3-131"))
	if refused.Status != http.StatusForbidden || str(refused.JSON, "code") != "exhausted" || refused.JSON["accepted"] != false ||
		num(refused.JSON, "used") != 130 || num(refused.JSON, "remaining_allowance") != 0 {
		t.Errorf("message 131: %d %s, want 403 exhausted at 130", refused.Status, refused.Body)
	}
	var used int64
	if err := env.Pool.QueryRow(ctx, "SELECT messages_used FROM service_terms WHERE id = $1", termID).Scan(&used); err != nil || used != 130 {
		t.Errorf("stored usage %d (%v), want 130", used, err)
	}
	var kinds []string
	if err := env.Pool.QueryRow(ctx, "SELECT array_agg(kind::text || ':' || used ORDER BY id) FROM quota_warnings WHERE term_id = $1", termID).Scan(&kinds); err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprint(kinds), "[quota_80:80 quota_100:100 grace:100 exhausted:130]"; got != want {
		t.Errorf("quota warnings %s, want %s", got, want)
	}

	// Time-based grace of the same plan: 25 Oct 2026 to 24 Jan 2027 is 92 days, so 28 days of
	// grace (ceil(92 × 0.3) = ceil(27.6)) after its last day.
	setMessagesUsed(t, env, termID, 10)
	lastDay := time.Date(2027, 1, 24, 12, 0, 0, 0, time.UTC)
	graceDays := (92*30 + 99) / 100
	for i, tc := range []struct {
		at     time.Time
		status int
		state  string
	}{
		{lastDay, http.StatusOK, "active"},
		{lastDay.AddDate(0, 0, 1), http.StatusOK, "grace"},
		{lastDay.AddDate(0, 0, graceDays), http.StatusOK, "grace"},
		{lastDay.AddDate(0, 0, graceDays+1), http.StatusForbidden, "expired"},
	} {
		env.Clock.Set(tc.at)
		r := env.CallAPI(t, key, http.MethodPost, "/api/v1/usage", webtest.Messages(1, fmt.Sprintf("s3-time-%d", i)))
		if r.Status != tc.status || str(r.JSON, "state") != tc.state {
			t.Errorf("on %s: %d %s, want %d in state %s", tc.at.Format(time.DateOnly), r.Status, r.Body, tc.status, tc.state)
		}
		if tc.state == "expired" && str(r.JSON, "code") != "expired" {
			t.Errorf("on %s the refusal says %q, want expired", tc.at.Format(time.DateOnly), str(r.JSON, "code"))
		}
	}
	if graceDays != 28 {
		t.Errorf("grace days %d, want 28", graceDays)
	}
}
