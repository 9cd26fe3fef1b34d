package partner

import (
	"slices"
	"strings"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/appconnect"
	"partnerportal/web/ui"
)

// What each wizard step shows, from the draft and (after a post with mistakes) what was typed.

// setupStep is the name and environment step.
func setupStep(d *loadedDraft, u *ui.CurrentUser, name, env string) *views.SetupStep {
	s := &views.SetupStep{Name: name, Environment: env, Fixed: d.reconfiguring()}
	if s.Fixed {
		s.Environment = d.row.AppDraft.Environment.Label()
		return s
	}
	for _, e := range db.AllEnvironmentValues() {
		acc := u.Access.Plan(db.ModuleKeySoftware, e)
		s.Environments = append(s.Environments, views.EnvironmentChoice{Value: string(e), Label: e.Label(),
			Badge: ui.StateBadge(acc.State), Plan: "Software products · " + e.Label() + " plan: " + strings.ToLower(ui.StateLabel(acc.State)),
			Why: appconnect.PlanProblem(e, acc)})
	}
	return s
}

// featureChoices is the features step with on switched on.
func featureChoices(t appconnect.Template, on []string) []views.FeatureChoice {
	var out []views.FeatureChoice
	for _, f := range t.Features {
		out = append(out, views.FeatureChoice{Key: f.Key, Name: f.Name, Description: f.Description, Required: f.Required,
			On: f.Required || slices.Contains(on, f.Key)})
	}
	return out
}

// parameterField is a parameter's form field.
func parameterField(key string) string { return "p." + key }

// parameterInputs is the parameters step with values.
func parameterInputs(t appconnect.Template, values map[string]string) []views.ParameterInput {
	var out []views.ParameterInput
	for _, p := range t.Parameters {
		in := views.ParameterInput{Field: parameterField(p.Key), Label: p.Label, Kind: string(p.Kind), Value: values[p.Key], Max: "200"}
		hint := []string{}
		if p.Help != "" {
			hint = append(hint, p.Help)
		}
		if l := appconnect.Limits(p); l != "" {
			hint = append(hint, l)
		}
		if !p.Required && p.Kind != db.AppParameterKindBoolean {
			hint = append(hint, "Optional.")
		}
		in.Hint = strings.Join(hint, " ")
		if p.Kind == db.AppParameterKindText && p.Maximum != nil {
			in.Max = appconnect.Number(*p.Maximum)
		}
		if p.Kind == db.AppParameterKindChoice {
			if !p.Required {
				in.Choices = append(in.Choices, views.Option{Value: "", Label: "—"})
			}
			for _, ch := range p.Choices {
				in.Choices = append(in.Choices, views.Option{Value: ch, Label: ch})
			}
		}
		out = append(out, in)
	}
	return out
}

// deviceField is an expected device's form field.
func deviceField(slot string) string { return "d." + slot }

// devicesStep is the device designs step with chosen picked, or why it is skipped.
func devicesStep(d *loadedDraft, u *ui.CurrentUser, chosen map[string]int64) *views.DevicesStep {
	s := &views.DevicesStep{Skipped: d.skipped(u)}
	if s.Skipped != "" {
		return s
	}
	if u.Access.Module(db.ModuleKeyExpressconnect).State.CanUse() {
		s.DesignURL = "/expressconnect/designs/new"
	}
	for _, slot := range d.tpl.Devices {
		c := views.DeviceSlotChoice{Field: deviceField(slot.Key), Name: slot.Name, Attributes: joinWords(slot.Attributes),
			Options: []views.Option{{Value: "", Label: "No design: any device that sends these attributes", Selected: chosen[slot.Key] == 0}}}
		for _, m := range d.matches {
			if m.Slot != slot.Key {
				continue
			}
			if len(m.Missing) == 0 {
				c.Options = append(c.Options, views.Option{Value: ui.Itoa(m.DesignID), Label: m.DesignName + " (version " + ui.Itoa(int64(m.DesignVersion)) + ")",
					Selected: chosen[slot.Key] == m.DesignID})
			} else {
				slices.Sort(m.Missing)
				c.Unmatched = append(c.Unmatched, m.DesignName+" does not match: it has no "+joinWords(m.Missing)+".")
			}
		}
		if len(c.Options) == 1 && len(c.Unmatched) == 0 {
			c.Unmatched = []string{"You have no device designs yet."}
		}
		s.Slots = append(s.Slots, c)
	}
	return s
}

// matching is the design of the company's that matches slot with id, if there is one.
func (d *loadedDraft) matching(slot string, id int64) (appconnect.Design, bool) {
	for _, m := range d.matches {
		if m.Slot == slot && m.DesignID == id && len(m.Missing) == 0 {
			return appconnect.Design{ID: m.DesignID, Name: m.DesignName, Version: m.DesignVersion}, true
		}
	}
	return appconnect.Design{}, false
}
