package partner

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"

	"partnerportal/views"
	"partnerportal/web/devicedesign"
)

// formDocument turns a posted form into a document, with errors for what does not parse (a
// bound that is not a number) under their fields, and fields: the form field of each
// attribute's JSON pointer, so Check's problems find their rows.
func formDocument(f designForm) (devicedesign.Document, views.FieldErrors, map[string]int) {
	errs := views.FieldErrors{}
	d := devicedesign.Document{Name: f.Name, Description: f.Description, Protocol: f.Protocol, Authentication: f.Authentication}
	rowOf := map[string]int{}
	d.Attributes = attributeTree(f.Attributes, errs, rowOf)
	for _, c := range f.Commands {
		cmd := devicedesign.Command{Name: c.Name, Description: c.Description, Acknowledged: c.Acknowledged}
		for _, p := range c.Parameters {
			cmd.Parameters = append(cmd.Parameters, devicedesign.Parameter{Name: p.Name, Type: p.Type, Required: p.Required})
		}
		d.Commands = append(d.Commands, cmd)
	}
	for _, p := range f.Properties {
		d.Properties = append(d.Properties, devicedesign.Property{Name: p.Name, Type: p.Type, Direction: p.Direction, Unit: p.Unit})
	}
	types := attributePaths(f.Attributes)
	for i, fl := range f.Flows {
		key := "flows." + strconv.Itoa(i) + "."
		seconds, err := strconv.Atoi(fl.Window)
		if err != nil {
			seconds = -1 // refused by Check as "Choose a window."
		}
		url := ""
		if fl.Destination == "webhook" {
			url = fl.URL
		}
		value, msg := conditionValue(fl.Value, types[fl.Condition])
		if msg != "" {
			errs[key+"value"] = msg
		}
		d.Flows = append(d.Flows, devicedesign.Flow{Name: fl.Name, Attributes: fl.Attributes,
			Condition:   devicedesign.Condition{Attribute: fl.Condition, Operator: fl.Operator, Value: value},
			Window:      devicedesign.Window{Seconds: seconds, Aggregate: fl.Aggregate},
			Destination: devicedesign.Destination{Kind: fl.Destination, URL: url}})
	}
	d.Normalize()
	return d, errs, rowOf
}

// attributeTree nests the flat rows by depth: a row is a child of the nearest row above it one
// level up. It records the row number of every attribute's pointer in rowOf.
func attributeTree(rows []attributeRow, errs views.FieldErrors, rowOf map[string]int) []devicedesign.Attribute {
	var build func(from, depth int, ptr string) ([]devicedesign.Attribute, int)
	build = func(i, depth int, ptr string) ([]devicedesign.Attribute, int) {
		var out []devicedesign.Attribute
		for i < len(rows) && rows[i].Depth >= depth {
			r, key := rows[i], "attributes."+strconv.Itoa(i)+"."
			at := ptr + "/" + strconv.Itoa(len(out))
			rowOf[at] = i
			a := devicedesign.Attribute{Name: r.Name, Type: r.Type, Unit: r.Unit, Required: r.Required,
				Minimum: parseBound(r.Minimum, key+"minimum", errs), Maximum: parseBound(r.Maximum, key+"maximum", errs)}
			if r.Interval != "" {
				n, err := strconv.Atoi(r.Interval)
				if err != nil {
					errs[key+"interval"] = "Enter whole seconds, like 60, or leave empty to send on change."
				} else {
					a.SamplingSeconds = &n
				}
			}
			i++
			if i < len(rows) && rows[i].Depth > depth {
				a.Attributes, i = build(i, depth+1, at+"/attributes")
			}
			out = append(out, a)
		}
		return out, i
	}
	attrs, _ := build(0, 0, "/attributes")
	return attrs
}

// parseBound reads a minimum or maximum: empty is none.
func parseBound(s, field string, errs views.FieldErrors) *float64 {
	if s == "" {
		return nil
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, "−", "-"), 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		errs[field] = "Enter a number, like 8 or -2.5."
		return nil
	}
	return &v
}

// conditionValue writes a condition's typed value as the JSON of its attribute's type.
func conditionValue(s, typ string) (json.RawMessage, string) {
	switch typ {
	case "number", "integer":
		v, err := strconv.ParseFloat(strings.ReplaceAll(s, "−", "-"), 64)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			return json.RawMessage(`null`), "Enter a number, like 8 or -2.5."
		}
		return json.RawMessage(strconv.FormatFloat(v, 'f', -1, 64)), ""
	case "boolean":
		switch strings.ToLower(s) {
		case "true", "yes":
			return json.RawMessage("true"), ""
		case "false", "no":
			return json.RawMessage("false"), ""
		}
		return json.RawMessage(`null`), "Enter true or false."
	}
	b, _ := json.Marshal(s)
	return b, ""
}

// attributePaths maps each row's dotted path to its type, by the rows' depths.
func attributePaths(rows []attributeRow) map[string]string {
	out := map[string]string{}
	var parents []string
	for _, r := range rows {
		d := min(r.Depth, len(parents))
		parents = append(parents[:d], r.Name)
		out[strings.Join(parents, ".")] = r.Type
	}
	return out
}
