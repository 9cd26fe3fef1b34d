package views

// WizardPage is one step of deploying (or reconfiguring) a template: the steps as links, the
// step's form, and where Back goes. Exactly one of the step fields is set.
type WizardPage struct {
	Area AreaPage
	// Title is "Deploy Cold chain monitoring" or "Reconfigure “Riverside cold store”".
	Title string
	Steps []WizardStepLink
	// Step is the current step's key; Action is where its form posts, Back the step before.
	Step, Action, Back string
	// Applied says what the draft became once deployed; its forms are then disabled.
	Applied *WizardApplied
	// DiscardURL throws the draft away ("" once deployed).
	DiscardURL string
	ReadOnly   bool
	Errors     FieldErrors
	CSRF       string

	Setup      *SetupStep
	Features   []FeatureChoice
	Parameters []ParameterInput
	Devices    *DevicesStep
	Review     *ReviewStep
}

// WizardApplied is what a deployed draft became, and the way there.
type WizardApplied struct {
	Text, URL, Link string
}

// WizardStepLink is one step in the wizard's list of steps.
type WizardStepLink struct {
	Number      int
	Name, URL   string
	Current     bool
	Done        bool
	Unavailable bool
	// Note is "Skipped" for a step that does not apply.
	Note string
}

// SetupStep names the deployment and picks the environment it runs in.
type SetupStep struct {
	Name         string
	Environment  string
	Environments []EnvironmentChoice
	// Fixed shows name and environment as they are (a reconfiguration changes neither).
	Fixed bool
}

// EnvironmentChoice is an environment with whether the company's software plan can carry a
// deployment there, and why not.
type EnvironmentChoice struct {
	Value, Label string
	Badge        Badge
	// Plan says the plan's state in words; Why, when set, says why it cannot be chosen.
	Plan string
	Why  string
}

// FeatureChoice is a feature to switch on or off.
type FeatureChoice struct {
	Key, Name, Description string
	Required, On           bool
}

// ParameterInput is one parameter's field. Kind picks the control: text, number, choice,
// colour or boolean.
type ParameterInput struct {
	Field   string
	Label   string
	Kind    string
	Value   string
	Hint    string
	Choices []Option
	Max     string
}

// DevicesStep picks a device design for each device the template expects, or says why the
// step is skipped.
type DevicesStep struct {
	Skipped string
	Slots   []DeviceSlotChoice
	// DesignURL is where a new design is made ("" when ExpressConnect is read-only).
	DesignURL string
}

// DeviceSlotChoice is one expected device: the designs that match, and those that do not with
// what they lack.
type DeviceSlotChoice struct {
	Field, Name string
	Attributes  string
	Options     []Option
	Unmatched   []string
}

// ReviewStep is everything chosen, and what keeps it from being deployed.
type ReviewStep struct {
	Facts      []Fact
	Features   []string
	Parameters []Fact
	Devices    []Fact
	Problems   []ReviewProblem
	// Submit is the button's words: "Deploy" or "Apply as revision 3".
	Submit string
}

// ReviewProblem is something to mend first, and the step that mends it.
type ReviewProblem struct {
	Message, URL, Step string
}
