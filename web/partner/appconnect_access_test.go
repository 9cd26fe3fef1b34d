package partner_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"partnerportal/web/webtest"
)

// TestAnotherCompanysDeploymentsAndDraftsAreNotFound: Company C, given AppConnect, finds none
// of Company B's deployments or drafts (404 for every page and action); Company A, which does
// not hold AppConnect, finds no AppConnect at all.
func TestAnotherCompanysDeploymentsAndDraftsAreNotFound(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	b := env.SignedIn(t, webtest.PartnerB)
	draft := startDraft(t, b, "asset-tracking")
	var deployment int64
	if err := env.Pool.QueryRow(context.Background(), "SELECT id FROM app_deployments WHERE name = 'Riverside cold store'").Scan(&deployment); err != nil {
		t.Fatal(err)
	}
	env.SetModuleState(t, env.CompanyID(t, "Company C"), "appconnect", "active")
	other := env.SignedIn(t, webtest.PartnerC)
	if r := other.Get(t, "/appconnect"); r.StatusCode != http.StatusOK || strings.Contains(r.Text("main"), "Riverside") {
		t.Fatalf("Company C's AppConnect: %d, shows B's deployment: %v", r.StatusCode, strings.Contains(r.Text("main"), "Riverside"))
	}
	dep := deploymentPath(deployment)
	for _, path := range []string{dep, dep + "/progress", dep + "/manifest.json", dep + "/delete", dep + "?revision=1",
		draftPath(draft, "setup"), draftPath(draft, "review")} {
		if r := other.Get(t, path); r.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s as Company C: %d, want 404", path, r.StatusCode)
		}
	}
	for _, path := range []string{dep + "/stop", dep + "/start", dep + "/retry", dep + "/reconfigure", dep + "/product", dep + "/delete",
		draftPath(draft, "setup"), draftPath(draft, "features"), draftPath(draft, "parameters"), draftPath(draft, "devices"),
		draftPath(draft, "deploy"), draftPath(draft, "discard")} {
		if r := other.PostForm(t, path, url.Values{"name": {"Mine now"}, "environment": {"production"}, "confirm_name": {"Riverside cold store"}}); r.StatusCode != http.StatusNotFound {
			t.Errorf("POST %s as Company C: %d, want 404", path, r.StatusCode)
		}
	}
	var status string
	if err := env.Pool.QueryRow(context.Background(), "SELECT status || ',' || coalesce(deleted_at::text, '') FROM app_deployments WHERE id = $1", deployment).Scan(&status); err != nil || status != "running," {
		t.Errorf("B's deployment after C's attempts: %q %v", status, err)
	}
	a := env.SignedIn(t, webtest.PartnerA)
	for _, path := range []string{"/appconnect", dep, "/appconnect/templates/cold-chain"} {
		if r := a.Get(t, path); r.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s as Company A (no AppConnect): %d, want 404", path, r.StatusCode)
		}
	}
	if strings.Contains(a.Get(t, "/services").Text("nav.main-nav"), "AppConnect") {
		t.Error("Company A's navigation offers AppConnect")
	}
}

// TestTamperedRequestsAreRefusedWithAMessage: a template the catalogue does not offer, ids
// that are no ids, and text that is no text are answered with a message, never a 5xx.
func TestTamperedRequestsAreRefusedWithAMessage(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerB)
	env.Exec(t, "UPDATE app_templates SET retired_at = now() WHERE slug = 'smart-agriculture'")
	c.Get(t, "/appconnect")
	for _, slug := range []string{"smart-agriculture", "no-such-template", "../../etc", "cold\x00chain", "\xff"} {
		r := c.PostForm(t, "/appconnect/drafts", url.Values{"template": {slug}})
		if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Text("main"), "not in the catalogue") {
			t.Errorf("template %q: %d %q", slug, r.StatusCode, r.Text("main"))
		}
	}
	if r := c.Get(t, "/appconnect/templates/smart-agriculture"); r.StatusCode != http.StatusNotFound {
		t.Errorf("a retired template's page: %d", r.StatusCode)
	}
	d := startDraft(t, c, "smart-building")
	for _, tt := range []struct{ path, field, value string }{
		{draftPath(d, "setup"), "name", "Lobby\x00screens"},
		{draftPath(d, "setup"), "name", "\xff\xfe"},
		{draftPath(d, "setup"), "environment", "staging"},
		{"/appconnect/drafts/99999999999999999999/setup", "name", "x"},
		{"/appconnect/drafts/-1/setup", "name", "x"},
		{"/appconnect/deployments/abc/stop", "name", "x"},
	} {
		r := c.PostForm(t, tt.path, url.Values{tt.field: {tt.value}, "environment": {"sandbox"}})
		if r.StatusCode >= 500 || r.StatusCode == http.StatusOK {
			t.Errorf("POST %s %s=%q: %d", tt.path, tt.field, tt.value, r.StatusCode)
		}
	}
	wantRedirect(t, c.PostForm(t, draftPath(d, "setup"), url.Values{"name": {"Lobby screens"}, "environment": {"sandbox"}}), draftPath(d, "features"))
	wantRedirect(t, c.PostForm(t, draftPath(d, "features"), nil), draftPath(d, "parameters"))
	for _, tt := range []struct{ field, value, want string }{
		{"p.brand_colour", "blue", "six hexadecimal digits"},
		{"p.co2_limit", "1e999", "from 600 to 2000"},
		{"p.co2_limit", "NaN", "from 600 to 2000"},
		{"p.site_name", "H\x01Q", "plain text"},
		{"p.after_hours", "maybe", "yes or no"},
	} {
		r := c.PostForm(t, draftPath(d, "parameters"), url.Values{tt.field: {tt.value}})
		if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Text("#f-"+strings.ReplaceAll(tt.field, ".", "\\.")+"-error, .field--invalid .field__error"), tt.want) {
			t.Errorf("%s=%q: %d %q", tt.field, tt.value, r.StatusCode, r.Text(".field__error"))
		}
	}
}

// TestAppConnectReadOnlyStartsNothing: once AppConnect expires, a deployment asked for before
// does not start (its run fails at Validate with the reason), and everything stays readable:
// deployments, their history, their manifests.
func TestAppConnectReadOnlyStartsNothing(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerB)
	id := deployColdChain(t, c, "Late depot")
	env.SetModuleState(t, env.CompanyID(t, "Company B"), "appconnect", "expired")
	runJob(t, env, id)
	page := c.Get(t, deploymentPath(id))
	if !strings.Contains(page.Text("#run-failure"), "AppConnect is read-only") {
		t.Errorf("the run's failure reads %q", page.Text("#run-failure"))
	}
	if page.Doc.Find(`form[action$="/retry"] button[disabled]`).Length() != 1 || page.Doc.Find(".banner--readonly").Length() != 1 {
		t.Errorf("read-only, Retry is not disabled under the banner")
	}
	if r := c.Get(t, deploymentPath(id)+"/manifest.json"); r.StatusCode != http.StatusOK {
		t.Errorf("the manifest while read-only: %d", r.StatusCode)
	}
	if r := c.PostForm(t, deploymentPath(id)+"/retry", nil); r.StatusCode != http.StatusSeeOther {
		t.Errorf("a retry while read-only: %d, want a redirect with the refusal", r.StatusCode)
	}
}

func TestAppConnectPagesStayWithinTheirQueryBudget(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerB)
	var id int64
	if err := env.Pool.QueryRow(context.Background(), "SELECT id FROM app_deployments WHERE name = 'Riverside cold store'").Scan(&id); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/appconnect", deploymentPath(id), deploymentPath(id) + "/progress", "/appconnect/templates/cold-chain"} {
		c.Get(t, path)
		r := c.Get(t, path)
		if st := env.Stats(t, r); st.Queries > 3 || st.Wrote {
			t.Errorf("GET %s: %d queries (wrote %v), want at most 3 and no write", path, st.Queries, st.Wrote)
		}
	}
}
