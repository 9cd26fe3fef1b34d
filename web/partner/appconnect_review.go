package partner

import (
	"maps"
	"slices"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/appconnect"
	"partnerportal/web/ui"
)

// reviewStep is everything the draft holds, and what keeps it from being deployed.
func reviewStep(d *loadedDraft, u *ui.CurrentUser) *views.ReviewStep {
	cfg, dr := d.config(), d.row.AppDraft
	r := &views.ReviewStep{Submit: "Deploy", Problems: draftProblems(d, u)}
	if d.reconfiguring() {
		r.Submit = "Apply as revision " + ui.Itoa(int64(*d.row.DeploymentRevision+1))
	}
	env := "Not chosen yet"
	if dr.Environment != nil {
		env = dr.Environment.Label()
	}
	r.Facts = []views.Fact{{Label: "Template", Value: d.tpl.Name + " (version " + ui.Itoa(int64(d.tpl.Version)) + ")"},
		{Label: "Name", Value: or(dr.Name, "Not named yet")}, {Label: "Environment", Value: env}}
	for _, f := range d.tpl.Features {
		if slices.Contains(cfg.Features, f.Key) {
			r.Features = append(r.Features, f.Name)
		}
	}
	for _, p := range d.tpl.Parameters {
		r.Parameters = append(r.Parameters, views.Fact{Label: p.Label, Value: appconnect.ShowValue(p.Kind, cfg.Values[p.Key])})
	}
	if len(d.tpl.Devices) > 0 {
		skipped := d.skipped(u) != ""
		for _, slot := range d.tpl.Devices {
			v := "No design: any device that sends " + joinWords(slot.Attributes)
			if design, ok := d.matching(slot.Key, cfg.Devices[slot.Key]); ok && !skipped {
				v = design.Name + " (version " + ui.Itoa(int64(design.Version)) + ")"
			}
			r.Devices = append(r.Devices, views.Fact{Label: slot.Name, Value: v})
		}
	}
	return r
}

// draftProblems lists what keeps the draft from being deployed now, each with the step that
// mends it: an answer missing, the environment's plan not usable, the template retired or
// changed since, a design that no longer matches.
func draftProblems(d *loadedDraft, u *ui.CurrentUser) []views.ReviewProblem {
	var out []views.ReviewProblem
	add := func(step, msg string) {
		name := appconnect.WizardSteps[appconnect.StepNumber(step)-1].Name
		out = append(out, views.ReviewProblem{Message: msg, URL: draftURL(d.id(), step), Step: name})
	}
	dr := d.row.AppDraft
	if d.tpl.RetiredAt != nil && !d.reconfiguring() {
		out = append(out, views.ReviewProblem{Message: "“" + d.tpl.Name + "” was retired and can no longer be deployed.", URL: "/appconnect", Step: "the templates"})
	}
	if dr.Name == "" || dr.Environment == nil {
		add(appconnect.StepSetup, "Name the deployment and choose its environment.")
	} else if msg := appconnect.PlanProblem(*dr.Environment, u.Access.Plan(db.ModuleKeySoftware, *dr.Environment)); msg != "" {
		add(appconnect.StepSetup, msg)
	}
	if dr.Reached < 3 {
		add(appconnect.StepParameters, "Set the parameters.")
	}
	cfg := d.config()
	for _, p := range d.tpl.Check(cfg) {
		add(p.Step, p.Message)
	}
	if d.skipped(u) == "" {
		for _, slot := range slices.Sorted(maps.Keys(cfg.Devices)) {
			if _, ok := d.matching(slot, cfg.Devices[slot]); !ok && slices.ContainsFunc(d.tpl.Devices, func(t db.AppTemplateDevice) bool { return t.Key == slot }) {
				add(appconnect.StepDevices, "The design chosen for a device no longer has the attributes it needs: choose again.")
			}
		}
	}
	return out
}

// or is s, or otherwise when s is empty.
func or(s, otherwise string) string {
	if s == "" {
		return otherwise
	}
	return s
}
