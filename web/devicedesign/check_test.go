package devicedesign_test

import (
	"encoding/json"
	"strings"
	"testing"

	"partnerportal/web/devicedesign"
)

func TestCheckRules(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		change      func(d *devicedesign.Document)
		wantPointer string
		want        string
	}{
		{"the example is valid", func(*devicedesign.Document) {}, "", ""},
		{"a blank name", func(d *devicedesign.Document) { d.Name = "  " }, "/name", "Give the design a name"},
		{"an upper-case identifier", func(d *devicedesign.Document) { d.Attributes[0].Name = "Temp" }, "/attributes/0/name", "not a valid name"},
		{"an identifier starting with a digit", func(d *devicedesign.Document) { d.Commands[0].Name = "1reboot" }, "/commands/0/name", "not a valid name"},
		{"a 64-character identifier", func(d *devicedesign.Document) { d.Properties[0].Name = "a" + strings.Repeat("b", 63) }, "/properties/0/name", "not a valid name"},
		{"siblings with one name", func(d *devicedesign.Document) { d.Attributes[1].Name = "temperature" }, "/attributes/1/name", "already called “temperature”"},
		{"a nested name may repeat a parent's sibling", func(d *devicedesign.Document) { d.Attributes[5].Attributes[1].Name = "temperature" }, "", ""},
		{"nested siblings with one name", func(d *devicedesign.Document) { d.Attributes[5].Attributes[1].Name = "humidity" }, "/attributes/5/attributes/1/name", "already called"},
		{"parameters with one name", func(d *devicedesign.Document) {
			d.Commands[1].Parameters = append(d.Commands[1].Parameters, devicedesign.Parameter{Name: "seconds", Type: "integer"})
		}, "/commands/1/parameters/1/name", "already called"},
		{"min above max", func(d *devicedesign.Document) { d.Attributes[0].Minimum = num(90) }, "/attributes/0/maximum", "below the minimum"},
		{"a fractional integer bound", func(d *devicedesign.Document) { d.Attributes[1].Maximum = num(99.5) }, "/attributes/1/maximum", "whole number"},
		{"a range on text", func(d *devicedesign.Document) { d.Attributes[4].Minimum = num(1) }, "/attributes/4/minimum", "Only numbers"},
		{"an empty object", func(d *devicedesign.Document) { d.Attributes[5].Attributes = nil }, "/attributes/5/type", "at least one nested"},
		{"too deep", func(d *devicedesign.Document) {
			leaf := devicedesign.Attribute{Name: "leaf", Type: "number"}
			for range 4 {
				leaf = devicedesign.Attribute{Name: "level", Type: "object", Attributes: []devicedesign.Attribute{leaf}}
			}
			d.Attributes = append(d.Attributes, leaf)
		}, "/attributes/6/attributes/0/attributes/0/attributes/0/type", "at most 4 levels"},
		{"a sampling interval of 0", func(d *devicedesign.Document) { d.Attributes[0].SamplingSeconds = secs(0) }, "/attributes/0/sampling_interval_seconds", "whole seconds"},
		{"a flow about a missing attribute", func(d *devicedesign.Document) { d.Flows[0].Attributes = []string{"humidity"} }, "/flows/0/attributes/0", "no attribute “humidity”"},
		{"a condition on an object", func(d *devicedesign.Document) { d.Flows[0].Condition.Attribute = "env" }, "/flows/0/condition/attribute", "tests a number"},
		{"an ordering of a boolean", func(d *devicedesign.Document) { d.Flows[1].Condition.Operator = ">" }, "/flows/1/condition/operator", "= or ≠ only"},
		{"a text value for a number", func(d *devicedesign.Document) { d.Flows[0].Condition.Value = json.RawMessage(`"8"`) }, "/flows/0/condition/value", "Enter a number"},
		{"a window without aggregate", func(d *devicedesign.Document) { d.Flows[0].Window.Aggregate = "none" }, "/flows/0/window/aggregate", "Choose how to aggregate"},
		{"an average of a yes/no", func(d *devicedesign.Document) { d.Flows[1].Window = devicedesign.Window{Seconds: 60, Aggregate: "avg"} }, "/flows/1/window/aggregate", "count or last"},
		{"a plain http webhook", func(d *devicedesign.Document) { d.Flows[1].Destination.URL = "http://hooks.example.com" }, "/flows/1/destination/url", "https address"},
		{"a webhook with credentials", func(d *devicedesign.Document) { d.Flows[1].Destination.URL = "https://u:p@hooks.example.com/" }, "/flows/1/destination/url", "https address"},
		{"an address on a store", func(d *devicedesign.Document) { d.Flows[0].Destination.URL = "https://x.example" }, "/flows/0/destination/url", "Only a webhook"},
		{"a control character in a unit", func(d *devicedesign.Document) { d.Attributes[0].Unit = "°\x00C" }, "/attributes/0/unit", "control characters"},
		{"a line break in the description is fine", func(d *devicedesign.Document) { d.Description = "a\r\nb\tc" }, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := coldRoom()
			tt.change(&d)
			problems := devicedesign.Check(d)
			if tt.want == "" {
				if problems != nil {
					t.Fatalf("refused: %+v", problems)
				}
				return
			}
			for _, p := range problems {
				if p.Pointer == tt.wantPointer && strings.Contains(p.Message, tt.want) {
					return
				}
			}
			t.Errorf("want %q at %s, got %+v", tt.want, tt.wantPointer, problems)
		})
	}
}
