package devicedesign

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

//go:embed schema.json
var schemaJSON []byte

// SchemaJSON is the format's JSON Schema (draft 2020-12), as /expressconnect/schema.json
// serves it. The caller must not change the slice.
func SchemaJSON() []byte { return schemaJSON }

// schemaURL is the schema's $id.
const schemaURL = "urn:partner-portal:expressconnect:device-design:1"

// compiled is the schema, compiled once on first use: it is part of the binary, so a schema
// that does not compile is a bug the tests catch, not a state to recover from.
var compiled = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaJSON))
	if err != nil {
		return nil, fmt.Errorf("device design schema: %w", err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource(schemaURL, doc); err != nil {
		return nil, fmt.Errorf("device design schema: %w", err)
	}
	return c.Compile(schemaURL)
})

var printer = message.NewPrinter(language.English)

// validateSchema checks a decoded JSON value (numbers as json.Number) against the schema and
// returns one problem per failed keyword, located by JSON pointer.
func validateSchema(v any) ([]Problem, error) {
	sch, err := compiled()
	if err != nil {
		return nil, err
	}
	err = sch.Validate(v)
	var ve *jsonschema.ValidationError
	if err == nil {
		return nil, nil
	}
	if !errors.As(err, &ve) {
		return nil, err
	}
	var out []Problem
	seen := map[string]bool{}
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) > 0 {
			for _, c := range e.Causes {
				walk(c)
			}
			return
		}
		p := Problem{Pointer: pointerOf(e.InstanceLocation), Message: schemaMessage(e)}
		if k, ok := e.ErrorKind.(*kind.AdditionalProperties); ok && len(k.Properties) > 0 {
			// at the first unknown field, not at the start of its object
			p.Pointer = pointerOf(append(slices.Clone(e.InstanceLocation), k.Properties[0]))
		}
		if key := p.Pointer + "\x00" + p.Message; !seen[key] {
			seen[key] = true
			out = append(out, p)
		}
	}
	walk(ve)
	return out, nil
}

// schemaMessage words a failed keyword for people.
func schemaMessage(e *jsonschema.ValidationError) string {
	last := ""
	if n := len(e.InstanceLocation); n > 0 {
		last = e.InstanceLocation[n-1]
	}
	switch k := e.ErrorKind.(type) {
	case *kind.Required:
		return "Missing " + quoteAll(k.Missing) + "."
	case *kind.AdditionalProperties:
		return "Unknown " + quoteAll(k.Properties) + ": the format has no such field here."
	case *kind.FalseSchema:
		return "“" + last + "” is not allowed here."
	case *kind.Type:
		return "Expected " + strings.Join(k.Want, " or ") + ", found " + k.Got + "."
	case *kind.Pattern:
		if last == "name" || last == "attribute" || strings.HasPrefix(e.SchemaURL, schemaURL+"#/$defs/identifier") {
			return "“" + k.Got + "” is not a valid name. " + IdentifierRules
		}
		return "“" + k.Got + "” does not have the expected form."
	case *kind.MaxLength:
		return fmt.Sprintf("Too long: %d characters, at most %d.", k.Got, k.Want)
	case *kind.MinLength:
		return "Must not be empty."
	case *kind.MaxItems:
		return fmt.Sprintf("Too many: %d, at most %d.", k.Got, k.Want)
	case *kind.MinItems:
		return fmt.Sprintf("Needs at least %d.", k.Want)
	}
	s := e.ErrorKind.LocalizedString(printer)
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "“" + n + "”"
	}
	return strings.Join(q, ", ")
}

// pointerOf is the JSON pointer of an instance location.
func pointerOf(loc []string) string {
	var b strings.Builder
	for _, s := range loc {
		b.WriteByte('/')
		b.WriteString(strings.NewReplacer("~", "~0", "/", "~1").Replace(s))
	}
	return b.String()
}
