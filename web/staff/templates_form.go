package staff

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/ui"
)

// maxTemplateRows is how many rows of each kind a template form takes.
const maxTemplateRows = 40

// templateInput is the template form as posted: the header, and the rows kept (those neither
// blank nor ticked for removal), in order.
type templateInput struct {
	Slug        string `form:"slug" validate:"required,max=60,slug"`
	Name        string `form:"name" validate:"required,max=80,plaintext"`
	Industry    string `form:"industry" validate:"required"`
	Summary     string `form:"summary" validate:"required,max=160,plaintext"`
	Description string `form:"description" validate:"max=4000,multiline"`
	Version     int32
	Features    []views.TemplateFeatureRow
	Parameters  []views.TemplateParameterRow
	Devices     []views.TemplateDeviceRow
}

// readTemplateForm reads the posted template form.
func readTemplateForm(c echo.Context) (templateInput, error) {
	form, err := c.FormParams()
	if err != nil {
		return templateInput{}, &ui.Error{Code: 400, Message: "The form could not be read.", Err: err}
	}
	get := func(k string) string { return strings.TrimSpace(form.Get(k)) }
	in := templateInput{Slug: get("slug"), Name: get("name"), Industry: get("industry"), Summary: get("summary"),
		Description: strings.TrimSpace(ui.NormaliseLines(form.Get("description")))}
	if v, err := strconv.ParseInt(form.Get("version"), 10, 32); err == nil {
		in.Version = int32(v)
	}
	eachRow(form, "features", []string{"key", "name", "description"}, func(r func(string) string, on func(string) bool) {
		in.Features = append(in.Features, views.TemplateFeatureRow{Key: r("key"), Name: r("name"), Description: r("description"),
			Required: on("required"), DefaultOn: on("default_on")})
	})
	eachRow(form, "parameters", []string{"key", "label", "default", "min", "max", "choices", "help"}, func(r func(string) string, on func(string) bool) {
		in.Parameters = append(in.Parameters, views.TemplateParameterRow{Key: r("key"), Label: r("label"), Kind: r("kind"),
			Default: r("default"), Min: r("min"), Max: r("max"), Choices: r("choices"), Help: r("help"), Required: on("required")})
	})
	eachRow(form, "devices", []string{"key", "name", "attributes"}, func(r func(string) string, on func(string) bool) {
		in.Devices = append(in.Devices, views.TemplateDeviceRow{Key: r("key"), Name: r("name"), Attributes: r("attributes")})
	})
	return in, nil
}

// eachRow calls keep for every row of group that is not ticked for removal and has something
// typed in one of its text fields.
func eachRow(form url.Values, group string, text []string, keep func(get func(string) string, on func(string) bool)) {
	for i := range maxTemplateRows {
		prefix := group + "." + strconv.Itoa(i) + "."
		get := func(f string) string { return strings.TrimSpace(form.Get(prefix + f)) }
		on := func(f string) bool { return form.Get(prefix+f) != "" }
		if on("remove") {
			continue
		}
		for _, f := range text {
			if get(f) != "" {
				keep(get, on)
				break
			}
		}
	}
}

// templateFormOf is the form for in, with two blank rows of each kind to add to.
func templateFormOf(in templateInput, title, action string, errs views.FieldErrors, csrf string) views.TemplateForm {
	f := views.TemplateForm{Title: title, Action: action, Version: in.Version, Slug: in.Slug, Name: in.Name,
		Industry: in.Industry, Summary: in.Summary, Description: in.Description, Industries: ui.CategoryOptions(),
		Features:   append(in.Features, views.TemplateFeatureRow{DefaultOn: true}, views.TemplateFeatureRow{DefaultOn: true}),
		Parameters: append(in.Parameters, views.TemplateParameterRow{Kind: "text", Required: true}, views.TemplateParameterRow{Kind: "text", Required: true}),
		Devices:    append(in.Devices, views.TemplateDeviceRow{}, views.TemplateDeviceRow{}),
		Errors:     errs, CSRF: csrf}
	for _, k := range db.AllAppParameterKindValues() {
		f.Kinds = append(f.Kinds, views.Option{Value: string(k), Label: kindLabel(k)})
	}
	return f
}

// kindLabel is a parameter type as the form offers it.
func kindLabel(k db.AppParameterKind) string {
	switch k {
	case db.AppParameterKindNumber:
		return "Number"
	case db.AppParameterKindChoice:
		return "Choice"
	case db.AppParameterKindColour:
		return "Colour"
	case db.AppParameterKindBoolean:
		return "Yes or no"
	}
	return "Text"
}

// inputOf is the form's values for a stored template.
func inputOf(t db.AppTemplate, fs []db.AppTemplateFeature, ps []db.AppTemplateParameter, ds []db.AppTemplateDevice) templateInput {
	in := templateInput{Slug: t.Slug, Name: t.Name, Industry: string(t.Industry), Summary: t.Summary, Description: t.Description, Version: t.Version}
	for _, f := range fs {
		in.Features = append(in.Features, views.TemplateFeatureRow{Key: f.Key, Name: f.Name, Description: f.Description, Required: f.Required, DefaultOn: f.DefaultOn})
	}
	for _, p := range ps {
		row := views.TemplateParameterRow{Key: p.Key, Label: p.Label, Kind: string(p.Kind), Default: p.DefaultValue,
			Choices: strings.Join(p.Choices, ", "), Help: p.Help, Required: p.Required}
		if p.Minimum != nil {
			row.Min = strconv.FormatFloat(*p.Minimum, 'f', -1, 64)
		}
		if p.Maximum != nil {
			row.Max = strconv.FormatFloat(*p.Maximum, 'f', -1, 64)
		}
		in.Parameters = append(in.Parameters, row)
	}
	for _, d := range ds {
		in.Devices = append(in.Devices, views.TemplateDeviceRow{Key: d.Key, Name: d.Name, Attributes: strings.Join(d.Attributes, ", ")})
	}
	return in
}
