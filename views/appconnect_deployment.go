package views

// DeploymentPage is one deployment: its state, the latest run's progress, the configuration of
// one revision, the history of revisions and the log. Staff read it without Actions.
type DeploymentPage struct {
	Area AreaPage
	// BackURL and BackLabel lead to the list it belongs to.
	BackURL, BackLabel string
	ID                 int64
	Name               string
	Status             Badge
	Facts              []Fact
	Progress           DeploymentProgress
	Config             RevisionConfig
	Revisions          []RevisionRow
	Log                []LogEntry
	// Actions is nil on staff pages.
	Actions     *DeploymentActions
	ManifestURL string
}

// DeploymentProgress is the latest run as a progress bar and its steps. While the run goes
// on, PollURL is asked for it again every second.
type DeploymentProgress struct {
	PollURL string
	// Title says what the run does or did: "Deploying revision 1", "Revision 2 is running".
	Title      string
	Value, Max int
	// Text is the bar in words: "2 of 5 steps done · Configure".
	Text    string
	Steps   []ProgressStep
	Failure string
	// RetryURL, when set, offers a retry of the failed run.
	RetryURL string
	ReadOnly bool
	CSRF     string
}

// ProgressStep is one step of a run; State is done, running, waiting or failed.
type ProgressStep struct {
	Name, State, Icon, Words string
}

// RevisionConfig is what one revision holds.
type RevisionConfig struct {
	Revision   int32
	Current    bool
	CurrentURL string
	Template   string
	Features   []string
	Parameters []Fact
	Devices    []Fact
}

// RevisionRow is one revision in the history: who made it, when, what it holds.
type RevisionRow struct {
	Number            int32
	URL               string
	When, Who, Note   string
	Contents          string
	Shown, Current    bool
	TemplateVersionOf string
}

// LogEntry is one line of a deployment's log.
type LogEntry struct {
	When, Text, Who string
	Failed          bool
}

// DeploymentActions are what the partner may do with a deployment now; Why says what holds
// the others back ("" when nothing does).
type DeploymentActions struct {
	StopURL, StartURL, ReconfigureURL, ProductURL, DeleteURL string
	// Product is the product made from it, once made.
	Product, ProductPageURL string
	Why                     string
	ReadOnly                bool
	CSRF                    string
}

// DeleteDeploymentPage asks to confirm a deletion by typing the deployment's name.
type DeleteDeploymentPage struct {
	Area       AreaPage
	Name       string
	Action     string
	CancelURL  string
	Typed      string
	Errors     FieldErrors
	ReadOnly   bool
	CSRF       string
	RunningNow bool
}
