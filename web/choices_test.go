package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"partnerportal/web/webtest"
)

// TestHugePageNumbersAreClamped: a page number past any list, or past every integer type, shows
// a page (the last one there could be) rather than overflowing the query's offset.
func TestHugePageNumbersAreClamped(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	partner, admin := env.SignedIn(t, webtest.PartnerA), env.SignedIn(t, webtest.Admin)
	for _, page := range []string{"2147483648", "9223372036854775807", "9223372036854775808", "-1", "0", "10001"} {
		for path, c := range map[string]*webtest.Client{"/products": partner, "/admin/audit": admin, "/notifications": partner, "/admin/outbox": admin} {
			if r := c.Get(t, path+"?page="+page); r.StatusCode != http.StatusOK {
				t.Errorf("GET %s?page=%s: %d, want 200", path, page, r.StatusCode)
			}
		}
	}
}

// TestRefusedChoicesSayWhy: a choice that is none of the options (an edited form) is refused
// with 422 and a message the page shows; error pages are titled in words, never with the bare
// status text.
func TestRefusedChoicesSayWhy(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	a := env.CompanyID(t, "Company A")
	hub, version := env.Service(t, "Company A", "solutions_hub", "")
	partner, am, admin := env.SignedIn(t, webtest.PartnerA), env.SignedIn(t, webtest.AccountManager), env.SignedIn(t, webtest.Admin)
	partnerPage := "/admin/partners/" + webtest.Itoa(a)
	grant := am.Get(t, partnerPage).Form(partnerPage + "/services")
	var userID int64
	if err := env.Pool.QueryRow(t.Context(), "SELECT id FROM users WHERE email = $1", webtest.PartnerB).Scan(&userID); err != nil {
		t.Fatal(err)
	}
	partner.Get(t, "/devlab")
	admin.Get(t, "/admin/users")

	for _, tt := range []struct {
		name    string
		post    func() *webtest.Response
		message string // where the message shows
	}{
		{"grant: module", func() *webtest.Response {
			return am.PostForm(t, partnerPage+"/services", changed(grant, "module", "nope"))
		}, "#grant-module-error"},
		{"service: status", func() *webtest.Response {
			return am.PostForm(t, partnerPage+"/services/"+webtest.Itoa(hub)+"/status", url.Values{"version": {webtest.Itoa(int64(version))}, "status": {"nope"}})
		}, ".form__error, [role=alert]"},
		{"DevLab: module", func() *webtest.Response {
			return partner.PostForm(t, "/devlab/messages", url.Values{"module": {"nope"}, "count": {"1"}})
		}, "[role=alert]"},
		{"audit log: module", func() *webtest.Response { return am.Get(t, "/admin/audit?module=nope") }, "#f-module-error"},
		{"audit log: action", func() *webtest.Response { return am.Get(t, "/admin/audit?action=nope") }, "#f-action-error"},
		{"user: status", func() *webtest.Response {
			return admin.PostForm(t, "/admin/users/"+webtest.Itoa(userID)+"/status", url.Values{"status": {"nope"}})
		}, ".error-page p"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.post()
			if r.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422", r.StatusCode)
			}
			if got := r.Text(tt.message); got == "" {
				t.Errorf("no message at %s", tt.message)
			}
			if h1 := r.Text("h1"); h1 == http.StatusText(r.StatusCode) {
				t.Errorf("the page is titled %q", h1)
			}
		})
	}

	// A renewal request answered twice: the second answer is refused with 409, titled in words.
	partner.Get(t, "/services")
	if r := partner.PostForm(t, "/services/"+webtest.Itoa(hub)+"/renewal-requests", url.Values{"term_months": {"6"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("request renewal: %d", r.StatusCode)
	}
	var rid int64
	if err := env.Pool.QueryRow(t.Context(), "SELECT id FROM renewal_requests WHERE service_id = $1", hub).Scan(&rid); err != nil {
		t.Fatal(err)
	}
	decline := "/admin/renewals/" + webtest.Itoa(rid) + "/decline"
	if r := am.PostForm(t, decline, url.Values{"reason": {"Not this year."}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("decline: %d", r.StatusCode)
	}
	if r := am.PostForm(t, decline, url.Values{"reason": {"Still no."}}); r.StatusCode != http.StatusConflict || r.Text("h1") != "That changed in the meantime" {
		t.Errorf("declined again: %d titled %q, want 409 titled in words", r.StatusCode, r.Text("h1"))
	}
}

// TestAuditLogOfAnotherManagersCompanyIs404: an account manager who names, in the audit log's
// filter, a company they do not manage gets 404 as on every other page of that company — page
// and CSV alike — rather than an empty log that confirms the company exists.
func TestAuditLogOfAnotherManagersCompanyIs404(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	a, c := webtest.Itoa(env.CompanyID(t, "Company A")), webtest.Itoa(env.CompanyID(t, "Company C"))
	am, am2 := env.SignedIn(t, webtest.AccountManager), env.SignedIn(t, webtest.AccountManager2)
	for _, tt := range []struct {
		who    string
		client *webtest.Client
		path   string
		want   int
	}{
		{"own company", am, "/admin/audit?company=" + a, http.StatusOK},
		{"own company, CSV", am, "/admin/audit.csv?company=" + a, http.StatusOK},
		{"another manager's company", am, "/admin/audit?company=" + c, http.StatusNotFound},
		{"another manager's company, CSV", am, "/admin/audit.csv?company=" + c, http.StatusNotFound},
		{"the other way round", am2, "/admin/audit?company=" + a, http.StatusNotFound},
		{"no such company", am, "/admin/audit?company=999999", http.StatusNotFound},
	} {
		if r := tt.client.Get(t, tt.path); r.StatusCode != tt.want {
			t.Errorf("%s: GET %s answered %d, want %d", tt.who, tt.path, r.StatusCode, tt.want)
		}
	}
}
