package devicedesign_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"partnerportal/web/devicedesign"
)

// compile compiles a schema document for a test.
func compile(t testing.TB, doc []byte) *jsonschema.Schema {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource("test.json", v); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("test.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validate(t testing.TB, s *jsonschema.Schema, doc []byte) error {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatalf("not JSON: %v\n%s", err, doc)
	}
	return s.Validate(v)
}

func TestAnExportValidatesAgainstTheSchemaAndReadsBack(t *testing.T) {
	t.Parallel()
	schema := compile(t, devicedesign.SchemaJSON())
	d := coldRoom()
	out, err := devicedesign.Export(d)
	if err != nil {
		t.Fatal(err)
	}
	if err := validate(t, schema, out); err != nil {
		t.Fatalf("the export does not validate: %v\n%s", err, out)
	}
	back, problems := devicedesign.Parse(out)
	if problems != nil {
		t.Fatalf("the export does not import: %v", problems)
	}
	again, _ := devicedesign.Export(back)
	if !bytes.Equal(again, out) {
		t.Errorf("export → import → export changed the file:\n%s\n---\n%s", out, again)
	}
	// The field order is the format's, whatever the document.
	for _, key := range []string{`"format"`, `"format_version"`, `"name"`, `"description"`, `"version"`, `"product"`,
		`"protocol"`, `"authentication"`, `"attributes"`, `"commands"`, `"properties"`, `"flows"`} {
		if i := bytes.Index(out, []byte(key)); i < 0 {
			t.Errorf("the export lacks %s", key)
		}
	}
	if bytes.Index(out, []byte(`"format_version"`)) > bytes.Index(out, []byte(`"protocol"`)) {
		t.Error("the export's fields are out of order")
	}
}

func TestAnEmptyDesignExportsWithEmptyLists(t *testing.T) {
	t.Parallel()
	d := devicedesign.Document{Name: "Blank", Version: 1, Protocol: "http", Authentication: "token"}
	out, err := devicedesign.Export(d)
	if err != nil {
		t.Fatal(err)
	}
	if err := validate(t, compile(t, devicedesign.SchemaJSON()), out); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !bytes.Contains(out, []byte(`"attributes": []`)) || !bytes.Contains(out, []byte(`"product": null`)) {
		t.Errorf("empty lists and no product should export as [] and null:\n%s", out)
	}
}

// TestSchemaEnumsMatchTheChoices holds schema.json and the choices forms offer together.
func TestSchemaEnumsMatchTheChoices(t *testing.T) {
	t.Parallel()
	var s struct {
		Properties map[string]struct{ Enum []string } `json:"properties"`
		Defs       map[string]struct {
			Enum       []string `json:"enum"`
			Properties map[string]struct {
				Enum       []any                           `json:"enum"`
				Properties map[string]struct{ Enum []any } `json:"properties"`
			} `json:"properties"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(devicedesign.SchemaJSON(), &s); err != nil {
		t.Fatal(err)
	}
	values := func(cs []devicedesign.Choice) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Value)
		}
		return out
	}
	text := func(vs []any) []string {
		var out []string
		for _, v := range vs {
			out = append(out, fmt.Sprint(v))
		}
		return out
	}
	tests := []struct {
		name   string
		schema []string
		want   []devicedesign.Choice
	}{
		{"protocol", s.Properties["protocol"].Enum, devicedesign.Protocols},
		{"authentication", s.Properties["authentication"].Enum, devicedesign.Authentications},
		{"attribute type", text(s.Defs["attribute"].Properties["type"].Enum), devicedesign.AttributeTypes},
		{"value type", s.Defs["valueType"].Enum, devicedesign.ValueTypes},
		{"direction", text(s.Defs["property"].Properties["direction"].Enum), devicedesign.Directions},
		{"operator", text(s.Defs["flow"].Properties["condition"].Properties["operator"].Enum), devicedesign.Operators},
		{"window", text(s.Defs["flow"].Properties["window"].Properties["seconds"].Enum), devicedesign.Windows},
		{"aggregate", text(s.Defs["flow"].Properties["window"].Properties["aggregate"].Enum), devicedesign.Aggregates},
		{"destination", text(s.Defs["flow"].Properties["destination"].Properties["kind"].Enum), devicedesign.Destinations},
	}
	for _, tt := range tests {
		if got := values(tt.want); !slices.Equal(tt.schema, got) {
			t.Errorf("%s: schema.json has %v, the forms offer %v", tt.name, tt.schema, got)
		}
	}
}
