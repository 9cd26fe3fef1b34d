package staff_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"partnerportal/web/webtest"
)

// templateForm is a valid new template's form.
func templateForm() url.Values {
	return url.Values{
		"name": {"Water leak watch"}, "slug": {"water-leak"}, "industry": {"smart_building"},
		"summary": {"Leaks found before they flood a floor."}, "description": {"Sensors under sinks.\r\n\r\nAlerts at once."},
		"features.0.key": {"leak_alerts"}, "features.0.name": {"Leak alerts"}, "features.0.required": {"on"},
		"features.1.key": {"valve_control"}, "features.1.name": {"Valve control"},
		"parameters.0.key": {"threshold"}, "parameters.0.label": {"Moisture threshold (%)"}, "parameters.0.kind": {"number"},
		"parameters.0.default": {"40"}, "parameters.0.min": {"5"}, "parameters.0.max": {"95"}, "parameters.0.required": {"on"},
		"parameters.1.key": {"channel"}, "parameters.1.label": {"Alert channel"}, "parameters.1.kind": {"choice"},
		"parameters.1.choices": {"E-mail, SMS"}, "parameters.1.default": {"SMS"},
		"parameters.2.kind": {"text"}, // a blank row adds nothing
		"devices.0.key":     {"leak_sensor"}, "devices.0.name": {"Leak sensor"}, "devices.0.attributes": {"moisture, battery"},
	}
}

func TestAdminsCurateTemplates(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ctx := context.Background()
	admin := env.SignedIn(t, webtest.Admin)

	list := admin.Get(t, "/admin/templates")
	if list.StatusCode != http.StatusOK {
		t.Fatalf("GET /admin/templates: %d", list.StatusCode)
	}
	for _, name := range []string{"Smart building comfort", "Asset tracking", "Cold chain monitoring", "Predictive maintenance", "Smart agriculture"} {
		if !strings.Contains(list.Text(".templates-table"), name) {
			t.Errorf("the list lacks %q", name)
		}
	}
	if am := env.SignedIn(t, webtest.AccountManager).Get(t, "/admin/templates"); am.StatusCode != http.StatusNotFound {
		t.Errorf("an account manager gets %d, want 404", am.StatusCode)
	}

	r := admin.PostForm(t, "/admin/templates", templateForm())
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d %s", r.StatusCode, r.Text(".form__error, .field__error"))
	}
	var id int64
	var version int32
	var parts string
	if err := env.Pool.QueryRow(ctx, `SELECT t.id, t.version, concat_ws('|',
			(SELECT string_agg(key || ':' || required || default_on, ',' ORDER BY position) FROM app_template_features WHERE template_id = t.id),
			(SELECT string_agg(key || ':' || kind || ':' || default_value || ':' || coalesce(minimum::text, '') || ':' || array_to_string(choices, '/'), ',' ORDER BY position) FROM app_template_parameters WHERE template_id = t.id),
			(SELECT string_agg(key || ':' || array_to_string(attributes, '/'), ',' ORDER BY position) FROM app_template_devices WHERE template_id = t.id),
			t.description)
		FROM app_templates t WHERE t.slug = 'water-leak'`).Scan(&id, &version, &parts); err != nil {
		t.Fatal(err)
	}
	want := "leak_alerts:truetrue,valve_control:falsefalse|threshold:number:40:5:,channel:choice:SMS::E-mail/SMS|leak_sensor:moisture/battery|Sensors under sinks.\n\nAlerts at once."
	if parts != want {
		t.Errorf("stored %q\nwant   %q", parts, want)
	}
	if n := auditRows(t, env, "app_template.create", 0); n != 1 {
		t.Errorf("%d audit entries of the creation, want 1", n)
	}

	// An edit removes a row and renames; one made from a stale form is refused.
	form := templateForm()
	form.Set("version", webtest.Itoa(int64(version)))
	form.Set("name", "Water leak guard")
	form.Set("features.1.remove", "on")
	path := "/admin/templates/" + webtest.Itoa(id)
	if r := admin.PostForm(t, path, form); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d %s", r.StatusCode, r.Text(".form__error, .field__error"))
	}
	if r := admin.PostForm(t, path, form); r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Text(".form__error"), "Someone saved") {
		t.Errorf("a stale edit: %d %q", r.StatusCode, r.Text(".form__error"))
	}
	edit := admin.Get(t, path)
	if got := edit.Doc.Find(`input[name="features.0.key"]`).AttrOr("value", ""); got != "leak_alerts" || edit.Doc.Find(`input[name="features.1.key"]`).AttrOr("value", "x") != "" {
		t.Errorf("after removing a feature the form's features read %q, then %q", got, edit.Doc.Find(`input[name="features.1.key"]`).AttrOr("value", "x"))
	}

	// Retire and bring back.
	if r := admin.PostForm(t, path+"/retire", nil); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("retire: %d", r.StatusCode)
	}
	if got := admin.Get(t, "/admin/templates").Text(".templates-table"); !strings.Contains(got, "Retired") || !strings.Contains(got, "Bring back") {
		t.Errorf("after retiring, the list reads %q", got)
	}
	admin.PostForm(t, path+"/retire", nil)
	var retired bool
	if err := env.Pool.QueryRow(ctx, "SELECT retired_at IS NOT NULL FROM app_templates WHERE id = $1", id).Scan(&retired); err != nil || retired {
		t.Errorf("brought back: retired %v, %v", retired, err)
	}
	if n := auditRows(t, env, "app_template.retire", 0) + auditRows(t, env, "app_template.restore", 0); n != 2 {
		t.Errorf("%d audit entries of retiring and bringing back, want 2", n)
	}
	if r := admin.Get(t, "/admin/templates/999999"); r.StatusCode != http.StatusNotFound {
		t.Errorf("an unknown template: %d", r.StatusCode)
	}
}

func TestATemplateFormWithMistakesComesBackWithThem(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	admin := env.SignedIn(t, webtest.Admin)
	tests := []struct {
		name, field, value, errField, want string
	}{
		{"a key that is no identifier", "features.0.key", "Leak Alerts", "features.0.key", "lowercase letters"},
		{"a key used twice", "parameters.1.key", "threshold", "parameters.1.key", "already uses"},
		{"a range the wrong way round", "parameters.0.max", "2", "parameters.0.max", "at least the minimum"},
		{"a default out of range", "parameters.0.default", "120", "parameters.0.default", "from 5 to 95"},
		{"a choice of one option", "parameters.1.choices", "SMS", "parameters.1.choices", "from 2 to 20"},
		{"a kind that does not exist", "parameters.0.kind", "json", "parameters.0.kind", "Choose one of the types"},
		{"a control character", "name", "Leak\x01watch", "name", "plain text"},
		{"invalid UTF-8", "features.0.name", "Le\xffak", "features.0.name", "plain text"},
		{"an attribute that is no name", "devices.0.attributes", "moisture, Battery Level", "devices.0.attributes", "not an attribute name"},
		{"a slug taken by a demo template", "slug", "cold-chain", "slug", "Another template"},
		{"an industry that does not exist", "industry", "mining", "industry", "Choose one"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			form := templateForm()
			form.Set(tt.field, tt.value)
			r := admin.PostForm(t, "/admin/templates", form)
			if r.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("%d, want 422", r.StatusCode)
			}
			got := r.Doc.Find(`[name="` + tt.errField + `"]`).ParentsFiltered(".field").Find(".field__error").Text()
			if !strings.Contains(got, tt.want) {
				t.Errorf("under %s: %q, want %q", tt.errField, got, tt.want)
			}
			if v := r.Doc.Find(`input[name="summary"]`).AttrOr("value", ""); v != "Leaks found before they flood a floor." {
				t.Errorf("the form lost what was typed: summary %q", v)
			}
		})
	}
	form := url.Values{"name": {"Empty"}, "slug": {"empty"}, "industry": {"energy"}, "summary": {"Nothing."}}
	if r := admin.PostForm(t, "/admin/templates", form); r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Text(".form__error"), "at least one feature") {
		t.Errorf("a template without features: %d %q", r.StatusCode, r.Text(".form__error"))
	}
}
