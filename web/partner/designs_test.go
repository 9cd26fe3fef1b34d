package partner_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"partnerportal/web/devicedesign"
	"partnerportal/web/webtest"
)

// designForm is a valid new design as the designer posts it: two attributes, one of them an
// object with a nested one, a command with a parameter, a property and a flow.
func designForm() url.Values {
	return url.Values{
		"name": {"Cold room probe"}, "description": {"Watches a cold room."}, "product": {""},
		"protocol": {"mqtt"}, "authentication": {"x509"},
		"attributes.0.name": {"temperature"}, "attributes.0.type": {"number"}, "attributes.0.unit": {"°C"},
		"attributes.0.minimum": {"-40"}, "attributes.0.maximum": {"85"}, "attributes.0.interval": {"60"},
		"attributes.0.required": {"1"}, "attributes.0.depth": {"0"},
		"attributes.1.name": {"door"}, "attributes.1.type": {"object"}, "attributes.1.depth": {"0"},
		"attributes.2.name": {"open"}, "attributes.2.type": {"boolean"}, "attributes.2.depth": {"1"},
		"commands.0.name": {"set_interval"}, "commands.0.description": {"How often to send."}, "commands.0.acknowledged": {"1"},
		"commands.0.parameters.0.name": {"seconds"}, "commands.0.parameters.0.type": {"integer"}, "commands.0.parameters.0.required": {"1"},
		"properties.0.name": {"firmware"}, "properties.0.type": {"string"}, "properties.0.direction": {"reported"},
		"flows.0.name": {"too_warm"}, "flows.0.attributes": {"temperature", "door.open"}, "flows.0.condition": {"temperature"},
		"flows.0.operator": {">"}, "flows.0.value": {"8"}, "flows.0.window": {"300"}, "flows.0.aggregate": {"avg"},
		"flows.0.destination": {"webhook"}, "flows.0.url": {"https://hooks.example.com/cold"},
		"op": {"save"},
	}
}

// designIDByName is the id of a company's design.
func designIDByName(t *testing.T, env *webtest.Env, name string) string {
	t.Helper()
	var id int64
	if err := env.Pool.QueryRow(context.Background(), `SELECT id FROM device_designs WHERE name = $1`, name).Scan(&id); err != nil {
		t.Fatalf("design %q: %v", name, err)
	}
	return webtest.Itoa(id)
}

// servedSchema compiles the schema the portal serves at /expressconnect/schema.json.
func servedSchema(t *testing.T, c *webtest.Client) *jsonschema.Schema {
	t.Helper()
	r := c.Get(t, "/expressconnect/schema.json")
	if r.StatusCode != http.StatusOK || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("schema: %d %s", r.StatusCode, r.Header.Get("Content-Type"))
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(r.Body))
	if err != nil {
		t.Fatal(err)
	}
	comp := jsonschema.NewCompiler()
	if err := comp.AddResource("served.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := comp.Compile("served.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestCreateADesignAndExportItAgainstTheServedSchema(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerC)
	c.Get(t, "/expressconnect/designs/new")
	r := c.PostForm(t, "/expressconnect/designs", designForm())
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d\n%s", r.StatusCode, r.Text("main"))
	}
	id := designIDByName(t, env, "Cold room probe")
	if got := r.Header.Get("Location"); got != "/expressconnect/designs/"+id {
		t.Errorf("sent to %q", got)
	}
	page := c.Get(t, "/expressconnect/designs/"+id)
	if !strings.Contains(page.Text("#flash"), "created as version 1") || !strings.Contains(page.Text("#design-sample"), `"open": `) {
		t.Errorf("the new design's page: flash %q, sample %q", page.Text("#flash"), page.Text("#design-sample"))
	}
	export := c.Get(t, "/expressconnect/designs/"+id+".json")
	if export.StatusCode != http.StatusOK || !strings.Contains(export.Header.Get("Content-Disposition"), `filename="cold-room-probe-v1.json"`) {
		t.Fatalf("export: %d %q", export.StatusCode, export.Header.Get("Content-Disposition"))
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(export.Body))
	if err != nil {
		t.Fatal(err)
	}
	if err := servedSchema(t, c).Validate(inst); err != nil {
		t.Errorf("the export does not validate against the served schema: %v\n%s", err, export.Body)
	}
	doc, problems := devicedesign.Parse([]byte(export.Body))
	if problems != nil {
		t.Fatalf("the export does not read back: %v", problems)
	}
	d := doc.Attributes
	if len(d) != 2 || d[1].Type != "object" || len(d[1].Attributes) != 1 || d[1].Attributes[0].Name != "open" ||
		*d[0].Minimum != -40 || *d[0].SamplingSeconds != 60 || !d[0].Required || doc.Flows[0].Destination.URL != "https://hooks.example.com/cold" ||
		string(doc.Flows[0].Condition.Value) != "8" || doc.Commands[0].Parameters[0].Name != "seconds" {
		t.Errorf("exported %+v", doc)
	}
	// The sample payload validates against the payload schema the page offers.
	sample, schema := c.Get(t, "/expressconnect/designs/"+id+"/sample.json"), c.Get(t, "/expressconnect/designs/"+id+"/payload-schema.json")
	ps, err := jsonschema.UnmarshalJSON(strings.NewReader(schema.Body))
	if err != nil {
		t.Fatal(err)
	}
	comp := jsonschema.NewCompiler()
	if err := comp.AddResource("payload.json", ps); err != nil {
		t.Fatal(err)
	}
	compiled, err := comp.Compile("payload.json")
	if err != nil {
		t.Fatal(err)
	}
	si, _ := jsonschema.UnmarshalJSON(strings.NewReader(sample.Body))
	if err := compiled.Validate(si); err != nil {
		t.Errorf("the sample does not validate against the payload schema: %v", err)
	}
	var action, subject string
	if err := env.Pool.QueryRow(context.Background(), `SELECT action, subject FROM audit_events WHERE action LIKE 'device_design.%'`).Scan(&action, &subject); err != nil ||
		action != "device_design.create" || !strings.Contains(subject, "Cold room probe") {
		t.Errorf("audit: %q %q %v", action, subject, err)
	}
}

func TestTheDesignPageStaysWithinItsQueryBudget(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerC)
	id := designIDByName(t, env, "AirQ Indoor Sensor")
	for _, path := range []string{"/expressconnect", "/expressconnect/designs/" + id, "/expressconnect/designs/" + id + ".json"} {
		c.Get(t, path)
		r := c.Get(t, path)
		if st := env.Stats(t, r); st.Queries > 2 || st.Wrote {
			t.Errorf("GET %s: %d queries (wrote %v), want at most 2 and no write", path, st.Queries, st.Wrote)
		}
	}
}
