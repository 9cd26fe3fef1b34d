package partner

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/go-playground/validator/v10"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/appconnect"
	"partnerportal/web/ui"
)

// setupForm is what the name and environment step posts.
type setupForm struct {
	Name        string `form:"name" validate:"required,max=80,plaintext"`
	Environment string `form:"environment" validate:"required,oneof=sandbox production"`
}

// HandleSaveDraftStep stores a step's answers and moves to the next step; answers with
// mistakes come back under their fields (422), in place for htmx. A form naming a feature,
// parameter or design the template does not have is refused with a message saying so.
func HandleSaveDraftStep(pool *pgxpool.Pool, area *ui.Area, v *validator.Validate, step string) echo.HandlerFunc {
	return func(c echo.Context) error {
		d, err := loadDraft(c, pool)
		if err != nil {
			return err
		}
		if d.applied() {
			return errDraftApplied
		}
		if to := openStep(d, step); to != "" {
			return ui.Redirect(c, to)
		}
		form, err := c.FormParams()
		if err != nil {
			return &ui.Error{Code: http.StatusBadRequest, Message: "The form could not be read.", Err: err}
		}
		s := stepSave{c: c, d: d, u: ui.UserFromContext(c.Request().Context()), form: form, v: v}
		page := wizardPage(c, area, d, step, nil)
		var save func(q *db.Queries) error
		switch step {
		case appconnect.StepSetup:
			save = s.setup(&page)
		case appconnect.StepFeatures:
			save = s.features(&page)
		case appconnect.StepParameters:
			save = s.parameters(&page)
		default:
			save = s.devices(&page)
		}
		if page.Errors != nil {
			return renderStep(c, http.StatusUnprocessableEntity, page)
		}
		err = appWrite(c, pool, area, func(q *db.Queries, _ int64) error { return save(q) })
		var fe ui.FormErrors
		if errors.As(err, &fe) {
			page.Errors = views.FieldErrors(fe)
			return renderStep(c, http.StatusUnprocessableEntity, page)
		}
		if err != nil {
			return answerWrite(c, err)
		}
		next := appconnect.WizardSteps[appconnect.StepNumber(step)].Key
		if next == appconnect.StepDevices && d.skipped(s.u) != "" {
			next = appconnect.StepReview
		}
		return ui.Redirect(c, draftURL(d.id(), next))
	}
}

// stepSave reads one step's form into the page (with its mistakes) and what stores it.
type stepSave struct {
	c    echo.Context
	d    *loadedDraft
	u    *ui.CurrentUser
	form url.Values
	v    *validator.Validate
}

func (s stepSave) setup(p *views.WizardPage) func(q *db.Queries) error {
	dr := s.d.row.AppDraft
	if s.d.reconfiguring() {
		return func(q *db.Queries) error { return s.reached(q, 1) }
	}
	f := setupForm{Name: strings.TrimSpace(s.form.Get("name")), Environment: s.form.Get("environment")}
	p.Setup = setupStep(s.d, s.u, f.Name, f.Environment)
	p.Errors = ui.ValidateForm(s.v, f)
	env := db.Environment(f.Environment)
	if p.Errors == nil {
		if msg := appconnect.PlanProblem(env, s.u.Access.Plan(db.ModuleKeySoftware, env)); msg != "" {
			p.Errors = ui.WithError(p.Errors, "environment", msg)
		}
	}
	ctx := s.c.Request().Context()
	return func(q *db.Queries) error {
		taken, err := q.DeploymentNameTaken(ctx, db.DeploymentNameTakenParams{CompanyID: dr.CompanyID, Name: f.Name})
		if err != nil {
			return err
		}
		if taken {
			return ui.FormErrors{"name": "Another of your deployments has this name."}
		}
		_, err = q.SaveDraftSetup(ctx, db.SaveDraftSetupParams{ID: dr.ID, CompanyID: dr.CompanyID, Name: f.Name, Environment: env, Now: ui.When(s.c).Now})
		return err
	}
}

func (s stepSave) features(p *views.WizardPage) func(q *db.Queries) error {
	on, msg := s.d.tpl.ChooseFeatures(s.form["features"])
	p.Features = featureChoices(s.d.tpl, on)
	if msg != "" {
		p.Features = featureChoices(s.d.tpl, s.d.config().Features)
		p.Errors = views.FieldErrors{"": msg}
	}
	dr := s.d.row.AppDraft
	return func(q *db.Queries) error {
		_, err := q.SaveDraftFeatures(s.c.Request().Context(), db.SaveDraftFeaturesParams{ID: dr.ID, CompanyID: dr.CompanyID, Features: on, Now: ui.When(s.c).Now})
		return err
	}
}

func (s stepSave) parameters(p *views.WizardPage) func(q *db.Queries) error {
	raw := map[string]string{}
	for k, vs := range s.form {
		key, ok := strings.CutPrefix(k, "p.")
		if !ok {
			continue
		}
		if !s.d.tpl.HasParameter(key) {
			p.Errors = views.FieldErrors{"": "The form sent a setting, " + appconnect.Quote(key) + ", that " + s.d.tpl.Name + " does not have. Reload the page and set the parameters listed."}
		}
		raw[key] = vs[0]
	}
	values, errs := s.d.tpl.CheckValues(raw)
	p.Parameters = parameterInputs(s.d.tpl, values)
	for k, msg := range errs {
		p.Errors = ui.WithError(p.Errors, parameterField(k), msg)
	}
	reached := int32(3)
	if s.d.skipped(s.u) != "" {
		reached = 4
	}
	return func(q *db.Queries) error {
		if err := saveValues(s.c, q, s.d.id(), values); err != nil {
			return err
		}
		return s.reached(q, reached)
	}
}
