package partner

import (
	"slices"
	"strconv"
	"strings"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/devicedesign"
)

// editorView is the designer's view model for form f: rows with the buttons each may offer,
// the choices, and what the last row action did.
func editorView(f designForm, errs views.FieldErrors, products []db.ListDesignProductChoicesRow, res opResult) views.DesignEditor {
	e := views.DesignEditor{Version: f.Version, Name: f.Name, Description: f.Description, Product: f.Product,
		Protocol: f.Protocol, Authentication: f.Authentication, Errors: errs, Announce: res.announce, Focus: res.focus,
		Options: designOptions(products)}
	for i, a := range f.Attributes {
		first, last := siblingEnds(f.Attributes, i)
		e.Attributes = append(e.Attributes, views.AttributeRow{Index: i, Depth: a.Depth, Name: a.Name, Type: a.Type,
			Unit: a.Unit, Minimum: a.Minimum, Maximum: a.Maximum, Interval: a.Interval, Required: a.Required,
			CanNest: a.Type == "object" && a.Depth+1 < devicedesign.MaxDepth, First: first, Last: last})
	}
	for i, c := range f.Commands {
		row := views.CommandRow{Index: i, Name: c.Name, Description: c.Description, Acknowledged: c.Acknowledged,
			First: i == 0, Last: i == len(f.Commands)-1}
		for j, p := range c.Parameters {
			row.Parameters = append(row.Parameters, views.ParameterRow{Index: j, Name: p.Name, Type: p.Type, Required: p.Required})
		}
		e.Commands = append(e.Commands, row)
	}
	for i, p := range f.Properties {
		e.Properties = append(e.Properties, views.PropertyRow{Index: i, Name: p.Name, Type: p.Type, Direction: p.Direction,
			Unit: p.Unit, First: i == 0, Last: i == len(f.Properties)-1})
	}
	paths := attributePaths(f.Attributes)
	chosen, tested := map[string]bool{}, map[string]bool{}
	for i, fl := range f.Flows {
		e.Flows = append(e.Flows, views.FlowRow{Index: i, Name: fl.Name, Attributes: fl.Attributes, Condition: fl.Condition,
			Operator: fl.Operator, Value: fl.Value, Window: fl.Window, Aggregate: fl.Aggregate, Destination: fl.Destination,
			URL: fl.URL, First: i == 0, Last: i == len(f.Flows)-1})
		for _, a := range fl.Attributes {
			chosen[a] = true
		}
		if fl.Condition != "" {
			tested[fl.Condition] = true
		}
	}
	// The attributes as the rows name them now, and any a flow still names that are gone, so a
	// renamed attribute does not silently drop out of a flow: Check reports it instead.
	seen := map[string]bool{}
	for _, p := range pathOrder(f.Attributes) {
		seen[p] = true
		e.Paths = append(e.Paths, views.Option{Value: p, Label: p})
		if t := paths[p]; t != "object" && t != "location" {
			e.ConditionPaths = append(e.ConditionPaths, views.Option{Value: p, Label: p})
		}
	}
	for _, fl := range f.Flows {
		for _, a := range append(fl.Attributes, fl.Condition) {
			if a == "" || seen[a] {
				continue
			}
			seen[a] = true
			missing := views.Option{Value: a, Label: a + " (not in the design)"}
			if chosen[a] {
				e.Paths = append(e.Paths, missing)
			}
			if tested[a] {
				e.ConditionPaths = append(e.ConditionPaths, missing)
			}
		}
	}
	return e
}

// pathOrder is every named attribute's dotted path, in row order.
func pathOrder(rows []attributeRow) []string {
	var out []string
	var parents []string
	for _, r := range rows {
		d := min(r.Depth, len(parents))
		parents = append(parents[:d], r.Name)
		if !slices.Contains(parents, "") {
			out = append(out, strings.Join(parents, "."))
		}
	}
	return out
}

// siblingEnds says whether row i is the first and the last among its siblings.
func siblingEnds(rows []attributeRow, i int) (first, last bool) {
	first, last = true, true
	for j := i - 1; j >= 0 && rows[j].Depth >= rows[i].Depth; j-- {
		if rows[j].Depth == rows[i].Depth {
			first = false
			break
		}
	}
	if end := subtreeEnd(rows, i); end < len(rows) && rows[end].Depth == rows[i].Depth {
		last = false
	}
	return first, last
}

// designOptions are the designer's choices; products are the company's hardware products.
func designOptions(products []db.ListDesignProductChoicesRow) views.DesignOptions {
	opts := func(cs []devicedesign.Choice) []views.Option {
		out := make([]views.Option, len(cs))
		for i, c := range cs {
			out[i] = views.Option{Value: c.Value, Label: c.Label}
		}
		return out
	}
	o := views.DesignOptions{Protocols: opts(devicedesign.Protocols), Authentications: opts(devicedesign.Authentications),
		AttributeTypes: opts(devicedesign.AttributeTypes), ValueTypes: opts(devicedesign.ValueTypes),
		Directions: opts(devicedesign.Directions), Operators: opts(devicedesign.Operators), Windows: opts(devicedesign.Windows),
		Aggregates: opts(devicedesign.Aggregates), Destinations: opts(devicedesign.Destinations),
		Products: []views.Option{{Value: "", Label: "Not linked to a product"}}}
	for _, p := range products {
		label := p.Name
		if p.Environment == db.EnvironmentSandbox {
			label += " (sandbox)"
		}
		if p.ArchivedAt != nil {
			label += " (archived)"
		}
		o.Products = append(o.Products, views.Option{Value: strconv.FormatInt(p.ID, 10), Label: label})
	}
	return o
}
