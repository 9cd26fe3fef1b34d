package appconnect

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"partnerportal/db"
	"partnerportal/web/ui"
)

// A template's parts as people type them (the admins' form, the demo seed), before they are
// checked: CheckParts turns them into what is stored, or says what is wrong under each field
// (keys like "features.0.key", the form's names).

// FeatureRow is a feature as typed.
type FeatureRow struct {
	Key, Name, Description string
	Required, DefaultOn    bool
}

// ParameterRow is a parameter as typed: Min and Max are a number's range or a text's length,
// Choices a choice's options separated by commas.
type ParameterRow struct {
	Key, Label, Kind, Default, Min, Max, Choices, Help string
	Required                                           bool
}

// DeviceRow is an expected device as typed: its attribute names separated by commas.
type DeviceRow struct {
	Key, Name, Attributes string
}

// Parts are a template's rows as typed.
type Parts struct {
	Features   []FeatureRow
	Parameters []ParameterRow
	Devices    []DeviceRow
}

// CheckedParts are a template's parts as stored, positions from 1.
type CheckedParts struct {
	Features   []db.CreateTemplateFeatureParams
	Parameters []db.CreateTemplateParameterParams
	Devices    []db.CreateTemplateDeviceParams
}

var (
	keyPattern       = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)
	attributePattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,62}$`)
)

const keyMessage = "Use lowercase letters, digits and underscores, starting with a letter (up to 40)."

// CheckParts checks p: keys are identifiers, unique in their group; names are plain text;
// ranges are numbers in order; a choice has two options or more; a default is a value its
// parameter takes; an expected device lists attribute names. There is at least one feature.
func CheckParts(p Parts) (CheckedParts, map[string]string) {
	var out CheckedParts
	errs := map[string]string{}
	text := func(field, v string, required bool, max int) {
		switch {
		case required && v == "":
			errs[field] = "This field is required."
		case !ui.CleanText(v, false):
			errs[field] = "Use plain text, without control characters."
		case utf8.RuneCountInString(v) > max:
			errs[field] = "Use at most " + strconv.Itoa(max) + " characters."
		}
	}
	key := func(group string, i int, k string, seen map[string]bool) {
		field := name(group, i, "key")
		switch {
		case !keyPattern.MatchString(k):
			errs[field] = keyMessage
		case seen[k]:
			errs[field] = "Another row already uses this key."
		}
		seen[k] = true
	}
	seen := map[string]bool{}
	for i, f := range p.Features {
		key("features", i, f.Key, seen)
		text(name("features", i, "name"), f.Name, true, 80)
		text(name("features", i, "description"), f.Description, false, 300)
		out.Features = append(out.Features, db.CreateTemplateFeatureParams{Position: int32(i + 1), Key: f.Key, Name: f.Name,
			Description: f.Description, Required: f.Required, DefaultOn: f.DefaultOn || f.Required})
	}
	if len(p.Features) == 0 {
		errs["features"] = "Add at least one feature: a template offers something to switch on."
	}
	seen = map[string]bool{}
	for i, r := range p.Parameters {
		key("parameters", i, r.Key, seen)
		text(name("parameters", i, "label"), r.Label, true, 80)
		text(name("parameters", i, "help"), r.Help, false, 300)
		out.Parameters = append(out.Parameters, checkParameter(i, r, errs))
	}
	seen = map[string]bool{}
	for i, d := range p.Devices {
		key("devices", i, d.Key, seen)
		text(name("devices", i, "name"), d.Name, true, 80)
		attrs := splitList(d.Attributes)
		field := name("devices", i, "attributes")
		if len(attrs) == 0 || len(attrs) > 20 {
			errs[field] = "List from 1 to 20 attribute names, separated by commas."
		}
		for _, a := range attrs {
			if !attributePattern.MatchString(a) {
				errs[field] = Quote(a) + " is not an attribute name: lowercase letters, digits and underscores, starting with a letter."
				break
			}
		}
		out.Devices = append(out.Devices, db.CreateTemplateDeviceParams{Position: int32(i + 1), Key: d.Key, Name: d.Name, Attributes: attrs})
	}
	if len(errs) == 0 {
		return out, nil
	}
	return out, errs
}

// Write replaces template id's parts with p.
func (p CheckedParts) Write(ctx context.Context, q *db.Queries, id int64) error {
	if err := q.DeleteTemplateParts(ctx, id); err != nil {
		return err
	}
	for _, f := range p.Features {
		f.TemplateID = id
		if err := q.CreateTemplateFeature(ctx, f); err != nil {
			return err
		}
	}
	for _, par := range p.Parameters {
		par.TemplateID = id
		if err := q.CreateTemplateParameter(ctx, par); err != nil {
			return err
		}
	}
	for _, d := range p.Devices {
		d.TemplateID = id
		if err := q.CreateTemplateDevice(ctx, d); err != nil {
			return err
		}
	}
	return nil
}

// name is the form field of a row's field: "features.0.key".
func name(group string, i int, field string) string {
	return group + "." + strconv.Itoa(i) + "." + field
}

// splitList splits a comma-separated list, trimmed, without empty items.
func splitList(s string) []string {
	var out []string
	for _, item := range strings.Split(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}
