package views

// AdminTemplatesPage is AppConnect's template catalogue as admins curate it.
type AdminTemplatesPage struct {
	Templates []AdminTemplateRow
	CSRF      string
}

// AdminTemplateRow is one template in the admins' list.
type AdminTemplateRow struct {
	Name, URL, EditURL string
	Industry           string
	// Contents counts what it offers: "5 features · 6 parameters · 2 devices".
	Contents    string
	Version     string
	Updated     string
	Deployments string
	Status      Badge
	// RetireURL retires it, or brings it back when Retired.
	RetireURL string
	Retired   bool
}

// TemplateForm creates or edits a template: its header, then rows of features, parameters and
// expected devices. Blank rows add nothing; ticked Remove boxes take a row out.
type TemplateForm struct {
	Title  string
	Action string
	// Version is the template's version the form was read at (0 for a new one).
	Version     int32
	Slug        string
	Name        string
	Industry    string
	Summary     string
	Description string
	Industries  []Option
	Kinds       []Option
	Features    []TemplateFeatureRow
	Parameters  []TemplateParameterRow
	Devices     []TemplateDeviceRow
	// Retired says since when the template is out of the catalogue ("" when it is in).
	Retired string
	Errors  FieldErrors
	CSRF    string
}

// TemplateFeatureRow is one feature's fields.
type TemplateFeatureRow struct {
	Key, Name, Description string
	Required, DefaultOn    bool
}

// TemplateParameterRow is one parameter's fields; Min and Max are a number's range or a text's
// length, Choices a choice's options separated by commas.
type TemplateParameterRow struct {
	Key, Label, Kind, Default, Min, Max, Choices, Help string
	Required                                           bool
}

// TemplateDeviceRow is one expected device: its attribute names separated by commas.
type TemplateDeviceRow struct {
	Key, Name, Attributes string
}

// AdminDeploymentsPage is a partner company's AppConnect deployments, read-only.
type AdminDeploymentsPage struct {
	Company, CompanyURL string
	Deployments         []DeploymentRow
}
