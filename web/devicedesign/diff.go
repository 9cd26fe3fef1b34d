package devicedesign

import (
	"slices"
	"strconv"
	"strings"
)

// Change is one difference between two versions of a design: in which section (Design,
// Attributes, Commands, Properties, Flows), what (an attribute's path, a command's name…),
// how (added, removed, changed, reordered) and, for a change, each field's before → after.
type Change struct {
	Section string
	Name    string
	Kind    string
	Details []string
}

// Compare lists what changed from a to b, section by section. Items are matched by name
// (attributes by path), so a renamed one reads as removed and added.
func Compare(a, b Document) []Change {
	var out []Change
	if d := fieldChanges(headerFields(a), headerFields(b)); len(d) > 0 {
		out = append(out, Change{Section: "Design", Name: a.Name, Kind: "changed", Details: d})
	}
	out = append(out, compareNamed("Attributes", flatAttributes(a.Attributes, ""), flatAttributes(b.Attributes, ""))...)
	out = append(out, compareNamed("Commands", commandItems(a.Commands), commandItems(b.Commands))...)
	out = append(out, compareNamed("Properties", propertyItems(a.Properties), propertyItems(b.Properties))...)
	return append(out, compareNamed("Flows", flowItems(a.Flows), flowItems(b.Flows))...)
}

// item is one named thing of a section with its fields as text, in a stable order.
type item struct {
	name   string
	fields [][2]string
}

func compareNamed(section string, before, after []item) []Change {
	var out []Change
	old := map[string]item{}
	for _, it := range before {
		old[it.name] = it
	}
	now := map[string]bool{}
	var keptBefore, keptAfter []string
	for _, it := range after {
		now[it.name] = true
		prev, ok := old[it.name]
		if !ok {
			out = append(out, Change{Section: section, Name: it.name, Kind: "added"})
			continue
		}
		keptAfter = append(keptAfter, it.name)
		if d := fieldChanges(prev.fields, it.fields); len(d) > 0 {
			out = append(out, Change{Section: section, Name: it.name, Kind: "changed", Details: d})
		}
	}
	for _, it := range before {
		if !now[it.name] {
			out = append(out, Change{Section: section, Name: it.name, Kind: "removed"})
		} else {
			keptBefore = append(keptBefore, it.name)
		}
	}
	if !slices.Equal(keptBefore, keptAfter) {
		out = append(out, Change{Section: section, Kind: "reordered"})
	}
	return out
}

// fieldChanges lists "field: before → after" for each field that differs.
func fieldChanges(before, after [][2]string) []string {
	var out []string
	prev := map[string]string{}
	for _, f := range before {
		prev[f[0]] = f[1]
	}
	for _, f := range after {
		if p := prev[f[0]]; p != f[1] {
			out = append(out, f[0]+": "+orNone(p)+" → "+orNone(f[1]))
		}
	}
	return out
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func headerFields(d Document) [][2]string {
	product := ""
	if d.Product != nil {
		product = d.Product.Name
	}
	return [][2]string{{"name", d.Name}, {"description", clip(d.Description)}, {"product", product},
		{"protocol", Label(Protocols, d.Protocol)}, {"authentication", Label(Authentications, d.Authentication)}}
}

func flatAttributes(attrs []Attribute, prefix string) []item {
	var out []item
	for _, a := range attrs {
		path := prefix + a.Name
		out = append(out, item{path, [][2]string{{"type", Label(AttributeTypes, a.Type)}, {"unit", a.Unit},
			{"minimum", FormatNumber(a.Minimum)}, {"maximum", FormatNumber(a.Maximum)},
			{"required", yesNo(a.Required)}, {"sampling", Sampling(a.SamplingSeconds)}}})
		out = append(out, flatAttributes(a.Attributes, path+".")...)
	}
	return out
}

func commandItems(cmds []Command) []item {
	var out []item
	for _, c := range cmds {
		params := make([]string, len(c.Parameters))
		for i, p := range c.Parameters {
			params[i] = ParameterText(p)
		}
		out = append(out, item{c.Name, [][2]string{{"description", clip(c.Description)},
			{"acknowledged", yesNo(c.Acknowledged)}, {"parameters", strings.Join(params, ", ")}}})
	}
	return out
}

func propertyItems(props []Property) []item {
	var out []item
	for _, p := range props {
		out = append(out, item{p.Name, [][2]string{{"type", Label(ValueTypes, p.Type)},
			{"direction", Label(Directions, p.Direction)}, {"unit", p.Unit}}})
	}
	return out
}

func flowItems(flows []Flow) []item {
	var out []item
	for _, f := range flows {
		out = append(out, item{f.Name, [][2]string{{"attributes", strings.Join(f.Attributes, ", ")},
			{"condition", ConditionText(f.Condition)}, {"window", WindowText(f.Window)},
			{"destination", DestinationText(f.Destination)}}})
	}
	return out
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// FormatNumber writes a bound as people read it; "" for none.
func FormatNumber(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}
