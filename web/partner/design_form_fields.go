package partner

import (
	"strconv"
	"strings"

	"partnerportal/views"
	"partnerportal/web/devicedesign"
)

// storedForm is the form filled with a stored document, at version (the form posts it back).
func storedForm(d devicedesign.Document, productID *int64, version int32) designForm {
	f := designForm{Name: d.Name, Description: d.Description, Protocol: d.Protocol, Authentication: d.Authentication,
		Version: strconv.Itoa(int(version))}
	if productID != nil {
		f.Product = strconv.FormatInt(*productID, 10)
	}
	var flatten func(attrs []devicedesign.Attribute, depth int)
	flatten = func(attrs []devicedesign.Attribute, depth int) {
		for _, a := range attrs {
			r := attributeRow{Depth: depth, Name: a.Name, Type: a.Type, Unit: a.Unit, Required: a.Required,
				Minimum: devicedesign.FormatNumber(a.Minimum), Maximum: devicedesign.FormatNumber(a.Maximum)}
			if a.SamplingSeconds != nil {
				r.Interval = strconv.Itoa(*a.SamplingSeconds)
			}
			f.Attributes = append(f.Attributes, r)
			flatten(a.Attributes, depth+1)
		}
	}
	flatten(d.Attributes, 0)
	for _, c := range d.Commands {
		row := commandRow{Name: c.Name, Description: c.Description, Acknowledged: c.Acknowledged}
		for _, p := range c.Parameters {
			row.Parameters = append(row.Parameters, parameterRow{Name: p.Name, Type: p.Type, Required: p.Required})
		}
		f.Commands = append(f.Commands, row)
	}
	for _, p := range d.Properties {
		f.Properties = append(f.Properties, propertyRow{Name: p.Name, Type: p.Type, Direction: p.Direction, Unit: p.Unit})
	}
	for _, fl := range d.Flows {
		value := string(fl.Condition.Value)
		if unquoted, err := strconv.Unquote(value); err == nil {
			value = unquoted
		}
		f.Flows = append(f.Flows, flowRow{Name: fl.Name, Attributes: fl.Attributes, Condition: fl.Condition.Attribute,
			Operator: fl.Condition.Operator, Value: value, Window: strconv.Itoa(fl.Window.Seconds), Aggregate: fl.Window.Aggregate,
			Destination: fl.Destination.Kind, URL: fl.Destination.URL})
	}
	return f
}

// problemFields puts Check's problems under the form's fields: rowOf gives the row of each
// attribute pointer. A problem already reported for a field keeps its first message.
func problemFields(problems []devicedesign.Problem, rowOf map[string]int, errs views.FieldErrors) views.FieldErrors {
	for _, p := range problems {
		field := fieldOf(p.Pointer, rowOf)
		if _, taken := errs[field]; !taken {
			errs[field] = p.Message
		}
	}
	return errs
}

// flowFields are the form fields of a flow's pointers, after "/flows/N/".
var flowFields = map[string]string{"name": "name", "attributes": "attributes", "condition/attribute": "condition",
	"condition/operator": "operator", "condition/value": "value", "window/seconds": "window",
	"window/aggregate": "aggregate", "destination/kind": "destination", "destination/url": "url"}

// fieldOf is the form field a problem at ptr belongs under.
func fieldOf(ptr string, rowOf map[string]int) string {
	segs := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	switch segs[0] {
	case "attributes":
		// the longest pointer that names a row, then the field of that row
		for n := len(segs); n >= 2; n-- {
			if row, ok := rowOf["/"+strings.Join(segs[:n], "/")]; ok {
				field := "name"
				if n < len(segs) {
					field = map[string]string{"sampling_interval_seconds": "interval"}[segs[n]]
					if field == "" {
						field = segs[n]
					}
				}
				return "attributes." + strconv.Itoa(row) + "." + field
			}
		}
		return "attributes"
	case "flows":
		if len(segs) >= 3 {
			tail := strings.Join(segs[2:], "/")
			if strings.HasPrefix(tail, "attributes/") {
				tail = "attributes"
			}
			if f, ok := flowFields[tail]; ok {
				return "flows." + segs[1] + "." + f
			}
		}
	case "product":
		return "product"
	}
	return strings.Join(segs, ".")
}
