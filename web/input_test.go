package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"partnerportal/web/webtest"
)

// TestUnreadableTextIsRefusedNotFailed: a NUL byte, bytes that are not UTF-8 or a control
// character in a path segment, a query string or a text field — the examples, signed
// in or not — are refused with 404 (a path that names nothing), 400 (a query) or 422 and a
// message under the field (a form), never a server error (the portal's log would fail the
// test too).
func TestUnreadableTextIsRefusedNotFailed(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	a := env.CompanyID(t, "Company A")
	env.SetModuleState(t, a, "solutions_hub", "active")
	fleet := webtest.Itoa(env.ProductID(t, "Company A", "fleetpulse-telematics"))
	support, _ := env.Service(t, "Company A", "support", "")
	visitor, partner, admin := env.Client(t), env.SignedIn(t, webtest.PartnerA), env.SignedIn(t, webtest.Admin)
	visitor.Get(t, "/login")
	edit := partner.Get(t, "/products/"+fleet+"/edit").Form("/products/" + fleet)
	admin.Get(t, "/admin")

	for path, want := range map[string]int{
		// a path segment that cannot be a name names nothing
		"/hub/company-a/%00": http.StatusNotFound, "/hub/%00/x": http.StatusNotFound, "/hub/company-a/%FF": http.StatusNotFound,
		"/products/%00/edit": http.StatusNotFound,
		// a query value that cannot be typed is not understood
		"/products?q=%00": http.StatusBadRequest, "/products?q=%C3": http.StatusBadRequest, "/hub?q=%00": http.StatusBadRequest,
		"/admin/audit?from=%00": http.StatusBadRequest, "/login?next=%00": http.StatusBadRequest,
	} {
		c := visitor
		if strings.HasPrefix(path, "/products") {
			c = partner
		} else if strings.HasPrefix(path, "/admin") {
			c = admin
		}
		title := map[int]string{http.StatusNotFound: "Page not found", http.StatusBadRequest: "That request could not be understood"}[want]
		if r := c.Get(t, path); r.StatusCode != want || r.Text("h1") != title {
			t.Errorf("GET %s: %d %q, want %d %q", path, r.StatusCode, r.Text("h1"), want, title)
		}
	}

	for _, tt := range []struct {
		name  string
		c     *webtest.Client
		path  string
		form  url.Values
		field string // whose message shows, by the id of its error ("" for a message of the form)
		htmx  bool   // a form whose plain refusal is a flash after a redirect
	}{
		{"sign-in address", visitor, "/login", url.Values{"email": {"a\x00b@example.com"}, "password": {"whatever it is"}}, "", false},
		{"sign-up address", visitor, "/signup", url.Values{"email": {"new\xff@example.org"}}, "f-email-error", false},
		{"product name", partner, "/products/" + fleet, changed(edit, "name", "Fleet\x00Pulse"), "f-name-error", false},
		{"product description", partner, "/products/" + fleet, changed(edit, "description", "Line one\r\n\x00"), "f-description-error", false},
		{"listing tagline", partner, "/hub/listings/" + fleet, url.Values{"tagline": {"\xfe"}}, "f-tagline-error", false},
		{"listing highlight", partner, "/hub/listings/" + fleet, url.Values{"highlight2": {"a\x00"}}, "f-highlight2-error", false},
		{"hub profile", partner, "/hub/listings/profile", url.Values{"tagline": {"\x00"}}, "f-tagline-error", false},
		{"API key name", partner, "/api-keys", url.Values{"name": {"key\xff"}, "environment": {"sandbox"}}, "f-name-error", false},
		{"DevLab device", partner, "/devlab/devices", url.Values{"module": {"software"}, "device_name": {"dev\xc3"}}, "f-device_name-error", false},
		{"renewal request", partner, "/services/" + webtest.Itoa(support) + "/renewal-requests", url.Values{"message": {"please\x00"}}, "", true},
		{"company name", admin, "/admin/companies/" + webtest.Itoa(a), url.Values{"name": {"Company\x00A"}, "is_hardware": {"on"}}, "f-name-error", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var r *webtest.Response
			if tt.htmx {
				tt.c.HTMX(func() { r = tt.c.PostForm(t, tt.path, tt.form) })
			} else {
				r = tt.c.PostForm(t, tt.path, tt.form)
			}
			if r.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422\n%s", r.StatusCode, r.Text("main"))
			}
			sel := ".form__error, [role=alert]"
			if tt.field != "" {
				sel = "#" + tt.field
			}
			if got := r.Text(sel); got == "" {
				t.Errorf("no message at %s", sel)
			}
		})
	}
}

// changed is form with field set to value.
func changed(form url.Values, field, value string) url.Values {
	out := url.Values{}
	for k, v := range form {
		out[k] = v
	}
	out.Set(field, value)
	return out
}
