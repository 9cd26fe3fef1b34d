package partner_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"partnerportal/web/webtest"
)

// TestTheDesignerAnswersMistakesUnderTheirFields: 422, the form as typed, the message under
// the field, nothing stored.
func TestTheDesignerAnswersMistakesUnderTheirFields(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerC)
	c.Get(t, "/expressconnect/designs/new")
	var otherProduct int64 = env.ProductID(t, "Company A", "tracktag-mini")
	tests := []struct {
		name, field, want string
		form              url.Values
	}{
		{"a duplicate attribute name", "attributes-2-name", "already called “temperature”",
			with(designForm(), "attributes.2.name", "temperature", "attributes.2.depth", "0", "flows.0.attributes", "temperature")},
		{"min above max", "attributes-0-maximum", "below the minimum", with(designForm(), "attributes.0.minimum", "90")},
		{"a bad identifier", "attributes-0-name", "not a valid name", with(designForm(), "attributes.0.name", "Temperature °C")},
		{"a bound that is not a number", "attributes-0-minimum", "Enter a number", with(designForm(), "attributes.0.minimum", "cold")},
		{"a nested name twice", "attributes-3-name", "already called “open”",
			with(designForm(), "attributes.3.name", "open", "attributes.3.type", "number", "attributes.3.depth", "1")},
		{"children under a number", "attributes-1-type", "Only an object", with(designForm(), "attributes.1.type", "number")},
		{"a duplicate command", "commands-1-name", "already called", with(designForm(), "commands.1.name", "set_interval")},
		{"a plain-http webhook", "flows-0-url", "https address", with(designForm(), "flows.0.url", "http://hooks.example.com")},
		{"a condition on a missing attribute", "flows-0-condition", "Choose an attribute", with(designForm(), "flows.0.condition", "humidity")},
		{"a text value for a number", "flows-0-value", "Enter a number", with(designForm(), "flows.0.value", "warm")},
		{"another company's product", "f-product", "one of your hardware products", with(designForm(), "product", webtest.Itoa(otherProduct))},
		{"a name in use", "f-name", "Another of your designs", with(designForm(), "name", "airq indoor sensor")},
		{"control characters", "f-name", "plain text", with(designForm(), "name", "Cold\x00room")},
		{"a blank name", "f-name", "Give the design a name", with(designForm(), "name", "  ")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.PostForm(t, "/expressconnect/designs", tt.form)
			if r.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("%d, want 422\n%s", r.StatusCode, r.Text("main"))
			}
			if got := r.Text("#" + tt.field + "-error"); !strings.Contains(got, tt.want) {
				t.Errorf("under %s: %q, want %q; errors: %q", tt.field, got, tt.want, r.Text(".field__error"))
			}
			if r.Doc.Find(`#`+tt.field+`[aria-invalid="true"], #`+tt.field+`-error`).Length() == 0 {
				t.Errorf("%s is not marked invalid", tt.field)
			}
			// what was typed comes back
			if v, _ := r.Doc.Find(`input[name="flows.0.url"]`).Attr("value"); v != tt.form.Get("flows.0.url") {
				t.Errorf("the webhook address came back as %q", v)
			}
		})
	}
	var n int
	if err := env.Pool.QueryRow(context.Background(), `SELECT count(*) FROM device_designs d JOIN partner_companies c ON c.id = d.company_id WHERE c.name = 'Company C'`).Scan(&n); err != nil || n != 2 {
		t.Errorf("Company C has %d designs (%v), want its 2", n, err)
	}
	// htmx gets the form alone, in place, with the same status.
	c.HTMX(func() {
		r := c.PostForm(t, "/expressconnect/designs", with(designForm(), "attributes.0.minimum", "90"))
		if r.StatusCode != http.StatusUnprocessableEntity || strings.Contains(r.Body, "<html") || r.Doc.Find("form#designer").Length() != 1 {
			t.Errorf("htmx: %d, a whole page: %v", r.StatusCode, strings.Contains(r.Body, "<html"))
		}
	})
}

// TestRowActionsKeepWhatWasTyped: adding, nesting, moving and removing rows answer the form
// rebuilt from what was posted, mistakes included, and store nothing.
func TestRowActionsKeepWhatWasTyped(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerC)
	c.Get(t, "/expressconnect/designs/new")
	typed := with(designForm(), "attributes.0.minimum", "not yet a number", "name", "Half typed")
	names := func(r *webtest.Response) string {
		var out []string
		for i := range 8 {
			if v, ok := r.Doc.Find(`input[name="attributes.` + webtest.Itoa(int64(i)) + `.name"]`).Attr("value"); ok {
				depth, _ := r.Doc.Find(`input[name="attributes.` + webtest.Itoa(int64(i)) + `.depth"]`).Attr("value")
				n, _ := strconv.Atoi(depth)
				out = append(out, strings.Repeat(">", n)+v)
			}
		}
		return strings.Join(out, ",")
	}
	tests := []struct {
		op, want, focus string
	}{
		{"add-attribute", "temperature,door,>open,", "attributes-3-name"},
		{"nest-attribute:1", "temperature,door,>open,>", "attributes-3-name"},
		{"remove-attribute:1", "temperature", "add-attribute"},
		{"up-attribute:1", "door,>open,temperature", ""},
		{"down-attribute:0", "door,>open,temperature", ""},
		{"up-attribute:0", "temperature,door,>open", ""},
		{"refresh", "temperature,door,>open", ""},
	}
	for _, tt := range tests {
		t.Run(tt.op, func(t *testing.T) {
			r := c.PostForm(t, "/expressconnect/designs", with(typed, "op", tt.op))
			if r.StatusCode != http.StatusOK {
				t.Fatalf("%d\n%s", r.StatusCode, r.Text("main"))
			}
			if got := names(r); got != tt.want {
				t.Errorf("rows %q, want %q", got, tt.want)
			}
			if v, _ := r.Doc.Find(`#f-name`).Attr("value"); v != "Half typed" {
				t.Errorf("the name came back as %q", v)
			}
			if r.Doc.Find(`input[value="not yet a number"]`).Length() != 1 || r.Doc.Find(".field__error").Length() != 0 {
				t.Errorf("the typed bound was lost, or errors were shown for a row action")
			}
			if tt.focus != "" {
				if _, ok := r.Doc.Find("#" + tt.focus).Attr("autofocus"); !ok {
					t.Errorf("focus does not go to #%s", tt.focus)
				}
			}
		})
	}
	for _, op := range []string{"add-flow", "add-command", "add-property", "add-parameter:0", "remove-parameter:0:0", "remove-flow:0", "down-command:0"} {
		if r := c.PostForm(t, "/expressconnect/designs", with(typed, "op", op)); r.StatusCode != http.StatusOK || r.Text("#designer-status") == "" && !strings.HasPrefix(op, "down") {
			t.Errorf("%s: %d, status %q", op, r.StatusCode, r.Text("#designer-status"))
		}
	}
	for _, op := range []string{"explode", "remove-attribute:99", "up-flow:x", "remove-parameter:0:9", "nest-attribute:-1"} {
		if r := c.PostForm(t, "/expressconnect/designs", with(typed, "op", op)); r.StatusCode != http.StatusBadRequest {
			t.Errorf("op %q: %d, want 400", op, r.StatusCode)
		}
	}
	var n int
	if err := env.Pool.QueryRow(context.Background(), `SELECT count(*) FROM device_designs WHERE name = 'Half typed'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("a row action stored the design: %d %v", n, err)
	}
	// A flow that names an attribute since renamed keeps it, marked, until the partner fixes it.
	r := c.PostForm(t, "/expressconnect/designs", with(typed, "op", "refresh", "attributes.0.name", "temp"))
	if got := r.Doc.Find(`input[name="flows.0.attributes"][value="temperature"]`).Parent().Text(); !strings.Contains(got, "not in the design") {
		t.Errorf("the renamed attribute in the flow reads %q", got)
	}
}
