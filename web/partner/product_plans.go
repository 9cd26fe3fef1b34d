package partner

import (
	"fmt"
	"partnerportal/web/ui"
	"strings"

	"partnerportal/db"
	"partnerportal/views"
)

// productPlan is one plan products can belong to: a metered module in an environment.
type productPlan struct {
	Module db.ModuleKey
	Env    db.Environment
}

// productPlans are every plan a product can be in, in the order pages list them.
var productPlans = []productPlan{
	{db.ModuleKeySoftware, db.EnvironmentProduction},
	{db.ModuleKeySoftware, db.EnvironmentSandbox},
	{db.ModuleKeyHardware, db.EnvironmentProduction},
	{db.ModuleKeyHardware, db.EnvironmentSandbox},
}

// key is the plan as company_access names it, and as the product form posts it.
func (p productPlan) key() string { return string(p.Module) + ":" + string(p.Env) }

// label names the plan by what it holds: "Software solutions · Production".
func (p productPlan) label() string {
	return db.ProductKind(p.Module) + "s · " + p.Env.Label()
}

// name is how read-only messages name the plan: "The production software plan".
func (p productPlan) name() string {
	return fmt.Sprintf("The %s %s plan", p.Env, p.Module)
}

// planByKey finds the plan of a form's "software:production"; false for anything else.
func planByKey(key string) (productPlan, bool) {
	for _, p := range productPlans {
		if p.key() == key {
			return p, true
		}
	}
	return productPlan{}, false
}

// planChips are the company's visible product plans with their states, for the list's header.
func planChips(a ui.Access) []views.PlanChip {
	var out []views.PlanChip
	for _, p := range productPlans {
		if acc := a.Plan(p.Module, p.Env); acc.State.CanView() {
			out = append(out, views.PlanChip{Label: p.label(), Badge: ui.StateBadge(acc.State)})
		}
	}
	return out
}

// readOnlyPlansBanner is one banner for every read-only product plan, nil when none is: one
// plan's full reason, or a short one per plan, and a renewal link to the first.
func readOnlyPlansBanner(a ui.Access) *views.ReadOnlyBanner {
	var first *views.ReadOnlyBanner
	var reasons []string
	usable := false
	for _, p := range productPlans {
		acc := a.Plan(p.Module, p.Env)
		usable = usable || acc.State.CanUse()
		b := ui.BannerFor(p.name(), acc)
		if b == nil {
			continue
		}
		if first == nil {
			first = b
		}
		reason := "quota used up"
		if acc.ReadOnlySince != nil {
			reason = "since " + ui.LongDate(*acc.ReadOnlySince)
		}
		reasons = append(reasons, fmt.Sprintf("%s %s (%s)", p.Env, p.Module, reason))
	}
	if first == nil {
		return nil
	}
	if len(reasons) > 1 {
		first.Text = "These plans are read-only: " + strings.Join(reasons, ", ") +
			". You can see their products but change nothing. Request a renewal to use them again."
	}
	first.Title = "My Products is read-only"
	if usable {
		first.Title = "Some of your products are read-only"
	}
	return first
}

// planState says in words where a plan stands, for a product page.
func planState(acc ui.ModuleAccess) string {
	var f ui.StateFacts
	if acc.ValidUntil != nil {
		f.ValidUntil = acc.ValidUntil
	}
	if acc.ReadOnlySince != nil {
		f.ExpiredFrom = acc.ReadOnlySince
	}
	return ui.PlanLine(acc.State, f)
}
