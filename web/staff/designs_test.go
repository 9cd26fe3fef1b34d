package staff_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"partnerportal/web/webtest"
)

// TestAccountManagersSeeTheirPartnersDesignsReadOnly: Company C's manager reads its designs
// from its partner page; the other manager gets 404; nothing on the pages changes anything.
func TestAccountManagersSeeTheirPartnersDesignsReadOnly(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	company := webtest.Itoa(env.CompanyID(t, "Company C"))
	var design int64
	if err := env.Pool.QueryRow(context.Background(), `SELECT id FROM device_designs WHERE name = 'AirQ Indoor Sensor'`).Scan(&design); err != nil {
		t.Fatal(err)
	}
	list, page := "/admin/partners/"+company+"/designs", "/admin/partners/"+company+"/designs/"+webtest.Itoa(design)

	am2 := env.SignedIn(t, webtest.AccountManager2)
	partner := am2.Get(t, "/admin/partners/"+company)
	if partner.Doc.Find(`a[href="`+list+`"]`).Length() != 1 {
		t.Error("the partner page does not link the company's designs")
	}
	r := am2.Get(t, list)
	if r.StatusCode != http.StatusOK || !strings.Contains(r.Text("tbody"), "AirQ Indoor Sensor") || !strings.Contains(r.Text("tbody"), "FleetBox OBD Tracker") {
		t.Fatalf("the list: %d %q", r.StatusCode, r.Text("main"))
	}
	if r.Doc.Find(`main a[href^="/expressconnect"]`).Length() != 0 {
		t.Error("the staff list links partner pages")
	}
	d := am2.Get(t, page)
	if d.StatusCode != http.StatusOK || !strings.Contains(d.Text("#design-sample"), `"co2"`) || !strings.Contains(d.Text("main"), "stale_air") {
		t.Fatalf("the design: %d", d.StatusCode)
	}
	if n := d.Doc.Find("main form, main button, main a[download]").Length(); n != 0 {
		t.Errorf("the staff view offers %d forms, buttons or downloads; want none", n)
	}
	if got := env.SignedIn(t, webtest.Admin).Get(t, page).StatusCode; got != http.StatusOK {
		t.Errorf("admin: %d", got)
	}
	am := env.SignedIn(t, webtest.AccountManager)
	for _, path := range []string{list, page} {
		if r := am.Get(t, path); r.StatusCode != http.StatusNotFound || strings.Contains(r.Body, "AirQ") {
			t.Errorf("another manager, GET %s: %d", path, r.StatusCode)
		}
	}
	// A design of another company under Company C's address is not found either.
	var other int64
	if err := env.Pool.QueryRow(context.Background(), `SELECT min(id) FROM device_designs WHERE name = 'PowerMeter Pro'`).Scan(&other); err != nil {
		t.Fatal(err)
	}
	if got := am2.Get(t, "/admin/partners/"+company+"/designs/"+webtest.Itoa(other)).StatusCode; got != http.StatusNotFound {
		t.Errorf("Company A's design under Company C: %d", got)
	}
}
