package staff_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"partnerportal/web/webtest"
)

// TestAccountManagersReadTheirCompanysDeployments: Company B's account manager finds its
// deployments from its partner page and reads one (its history, log and manifest) without
// any action; another account manager gets 404.
func TestAccountManagersReadTheirCompanysDeployments(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	b := env.CompanyID(t, "Company B")
	var id int64
	if err := env.Pool.QueryRow(context.Background(), "SELECT id FROM app_deployments WHERE name = 'Riverside cold store'").Scan(&id); err != nil {
		t.Fatal(err)
	}
	am := env.SignedIn(t, webtest.AccountManager)
	partner := am.Get(t, "/admin/partners/"+webtest.Itoa(b))
	list := "/admin/partners/" + webtest.Itoa(b) + "/deployments"
	if partner.Doc.Find(`a[href="`+list+`"]`).Length() != 1 {
		t.Errorf("the partner page does not link its deployments")
	}
	r := am.Get(t, list)
	for _, want := range []string{"Riverside cold store", "HQ comfort monitor", "Yard trailers pilot", "Stopped"} {
		if !strings.Contains(r.Text(".deployments-table"), want) {
			t.Errorf("the list lacks %q", want)
		}
	}
	page := am.Get(t, list+"/"+webtest.Itoa(id))
	if page.StatusCode != http.StatusOK || !strings.Contains(page.Text(".revisions-table"), "2 · Reconfigured") {
		t.Fatalf("the deployment: %d %q", page.StatusCode, page.Text(".revisions-table"))
	}
	if n := page.Doc.Find("main form[method=post]").Length(); n != 0 {
		t.Errorf("the staff page has %d forms that change something", n)
	}
	if old := am.Get(t, list+"/"+webtest.Itoa(id)+"?revision=1"); !strings.Contains(old.Text("main"), "Highest allowed temperature (°C)8") {
		t.Errorf("revision 1 reads %q", old.Text("main"))
	}
	if m := am.Get(t, list+"/"+webtest.Itoa(id)+"/manifest.json"); m.StatusCode != http.StatusOK || !strings.Contains(m.Body, `"number": 2`) {
		t.Errorf("the manifest: %d %s", m.StatusCode, m.Body)
	}
	other := env.SignedIn(t, webtest.AccountManager2)
	for _, path := range []string{list, list + "/" + webtest.Itoa(id), list + "/" + webtest.Itoa(id) + "/manifest.json"} {
		if r := other.Get(t, path); r.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s as another account manager: %d, want 404", path, r.StatusCode)
		}
	}
}
