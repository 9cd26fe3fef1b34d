package api_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"partnerportal/web/usagehistory"
	"partnerportal/web/webtest"
)

// TestTopupMakesAnExhaustedPlanUsable: Company A's sandbox plan used up (130 of 100 with a 30%
// cap) refuses usage; its partner asks for a top-up on My Services, the account manager
// approves a different amount from Requests, and at once the next report is accepted, the
// entitlements and My Services show the new quota, the history chart marks it, and the term
// history and the audit trail record it. The renewal that follows starts from the granted quota.
func TestTopupMakesAnExhaustedPlanUsable(t *testing.T) {
	t.Parallel()
	env := webtest.New(t, webtest.GenerousLimits)
	ctx := context.Background()
	plan := env.Plan(t, "Company A", "software", "sandbox")
	setMessagesUsed(t, env, plan.TermID, 130)
	partner := env.SignedIn(t, webtest.PartnerA)
	key := partner.CreateAPIKey(t, "Top-up gateway", "sandbox")
	if r := env.CallAPI(t, key, http.MethodPost, "/api/v1/usage", webtest.Messages(1, "before")); r.Status != http.StatusForbidden || str(r.JSON, "code") != "exhausted" {
		t.Fatalf("before the top-up: %d %s, want 403 exhausted", r.Status, r.Body)
	}

	sid := strconv.FormatInt(plan.ServiceID, 10)
	page := partner.Get(t, "/services")
	if page.Doc.Find("#topup-"+sid+" form").Length() != 1 {
		t.Fatalf("My Services offers no top-up form on the exhausted sandbox plan")
	}
	bad := partner.PostForm(t, "/services/"+sid+"/topup-requests", url.Values{"metric": {"messages"}, "amount": {"0"}, "reason": {"Pilot"}})
	partner.HTMX(func() {
		bad = partner.PostForm(t, "/services/"+sid+"/topup-requests", url.Values{"metric": {"messages"}, "amount": {"0"}, "reason": {"Pilot"}})
	})
	if bad.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(bad.Text("#topup-"+sid+"-amount-error"), "at least 1") ||
		bad.Doc.Find("#topup-"+sid+"-reason").Text() != "Pilot" {
		t.Errorf("amount 0: %d, error %q; want 422 with the error under the field and the reason kept", bad.StatusCode, bad.Text(".field__error"))
	}
	var asked *webtest.Response
	partner.HTMX(func() {
		asked = partner.PostForm(t, "/services/"+sid+"/topup-requests", url.Values{"metric": {"messages"}, "amount": {"200"}, "reason": {"Pilot week"}})
	})
	if asked.StatusCode != http.StatusOK || !strings.Contains(asked.Text(".topup__open"), "Top-up requested: 200 messages") {
		t.Fatalf("request: %d %q", asked.StatusCode, asked.Body)
	}
	partner.HTMX(func() {
		asked = partner.PostForm(t, "/services/"+sid+"/topup-requests", url.Values{"metric": {"messages"}, "amount": {"50"}})
	})
	if asked.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(asked.Text(".form__error"), "already asked") {
		t.Errorf("second request: %d %q, want 422 already asked", asked.StatusCode, asked.Text(".form__error"))
	}

	am := env.SignedIn(t, webtest.AccountManager)
	inbox := am.Get(t, "/admin/renewals")
	card := inbox.Doc.Find(`article[id^="topup-request-"]`)
	if inbox.Text("h1") != "Requests" || card.Length() != 1 || !strings.Contains(card.Text(), "200 more messages") || !strings.Contains(card.Text(), "Pilot week") {
		t.Fatalf("Requests inbox: h1 %q, top-up card %q", inbox.Text("h1"), card.Text())
	}
	rid := strings.TrimPrefix(card.AttrOr("id", ""), "topup-request-")
	var answered *webtest.Response
	am.HTMX(func() { answered = am.PostForm(t, "/admin/topups/"+rid+"/approve", url.Values{"amount": {"500"}}) })
	if answered.StatusCode != http.StatusOK || !strings.Contains(answered.Body, "Answered") {
		t.Fatalf("approve: %d %s", answered.StatusCode, answered.Body)
	}

	// quota 600, allowance 780: 130 used, so the plan is usable again at once
	r := env.CallAPI(t, key, http.MethodPost, "/api/v1/usage", webtest.Messages(1, "after"))
	if r.Status != http.StatusOK || r.JSON["accepted"] != true || num(r.JSON, "quota") != 600 || num(r.JSON, "allowance") != 780 || str(r.JSON, "state") != "active" {
		t.Fatalf("after the top-up: %d %s, want accepted against a quota of 600", r.Status, r.Body)
	}
	ent := env.CallAPI(t, key, http.MethodGet, "/api/v1/entitlements", nil)
	if !strings.Contains(string(ent.Body), `"quota":600`) && !strings.Contains(string(ent.Body), `"message_quota":600`) {
		t.Errorf("entitlements do not show the quota of 600: %s", ent.Body)
	}
	cards := partner.Get(t, "/services").ServiceCards()
	if got := cards["Software products · Sandbox"]; !strings.Contains(got, "Active") {
		t.Errorf("My Services sandbox card %q, want Active", got)
	}

	// the history chart marks the new quota once the report is folded
	env.Exec(t, "UPDATE usage_reports SET created_at = created_at - interval '2 minutes'")
	if _, err := usagehistory.Fold(ctx, env.Pool, env.Clock.Now(), time.UTC); err != nil {
		t.Fatal(err)
	}
	hist := partner.Get(t, "/services/"+sid+"/history")
	if q := hist.Doc.Find("svg.chart line.chart__quota").AttrOr("data-quota", ""); hist.StatusCode != http.StatusOK || q != "600" {
		t.Errorf("history: %d, quota mark %q, want 600", hist.StatusCode, q)
	}
	if hist.Doc.Find("svg.chart title").Length() < 2 || !strings.Contains(hist.Text("details table"), "1") {
		t.Errorf("history chart lacks titles or its table is empty: %q", hist.Text("details table"))
	}

	panel := am.Get(t, "/admin/partners/"+strconv.FormatInt(env.CompanyID(t, "Company A"), 10))
	if !strings.Contains(panel.Text("#service-"+sid+" .term-history"), "top-ups +500 messages") {
		t.Errorf("term history %q lacks the top-up", panel.Text("#service-"+sid+" .term-history"))
	}
	if got := panel.Doc.Find(`#service-`+sid+` input[name="message_quota"]`).First().AttrOr("value", ""); got != "100" {
		t.Errorf("the renew form carries message quota %q, want the granted 100", got)
	}
	var audited int
	if err := env.Pool.QueryRow(ctx, "SELECT count(*) FROM audit_events WHERE action IN ('topup_request.create', 'topup_request.approve')").Scan(&audited); err != nil || audited != 2 {
		t.Errorf("audit records of the top-up: %d (%v), want 2", audited, err)
	}
}
