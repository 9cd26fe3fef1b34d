package staff_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"partnerportal/web/webtest"
)

// requestRenewal has Company A's partner ask for a renewal of a service and returns the
// request's id.
func requestRenewal(t *testing.T, env *webtest.Env, serviceID int64, term, message string) int64 {
	t.Helper()
	p := env.SignedIn(t, webtest.PartnerA)
	p.Get(t, "/services")
	if r := p.PostForm(t, "/services/"+webtest.Itoa(serviceID)+"/renewal-requests", form("term_months", term, "message", message)); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("request renewal: %d", r.StatusCode)
	}
	var id int64
	if err := env.Pool.QueryRow(context.Background(), "SELECT id FROM renewal_requests WHERE service_id = $1 AND status = 'open'", serviceID).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestApprovingARenewalRequestRenewsTheService(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	hub, v := env.Service(t, "Company A", "solutions_hub", "")
	req := requestRenewal(t, env, hub, "6", "Spring campaign ahead.")
	if auditRows(t, env, "renewal_request.create", hub) != 1 {
		t.Error("the partner's request is not in the audit trail")
	}
	am := env.SignedIn(t, webtest.AccountManager)
	page := am.Get(t, "/admin/renewals")
	card := page.Text("#request-" + webtest.Itoa(req))
	for _, want := range []string{"Company A", "Solutions Hub visibility", "Anna Andersen", "Wishes 6 months", "Spring campaign ahead.", "starts the new term on 25 Nov 2026"} {
		if !strings.Contains(card, want) {
			t.Errorf("request card %q lacks %q", card, want)
		}
	}
	if got := page.Doc.Find("#request-"+webtest.Itoa(req)+" select[name=term_months] option[selected]").AttrOr("value", ""); got != "6" {
		t.Errorf("the term preselected is %q, want the wished 6", got)
	}

	r := am.PostForm(t, "/admin/renewals/"+webtest.Itoa(req)+"/approve", form("version", webtest.Itoa(int64(v)), "term_months", "9"))
	if r.StatusCode != http.StatusUnprocessableEntity || r.Text("#approve-"+webtest.Itoa(req)+"-term-error") == "" {
		t.Errorf("a term of 9 months: %d, error %q", r.StatusCode, r.Text(".field__error"))
	}

	am.Header.Set("HX-Request", "true")
	r = am.PostForm(t, "/admin/renewals/"+webtest.Itoa(req)+"/approve", form("version", webtest.Itoa(int64(v)), "term_months", "3"))
	am.Header.Del("HX-Request")
	if r.StatusCode != http.StatusOK || !strings.Contains(r.Text("#request-"+webtest.Itoa(req)), "Approved for Company A, Solutions Hub visibility: Renewed for 3 months from 25 Nov 2026 to 24 Feb 2027.") {
		t.Fatalf("approve: %d %q", r.StatusCode, r.Text("main, body"))
	}
	ctx := context.Background()
	var status, answer string
	_ = env.Pool.QueryRow(ctx, "SELECT status, answer FROM renewal_requests WHERE id = $1", req).Scan(&status, &answer)
	if status != "approved" || answer != "Renewed for 3 months from 25 Nov 2026 to 24 Feb 2027." {
		t.Errorf("request %s with answer %q", status, answer)
	}
	var from time.Time
	var months int
	_ = env.Pool.QueryRow(ctx, "SELECT valid_from, term_months FROM service_terms WHERE service_id = $1 ORDER BY valid_from DESC LIMIT 1", hub).Scan(&from, &months)
	if from.Format(time.DateOnly) != "2026-11-25" || months != 3 {
		t.Errorf("new term from %s for %d months, want today for 3", from.Format(time.DateOnly), months)
	}
	if auditRows(t, env, "service.renew", hub) != 1 || auditRows(t, env, "renewal_request.approve", hub) != 1 {
		t.Error("the approval is not recorded as a renewal and an answer")
	}
	partner := env.SignedIn(t, webtest.PartnerA)
	if got := partner.Get(t, "/services").ServiceCards()["Solutions Hub visibility"]; !strings.Contains(got, "Active until 24 Feb 2027") || !strings.Contains(got, "approved on 25 Nov 2026") {
		t.Errorf("My Services says %q", got)
	}
	if r := am.PostForm(t, "/admin/renewals/"+webtest.Itoa(req)+"/approve", form("version", webtest.Itoa(int64(v+1)), "term_months", "3")); r.StatusCode != http.StatusConflict {
		t.Errorf("approving again: %d, want 409", r.StatusCode)
	}
}

func TestDecliningARenewalRequestNeedsAReason(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	support, _ := env.Service(t, "Company A", "support", "")
	req := requestRenewal(t, env, support, "", "")
	am := env.SignedIn(t, webtest.AccountManager)
	am.Get(t, "/admin/renewals")
	r := am.PostForm(t, "/admin/renewals/"+webtest.Itoa(req)+"/decline", form("reason", "  "))
	if r.StatusCode != http.StatusUnprocessableEntity || r.Text("#decline-"+webtest.Itoa(req)+"-reason-error") == "" {
		t.Fatalf("decline without a reason: %d %q", r.StatusCode, r.Text(".field__error"))
	}
	r = am.PostForm(t, "/admin/renewals/"+webtest.Itoa(req)+"/decline", form("reason", "Your term runs until March; ask again in February."))
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("decline: %d", r.StatusCode)
	}
	got := env.SignedIn(t, webtest.PartnerA).Get(t, "/services").ServiceCards()["Support"]
	if !strings.Contains(got, "declined on 25 Nov 2026: Your term runs until March; ask again in February.") {
		t.Errorf("My Services says %q", got)
	}
	if auditRows(t, env, "renewal_request.decline", support) != 1 || auditRows(t, env, "service.renew", support) != 0 {
		t.Error("a decline must be recorded and renew nothing")
	}
	if strings.Contains(am.Get(t, "/admin/renewals").Body, "request-"+webtest.Itoa(req)) {
		t.Error("the answered request is still listed as open")
	}
}
