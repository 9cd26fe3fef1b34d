package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"partnerportal/web/webtest"
)

// TestWriteIntoAModuleThatBecameHidden: a partner saves a form opened before their account
// manager deactivated the module. The answer is still 404 (SPEC §5), and says what happened
// and since when, as a page and in place for htmx.
func TestWriteIntoAModuleThatBecameHidden(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	b := env.CompanyID(t, "Company B")
	c := env.SignedIn(t, webtest.PartnerB)
	form := url.Values{"tagline": {"Saved from an old tab"}, "contact_email": {"sales@company-b.example"}}
	c.Get(t, "/hub/listings")

	sid, version := env.Service(t, "Company B", "solutions_hub", "")
	am := env.SignedIn(t, webtest.Admin)
	am.Get(t, "/admin/partners/"+webtest.Itoa(b))
	if r := am.PostForm(t, "/admin/partners/"+webtest.Itoa(b)+"/services/"+webtest.Itoa(sid)+"/status",
		url.Values{"version": {webtest.Itoa(int64(version))}, "status": {"inactive"}}); r.StatusCode >= 400 {
		t.Fatalf("deactivating: %d", r.StatusCode)
	}
	want := "Solutions Hub visibility is no longer part of your services since " + webtest.Start.Format("2 Jan 2006") + " — ask your account manager."

	plain := c.PostForm(t, "/hub/listings/profile", form)
	if plain.StatusCode != http.StatusNotFound || !strings.Contains(plain.Text("main"), want) {
		t.Errorf("plain save: %d %q, want 404 saying %q", plain.StatusCode, plain.Text("main"), want)
	}
	c.Header.Set("HX-Request", "true")
	htmx := c.PostForm(t, "/hub/listings/profile", form)
	c.Header.Del("HX-Request")
	if htmx.StatusCode != http.StatusNotFound || !strings.Contains(htmx.Body, want) {
		t.Errorf("htmx save: %d %q", htmx.StatusCode, htmx.Body)
	}
	// reading it is the plain 404 of a page that is not there
	if r := c.Get(t, "/hub/listings"); r.StatusCode != http.StatusNotFound {
		t.Errorf("GET /hub/listings: %d, want 404", r.StatusCode)
	}
}
