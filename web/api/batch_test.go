package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"partnerportal/web/webtest"
)

// TestUsageBatchAnswersEachReportInOrder: reports of one batch are decided in order, each
// answered as it would be alone, and a batch replayed counts nothing.
func TestUsageBatchAnswersEachReportInOrder(t *testing.T) {
	t.Parallel()
	env := webtest.New(t, webtest.GenerousLimits)
	termID := env.Plan(t, "Company A", "software", "sandbox").TermID
	setMessagesUsed(t, env, termID, 120)
	key := env.SignedIn(t, webtest.PartnerA).CreateAPIKey(t, "Batch", "sandbox")
	body := map[string]any{"reports": []any{
		webtest.Messages(8, "b-1"),    // 128: accepted
		webtest.Messages(5, "b-2"),    // would pass 130: refused, 2 left
		webtest.Messages(2, "b-3"),    // 130: accepted, exhausted
		webtest.Messages(1, "b-4"),    // refused: exhausted
		map[string]any{"module": "x"}, // invalid
		webtest.Messages(8, "b-1"),    // the first report again: its answer
		webtest.Messages(9, "b-1"),    // the same key, another report
		webtest.UsageReport{Module: "software", Metric: "devices", Quantity: 2, IdempotencyKey: "b-5"}, // devices are not metered here, but the plan is exhausted
	}}
	type result struct {
		Index  int             `json:"index"`
		Status int             `json:"status"`
		Body   json.RawMessage `json:"body"`
	}
	decode := func(r webtest.APIResponse) []result {
		var out struct{ Results []result }
		if err := json.Unmarshal(r.Body, &out); err != nil || r.Status != http.StatusOK {
			t.Fatalf("%d %s (%v)", r.Status, r.Body, err)
		}
		return out.Results
	}
	first := decode(env.CallAPI(t, key, http.MethodPost, "/api/v1/usage/batch", body))
	want := []struct {
		status int
		code   string
		used   int64
	}{{200, "accepted", 128}, {429, "would_exceed_allowance", 128}, {200, "accepted", 130}, {403, "exhausted", 130},
		{422, "invalid", -1}, {200, "accepted", 128}, {422, "idempotency_key_reused", -1}, {403, "exhausted", 0}}
	if len(first) != len(want) {
		t.Fatalf("%d results, want %d", len(first), len(want))
	}
	for i, w := range want {
		var b map[string]any
		_ = json.Unmarshal(first[i].Body, &b)
		if first[i].Index != i || first[i].Status != w.status || str(b, "code") != w.code || num(b, "used") != w.used {
			t.Errorf("report %d: %d %s, want %d %s used %d", i, first[i].Status, first[i].Body, w.status, w.code, w.used)
		}
	}
	if !bytes.Equal(first[5].Body, first[0].Body) {
		t.Errorf("the repeated report's answer %s differs from the first %s", first[5].Body, first[0].Body)
	}
	// The whole batch again: every decided report is replayed byte for byte.
	again := decode(env.CallAPI(t, key, http.MethodPost, "/api/v1/usage/batch", body))
	for _, i := range []int{0, 1, 2, 3, 7} {
		if !bytes.Equal(again[i].Body, first[i].Body) || again[i].Status != first[i].Status {
			t.Errorf("replayed report %d: %s, first %s", i, again[i].Body, first[i].Body)
		}
	}
	// A single report with a batch report's key gets the batch's answer.
	single := env.CallAPI(t, key, http.MethodPost, "/api/v1/usage", webtest.Messages(5, "b-2"))
	if single.Status != 429 || !bytes.Equal(single.Body, first[1].Body) {
		t.Errorf("single replay of b-2: %d %s", single.Status, single.Body)
	}
	var used int64
	if err := env.Pool.QueryRow(t.Context(), "SELECT messages_used FROM service_terms WHERE id = $1", termID).Scan(&used); err != nil || used != 130 {
		t.Errorf("used %d (%v), want 130", used, err)
	}
}

// TestEntitlementsAndDevices: the entitlements answer lists the company's services with what
// is left; a device count goes up and down but never below 0.
func TestEntitlementsAndDevices(t *testing.T) {
	t.Parallel()
	env := webtest.New(t, webtest.GenerousLimits)
	key := env.SignedIn(t, webtest.PartnerA).CreateAPIKey(t, "Devices", "production")
	device := func(n int64, k string) webtest.APIResponse {
		return env.CallAPI(t, key, http.MethodPost, "/api/v1/usage", webtest.UsageReport{Module: "hardware", Metric: "devices", Quantity: n, IdempotencyKey: k})
	}
	if r := device(3, "d-1"); r.Status != 200 || num(r.JSON, "used") != 383 || num(r.JSON, "quota") != 1000 || num(r.JSON, "allowance") != 1100 {
		t.Errorf("+3 devices: %d %s", r.Status, r.Body)
	}
	if r := device(-383, "d-2"); r.Status != 200 || num(r.JSON, "used") != 0 {
		t.Errorf("-383 devices: %d %s", r.Status, r.Body)
	}
	if r := device(-1, "d-3"); r.Status != 422 || str(r.JSON, "code") != "invalid" || num(r.JSON, "used") != 0 {
		t.Errorf("-1 device at 0: %d %s, want 422 invalid", r.Status, r.Body)
	}
	if r := device(1101, "d-4"); r.Status != 429 || num(r.JSON, "remaining_allowance") != 1100 {
		t.Errorf("1101 devices: %d %s, want 429 with 1100 left", r.Status, r.Body)
	}

	r := env.CallAPI(t, key, http.MethodGet, "/api/v1/entitlements", nil)
	var got struct {
		Today        string
		Entitlements []struct {
			Module      string
			Environment *string
			State       string
			CanUse      bool    `json:"can_use"`
			ReadOnly    bool    `json:"read_only"`
			ValidUntil  *string `json:"valid_until"`
			Messages    *struct{ Quota, Used, Allowance, RemainingQuota int64 }
			Devices     *struct {
				Quota, Used, Allowance int64
				RemainingAllowance     int64 `json:"remaining_allowance"`
			}
		}
	}
	if err := json.Unmarshal(r.Body, &got); err != nil || r.Status != 200 {
		t.Fatalf("%d %s (%v)", r.Status, r.Body, err)
	}
	summary := map[string]string{}
	for _, e := range got.Entitlements {
		name := e.Module
		if e.Environment != nil {
			name += ":" + *e.Environment
		}
		s := fmt.Sprintf("%s use=%v ro=%v", e.State, e.CanUse, e.ReadOnly)
		if e.Messages != nil {
			s += fmt.Sprintf(" msgs=%d/%d/%d", e.Messages.Used, e.Messages.Quota, e.Messages.Allowance)
		}
		if e.Devices != nil {
			s += fmt.Sprintf(" devs=%d/%d/%d left %d", e.Devices.Used, e.Devices.Quota, e.Devices.Allowance, e.Devices.RemainingAllowance)
		}
		summary[name] = s
	}
	for name, want := range map[string]string{
		"software:sandbox":    "active use=true ro=false msgs=95/100/130",
		"software:production": "active use=true ro=false msgs=41250/100000/110000 devs=212/500/550 left 338",
		"hardware:production": "active use=true ro=false devs=0/1000/1100 left 1100",
		"solutions_hub":       "expired use=false ro=true",
		"devlab":              "active use=true ro=false",
	} {
		if summary[name] != want {
			t.Errorf("%s: %q, want %q", name, summary[name], want)
		}
	}
	if len(got.Entitlements) != 7 || got.Today != "2026-11-25" {
		t.Errorf("%d entitlements on %s, want Company A's 7 on 2026-11-25", len(got.Entitlements), got.Today)
	}
}
