package devicedesign_test

import (
	"bytes"
	"strings"
	"testing"

	"partnerportal/web/devicedesign"
)

func exportOf(t *testing.T, d devicedesign.Document) string {
	t.Helper()
	b, err := devicedesign.Export(d)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestParseNamesEachProblemWithItsLine: what a person who edited an export by hand sees.
func TestParseNamesEachProblemWithItsLine(t *testing.T) {
	t.Parallel()
	good := exportOf(t, coldRoom())
	lineOf := func(s, sub string) int { return strings.Count(s[:strings.Index(s, sub)], "\n") + 1 }
	tests := []struct {
		name     string
		file     string
		wantLine int
		want     string
	}{
		{"a bad identifier", strings.Replace(good, `"name": "battery"`, `"name": "Battery Level"`, 1),
			lineOf(good, `"name": "battery"`), "not a valid name"},
		{"a duplicate name", strings.Replace(good, `"name": "door_open"`, `"name": "battery"`, 1),
			lineOf(good, `"name": "door_open"`), "already called “battery”"},
		{"min above max", strings.Replace(good, `"maximum": 85`, `"maximum": -50`, 1),
			lineOf(good, `"maximum": 85`), "below the minimum"},
		{"a wrong type", strings.Replace(good, `"acknowledged": true`, `"acknowledged": "yes"`, 1),
			lineOf(good, `"acknowledged": true`), "Expected boolean, found string"},
		{"an unknown field", strings.Replace(good, `"unit": "%",`, `"unit": "%", "colour": "red",`, 1),
			lineOf(good, `"unit": "%",`), "Unknown “colour”"},
		{"a missing field", strings.Replace(good, `"protocol": "mqtt",`, ``, 1), 1, "Missing “protocol”"},
		{"a flow about nothing", strings.Replace(good, `"env.humidity"`, `"env.nothing"`, 1),
			lineOf(good, `"env.humidity"`), "no attribute “env.nothing”"},
		{"a syntax error", strings.Replace(good, `"version": 3,`, `"version": 3,,`, 1),
			lineOf(good, `"version": 3,`), "not valid JSON"},
		{"a control character in text", strings.Replace(good, `Restart the device.`, `Restart\u0000`, 1),
			lineOf(good, `Restart the device.`), "control characters"},
		{"another format", strings.Replace(good, devicedesign.Format, "something-else", 1), 2, "Value must be"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := devicedesign.Parse([]byte(tt.file))
			if len(problems) == 0 {
				t.Fatal("accepted")
			}
			for _, p := range problems {
				if strings.Contains(p.Message, tt.want) {
					if p.Line != tt.wantLine {
						t.Errorf("%q on line %d, want line %d", p.Message, p.Line, tt.wantLine)
					}
					return
				}
			}
			t.Errorf("no problem says %q: %+v", tt.want, problems)
		})
	}
}

// fuzzSeeds are files an import must refuse with a reason, never a failure.
func fuzzSeeds() [][]byte {
	return [][]byte{
		nil,
		[]byte("   "),
		[]byte("{"),
		[]byte(`{"format":`),
		[]byte("null"),
		[]byte("[]"),
		[]byte(`"text"`),
		[]byte("12"),
		[]byte(`{} {}`),
		[]byte("\xff\xfe{}"),
		[]byte(`{"attributes": "many"}`),
		[]byte(`{"format":"expressconnect-device-design","format_version":1,"name":"x","description":"","version":1,"product":null,"protocol":"mqtt","authentication":"x509","attributes":[{"name":"a","type":"object","unit":"","minimum":null,"maximum":null,"required":false,"sampling_interval_seconds":null,"attributes":[]}],"commands":[],"properties":[],"flows":[]}`),
		[]byte(`{"format":"expressconnect-device-design","format_version":1,"name":"x","description":"","version":1.5,"product":null,"protocol":"mqtt","authentication":"x509","attributes":[],"commands":[],"properties":[],"flows":[{"name":"f","attributes":["a"],"condition":{"attribute":"a","operator":">","value":1e400},"window":{"seconds":60.0,"aggregate":"avg"},"destination":{"kind":"webhook","url":"http://x"}}]}`),
		bytes.Repeat([]byte("["), 100000),
		[]byte(strings.Repeat(`{"a":`, 5000) + "1" + strings.Repeat("}", 5000)),
		[]byte(`{"name":"` + strings.Repeat("x", devicedesign.MaxImportBytes) + `"}`),
		[]byte(`{"format":"expressconnect-device-design","name":"\ud800"}`),
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s)
	}
	good, err := devicedesign.Export(coldRoom())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	schema := compile(f, devicedesign.SchemaJSON())
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, problems := devicedesign.Parse(data)
		if problems != nil {
			for _, p := range problems {
				if p.Message == "" {
					t.Errorf("a problem without a message: %+v", p)
				}
			}
			return
		}
		// Whatever is accepted passes the rules and exports.
		if ps := devicedesign.Check(doc); ps != nil {
			t.Errorf("accepted a document that fails Check: %v", ps)
		}
		out, err := devicedesign.Export(doc)
		if err != nil {
			t.Fatalf("accepted a document that does not export: %v", err)
		}
		if err := validate(t, schema, out); err != nil {
			t.Errorf("accepted a document whose export fails the schema: %v\n%s", err, out)
		}
	})
}

func TestParseRefusesTheSeedsWithAReason(t *testing.T) {
	t.Parallel()
	for i, s := range fuzzSeeds() {
		_, problems := devicedesign.Parse(s)
		if len(problems) == 0 {
			t.Errorf("seed %d accepted", i)
		}
	}
}
