package views

// DevLabPage is the DevLab console.
type DevLabPage struct {
	Area    AreaPage
	Console DevLabConsole
}

// DevLabConsole is the part of the console htmx replaces after each action.
type DevLabConsole struct {
	Plans []DevLabPlan
	// Modules are the plans a message or device can go to, as select options.
	Modules []Option
	Keys    []DevLabKey
	Devices []DevLabDevice
	Log     []DevLabReport
	// Outcome says what the last action did; OutcomeKind is success, error or info.
	Outcome     string
	OutcomeKind string
	Form        DevLabForm
	// ReadOnly renders every control disabled (DevLab itself is read-only).
	ReadOnly bool
	// Disabled says why the send and register forms are disabled, "" when they can be used.
	Disabled string
	CSRF     string
}

// DevLabForm is what was typed in the console's forms, with errors.
type DevLabForm struct {
	Module     string
	Count      string
	DeviceName string
	Errors     FieldErrors
}

// DevLabPlan is one sandbox plan: its state and usage.
type DevLabPlan struct {
	Module  string
	Name    string
	Badge   Badge
	Summary string
	Usage   []UsageBar
}

// DevLabKey is a sandbox API key at a glance.
type DevLabKey struct {
	Name     string
	Prefix   string
	LastUsed string
}

// DevLabDevice is a registered test device.
type DevLabDevice struct {
	ID         int64
	Name       string
	Plan       string
	Registered string
	Removed    string
}

// DevLabReport is one line of the report log.
type DevLabReport struct {
	At       string
	Source   string
	Plan     string
	Metric   string
	Quantity string
	Result   Badge
	State    string
	Used     string
}
