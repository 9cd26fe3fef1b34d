package appconnect

import (
	"context"
	"maps"
	"slices"
	"strings"
	"unicode"

	"partnerportal/db"
)

// Template is a template with its parts, as a configuration is checked against it.
type Template struct {
	db.AppTemplate
	Features   []db.AppTemplateFeature
	Parameters []db.AppTemplateParameter
	Devices    []db.AppTemplateDevice
}

// QueueParts adds the reads of template id's features, parameters and devices to b.
func QueueParts(b *db.Batch, t *Template, id int64) {
	db.Queue(b, &t.Features, (*db.Queries).ListTemplateFeatures, db.ListTemplateFeaturesParams{TemplateID: &id})
	db.Queue(b, &t.Parameters, (*db.Queries).ListTemplateParameters, db.ListTemplateParametersParams{TemplateID: &id})
	db.Queue(b, &t.Devices, (*db.Queries).ListTemplateDevices, db.ListTemplateDevicesParams{TemplateID: &id})
}

// QueueBySlug adds the reads of the template of that address name, with its parts, to b.
func QueueBySlug(b *db.Batch, t *Template, slug string) {
	db.Queue(b, &t.AppTemplate, (*db.Queries).GetTemplateBySlug, slug)
	db.Queue(b, &t.Features, (*db.Queries).ListTemplateFeatures, db.ListTemplateFeaturesParams{Slug: &slug})
	db.Queue(b, &t.Parameters, (*db.Queries).ListTemplateParameters, db.ListTemplateParametersParams{Slug: &slug})
	db.Queue(b, &t.Devices, (*db.Queries).ListTemplateDevices, db.ListTemplateDevicesParams{Slug: &slug})
}

// LoadTemplate reads template id with its parts in one round trip (pgx.ErrNoRows when there
// is none).
func LoadTemplate(ctx context.Context, conn db.Batcher, id int64) (Template, error) {
	var t Template
	var b db.Batch
	db.Queue(&b, &t.AppTemplate, (*db.Queries).GetTemplate, id)
	QueueParts(&b, &t, id)
	return t, b.Send(ctx, conn)
}

// Config is what a deployer chose: the features on (keys, in the template's order), each
// parameter's value as stored, and the device design picked for each expected device.
type Config struct {
	Features []string
	Values   map[string]string
	Devices  map[string]int64
}

// DefaultFeatures are the features a new deployment starts with: the required ones and those
// on by default.
func (t Template) DefaultFeatures() []string {
	var out []string
	for _, f := range t.Features {
		if f.Required || f.DefaultOn {
			out = append(out, f.Key)
		}
	}
	return out
}

// ChooseFeatures turns the keys a form posted into the features on: the required ones
// always, in the template's order. A key the template does not offer (a tampered form) is
// refused with a message saying so.
func (t Template) ChooseFeatures(keys []string) ([]string, string) {
	for _, k := range keys {
		if !slices.ContainsFunc(t.Features, func(f db.AppTemplateFeature) bool { return f.Key == k }) {
			return nil, Quote(k) + " is not a feature of " + t.Name + ". Choose from the features listed."
		}
	}
	var out []string
	for _, f := range t.Features {
		if f.Required || slices.Contains(keys, f.Key) {
			out = append(out, f.Key)
		}
	}
	return out, ""
}

// DefaultValues are the parameters' defaults, as a new deployment starts.
func (t Template) DefaultValues() map[string]string {
	out := make(map[string]string, len(t.Parameters))
	for _, p := range t.Parameters {
		out[p.Key], _ = CheckValue(p, p.DefaultValue)
	}
	return out
}

// CheckValues checks every parameter's value in raw (by key; a missing one is empty) and
// returns the values as stored, with a message per parameter key that is not valid.
func (t Template) CheckValues(raw map[string]string) (map[string]string, map[string]string) {
	out := make(map[string]string, len(t.Parameters))
	var errs map[string]string
	for _, p := range t.Parameters {
		v, msg := CheckValue(p, raw[p.Key])
		out[p.Key] = v
		if msg != "" {
			if errs == nil {
				errs = map[string]string{}
			}
			errs[p.Key] = msg
		}
	}
	return out, errs
}

// Problem is something that keeps a configuration from being deployed, with the wizard step
// that mends it.
type Problem struct {
	Step    string
	Message string
}

// Check lists what keeps cfg from being deployed on t as it is now: a feature or a value the
// template no longer takes (it may have changed since the draft was made), a required feature
// off, a design picked for a device the template no longer expects.
func (t Template) Check(cfg Config) []Problem {
	var out []Problem
	if _, msg := t.ChooseFeatures(cfg.Features); msg != "" {
		out = append(out, Problem{StepFeatures, msg})
	}
	for _, f := range t.Features {
		if f.Required && !slices.Contains(cfg.Features, f.Key) {
			out = append(out, Problem{StepFeatures, f.Name + " is required: switch it on."})
		}
	}
	for _, p := range t.Parameters {
		if _, msg := CheckValue(p, cfg.Values[p.Key]); msg != "" {
			out = append(out, Problem{StepParameters, p.Label + ": " + msg})
		}
	}
	for _, slot := range slices.Sorted(maps.Keys(cfg.Devices)) {
		if !slices.ContainsFunc(t.Devices, func(d db.AppTemplateDevice) bool { return d.Key == slot }) {
			out = append(out, Problem{StepDevices, "The template no longer expects the device " + Quote(slot) + ": choose the designs again."})
		}
	}
	return out
}

// HasParameter says whether the template has a parameter of that key.
func (t Template) HasParameter(key string) bool {
	return slices.ContainsFunc(t.Parameters, func(p db.AppTemplateParameter) bool { return p.Key == key })
}

// HasDevice says whether the template expects a device of that key.
func (t Template) HasDevice(key string) bool {
	return slices.ContainsFunc(t.Devices, func(d db.AppTemplateDevice) bool { return d.Key == key })
}

// Quote is something a request named, quoted for a message: at most 40 characters, invalid
// UTF-8 and control characters replaced, so a tampered form reads back safely.
func Quote(s string) string {
	r := []rune(strings.ToValidUTF8(s, "?"))
	for i, c := range r {
		if unicode.IsControl(c) {
			r[i] = '?'
		}
	}
	return "“" + clip(string(r), 40) + "”"
}

// clip keeps the first n characters of s.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
