package devicedesign_test

import (
	"encoding/json"
	"strings"
	"testing"

	"partnerportal/web/devicedesign"
)

// TestTheSamplePayloadValidatesAgainstThePayloadSchema, for designs with every kind of range.
func TestTheSamplePayloadValidatesAgainstThePayloadSchema(t *testing.T) {
	t.Parallel()
	ranges := []struct{ lo, hi *float64 }{{nil, nil}, {num(0), nil}, {nil, num(-3)}, {num(0.001), num(0.002)}, {num(5), num(5)}, {num(-1e15), num(1e15)}}
	for i, r := range ranges {
		d := coldRoom()
		d.Attributes = append(d.Attributes,
			devicedesign.Attribute{Name: "n", Type: "number", Minimum: r.lo, Maximum: r.hi, Required: true},
			devicedesign.Attribute{Name: "i", Type: "integer", Minimum: r.lo, Maximum: r.hi})
		if r.lo != nil && *r.lo == 0.001 { // not whole: integers cannot have this range
			d.Attributes = d.Attributes[:len(d.Attributes)-1]
		}
		if p := devicedesign.Check(d); p != nil {
			t.Fatalf("range %d: the design is invalid: %v", i, p)
		}
		schemaDoc, err := json.Marshal(devicedesign.PayloadSchema(d))
		if err != nil {
			t.Fatal(err)
		}
		sample, err := json.Marshal(devicedesign.SamplePayload(d.Attributes))
		if err != nil {
			t.Fatal(err)
		}
		if err := validate(t, compile(t, schemaDoc), sample); err != nil {
			t.Errorf("range %d: the sample does not validate: %v\nsample %s\nschema %s", i, err, sample, schemaDoc)
		}
	}
}

func TestTheSampleIsTheSameEveryTimeInTheDesignsOrder(t *testing.T) {
	t.Parallel()
	a, _ := devicedesign.Indented(devicedesign.SamplePayload(coldRoom().Attributes))
	b, _ := devicedesign.Indented(devicedesign.SamplePayload(coldRoom().Attributes))
	if string(a) != string(b) {
		t.Errorf("two samples differ:\n%s\n%s", a, b)
	}
	s := string(a)
	if strings.Index(s, `"temperature"`) > strings.Index(s, `"battery"`) || !strings.Contains(s, `"lat": 52.52`) {
		t.Errorf("sample out of order or without a location:\n%s", s)
	}
}
