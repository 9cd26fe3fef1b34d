package appconnect

import "partnerportal/db"

// The wizard's steps after the template is picked, each at its own address
// (/appconnect/drafts/:draft/<step>). A draft's reached counts the steps answered, so a step's
// number is the reached a draft needs to open it plus one.
const (
	StepSetup      = "setup"
	StepFeatures   = "features"
	StepParameters = "parameters"
	StepDevices    = "devices"
	StepReview     = "review"
)

// WizardSteps are the wizard's steps in order, with their names.
var WizardSteps = []struct{ Key, Name string }{
	{StepSetup, "Name and environment"},
	{StepFeatures, "Features"},
	{StepParameters, "Parameters"},
	{StepDevices, "Device designs"},
	{StepReview, "Review"},
}

// StepNumber is a wizard step's place, from 1; 0 for a key that is no step.
func StepNumber(key string) int {
	for i, s := range WizardSteps {
		if s.Key == key {
			return i + 1
		}
	}
	return 0
}

// The steps of a run, in the order a deploy takes them.
const (
	RunValidate  = "validate"
	RunAllocate  = "allocate"
	RunConfigure = "configure"
	RunSeed      = "seed"
	RunStart     = "start"
)

// RunSteps are the steps a run of kind takes: a deploy every one, a reconfiguration only those
// that apply a new configuration to what is already there.
func RunSteps(kind db.AppRunKind) []string {
	if kind == db.AppRunKindReconfigure {
		return []string{RunValidate, RunConfigure, RunStart}
	}
	return []string{RunValidate, RunAllocate, RunConfigure, RunSeed, RunStart}
}

// RunStepName is a run step as the progress bar and the log name it.
func RunStepName(step string) string {
	switch step {
	case RunValidate:
		return "Validate"
	case RunAllocate:
		return "Allocate"
	case RunConfigure:
		return "Configure"
	case RunSeed:
		return "Seed sample data"
	case RunStart:
		return "Start"
	}
	return step
}

// Label is a deployment's status as pages show it.
func Label(s db.AppDeploymentStatus) string {
	switch s {
	case db.AppDeploymentStatusDeploying:
		return "Deploying"
	case db.AppDeploymentStatusRunning:
		return "Running"
	case db.AppDeploymentStatusStopped:
		return "Stopped"
	}
	return "Failed"
}
