package partner

import (
	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/appconnect"
	"partnerportal/web/ui"
)

// conn is what a draft is read from: the pool, or a transaction.
type conn interface {
	db.DBTX
	db.Batcher
}

// loadedDraft is a draft of the company with everything its steps show.
type loadedDraft struct {
	row     db.GetCompanyDraftRow
	tpl     appconnect.Template
	values  []db.ListDraftValuesRow
	devices []db.ListDraftDevicesRow
	matches []db.ListDesignMatchesRow
}

// loadDraft reads the company's draft :draft in two round trips; 404 when it has no such draft.
func loadDraft(c echo.Context, cn conn) (*loadedDraft, error) {
	ctx := c.Request().Context()
	id, err := ui.PathID(c, "draft")
	if err != nil {
		return nil, err
	}
	company := *ui.UserFromContext(ctx).CompanyID
	d := &loadedDraft{}
	if d.row, err = ui.NotFoundIfNone(db.New(cn).GetCompanyDraft(ctx, db.GetCompanyDraftParams{ID: id, CompanyID: company})); err != nil {
		return nil, err
	}
	if d.row.DeploymentDeletedAt != nil {
		return nil, echo.ErrNotFound // it reconfigured a deployment deleted since
	}
	d.tpl.AppTemplate = d.row.AppTemplate
	var b db.Batch
	appconnect.QueueParts(&b, &d.tpl, d.tpl.ID)
	db.Queue(&b, &d.values, (*db.Queries).ListDraftValues, db.ListDraftValuesParams{DraftID: id, CompanyID: company})
	db.Queue(&b, &d.devices, (*db.Queries).ListDraftDevices, db.ListDraftDevicesParams{DraftID: id, CompanyID: company})
	db.Queue(&b, &d.matches, (*db.Queries).ListDesignMatches, db.ListDesignMatchesParams{TemplateID: d.tpl.ID, CompanyID: company})
	return d, b.Send(ctx, cn)
}

func (d *loadedDraft) id() int64           { return d.row.AppDraft.ID }
func (d *loadedDraft) reached() int32      { return d.row.AppDraft.Reached }
func (d *loadedDraft) applied() bool       { return d.row.AppDraft.AppliedAt != nil }
func (d *loadedDraft) reconfiguring() bool { return d.row.AppDraft.DeploymentID != nil }

// config is what the draft holds so far.
func (d *loadedDraft) config() appconnect.Config {
	cfg := appconnect.Config{Features: d.row.AppDraft.Features, Values: map[string]string{}, Devices: map[string]int64{}}
	for _, v := range d.values {
		cfg.Values[v.Key] = v.Value
	}
	for _, v := range d.devices {
		cfg.Devices[v.Slot] = v.DesignID
	}
	return cfg
}

// skipped says why the devices step does not apply ("" when it does): the template expects
// no devices, or the company does not hold ExpressConnect.
func (d *loadedDraft) skipped(u *ui.CurrentUser) string {
	switch {
	case len(d.tpl.Devices) == 0:
		return "This template expects no particular devices: nothing to choose here."
	case u.Access.Module(db.ModuleKeyExpressconnect).State.Hidden():
		return "Skipped: matching device designs needs ExpressConnect, which your company does not hold. The solution works with any device that sends the attributes it needs."
	}
	return ""
}

// wizardPage is the frame of step for the draft: the steps, Back, the state.
func wizardPage(c echo.Context, area *ui.Area, d *loadedDraft, step string, errs views.FieldErrors) views.WizardPage {
	u, acc := ui.UserFromContext(c.Request().Context()), ui.AreaAccess(c)
	p := views.WizardPage{Area: ui.AreaPageOf(area, acc), Title: "Deploy " + d.tpl.Name, Step: step,
		Action: draftURL(d.id(), step), ReadOnly: !acc.State.CanUse(), Errors: errs, CSRF: ui.CSRFToken(c)}
	if d.reconfiguring() {
		p.Title = "Reconfigure “" + d.row.DeploymentName + "”"
	}
	skipped := d.skipped(u) != ""
	current := appconnect.StepNumber(step)
	for i, s := range appconnect.WizardSteps {
		n := int32(i + 1)
		link := views.WizardStepLink{Number: i + 1, Name: s.Name, URL: draftURL(d.id(), s.Key), Current: s.Key == step,
			Done: n <= d.reached(), Unavailable: n > d.reached()+1}
		if s.Key == appconnect.StepDevices && skipped {
			link.Note = "Skipped"
		}
		p.Steps = append(p.Steps, link)
	}
	if current > 1 {
		back := appconnect.WizardSteps[current-2].Key
		if back == appconnect.StepDevices && skipped {
			back = appconnect.StepParameters
		}
		p.Back = draftURL(d.id(), back)
	}
	if step == appconnect.StepReview {
		p.Action = draftURL(d.id(), "deploy")
	}
	if d.applied() {
		dr := d.row.AppDraft
		p.Applied = &views.WizardApplied{
			Text: "This was deployed as revision " + ui.Itoa(int64(*dr.AppliedRevision)) + " on " + ui.When(c).Date(*dr.AppliedAt) + ".",
			URL:  deploymentURL(*dr.AppliedDeploymentID), Link: "See the deployment"}
	} else {
		p.DiscardURL = draftURL(d.id(), "discard")
	}
	return p
}

// openStep is where a request for step goes when the draft has not reached it: the first
// step not answered yet ("" when step is open).
func openStep(d *loadedDraft, step string) string {
	if n := appconnect.StepNumber(step); int32(n) > d.reached()+1 {
		return draftURL(d.id(), appconnect.WizardSteps[d.reached()].Key)
	}
	return ""
}

// renderStep answers with the step: an htmx post gets its form alone, to put back in place.
func renderStep(c echo.Context, status int, p views.WizardPage) error {
	var content templ.Component = views.WizardView(p)
	if ui.IsHTMX(c) {
		return ui.RenderFragment(c, status, views.WizardForm(p))
	}
	return ui.Render(c, status, p.Title, content)
}
