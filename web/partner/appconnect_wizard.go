package partner

import (
	"errors"
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/appconnect"
	"partnerportal/web/ui"
)

// errNoSuchTemplate refuses a template the catalogue does not offer (a tampered form, or one
// retired since the page was read).
var errNoSuchTemplate = &ui.Error{Code: http.StatusUnprocessableEntity,
	Message: "That template is not in the catalogue: it may have been retired. Choose one of the templates on AppConnect."}

// HandleStartDraft starts the wizard with the template the form names: a draft with the
// template's defaults, then its first step.
func HandleStartDraft(pool *pgxpool.Pool, area *ui.Area) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		slug := strings.TrimSpace(c.FormValue("template"))
		if !ui.SlugPattern.MatchString(slug) {
			return errNoSuchTemplate
		}
		u, now := ui.UserFromContext(ctx), ui.When(c).Now
		var id int64
		err := appWrite(c, pool, area, func(q *db.Queries, _ int64) error {
			row, err := q.GetTemplateBySlug(ctx, slug)
			if errors.Is(err, pgx.ErrNoRows) || (err == nil && row.RetiredAt != nil) {
				return errNoSuchTemplate
			}
			if err != nil {
				return err
			}
			t, err := appconnect.LoadTemplate(ctx, q.Tx(), row.ID)
			if err != nil {
				return err
			}
			if id, err = q.CreateDraft(ctx, db.CreateDraftParams{CompanyID: *u.CompanyID, TemplateID: t.ID,
				Features: t.DefaultFeatures(), CreatedBy: &u.ID, Now: now}); err != nil {
				return err
			}
			return saveValues(c, q, id, t.DefaultValues())
		})
		if err != nil {
			return answerWrite(c, err)
		}
		return ui.Redirect(c, draftURL(id, appconnect.StepSetup))
	}
}

// saveValues stores a draft's parameter values.
func saveValues(c echo.Context, q *db.Queries, draft int64, values map[string]string) error {
	p := db.ReplaceDraftValuesParams{DraftID: draft, Keys: []string{}, Vals: []string{}}
	for _, k := range slices.Sorted(maps.Keys(values)) {
		p.Keys, p.Vals = append(p.Keys, k), append(p.Vals, values[k])
	}
	return q.ReplaceDraftValues(c.Request().Context(), p)
}

// HandleDraftStep is one step of the wizard, as the draft holds it.
func HandleDraftStep(pool *pgxpool.Pool, area *ui.Area, step string) echo.HandlerFunc {
	return func(c echo.Context) error {
		d, err := loadDraft(c, pool)
		if err != nil {
			return err
		}
		if to := openStep(d, step); to != "" && !d.applied() {
			return ui.Redirect(c, to)
		}
		u := ui.UserFromContext(c.Request().Context())
		p := wizardPage(c, area, d, step, nil)
		cfg := d.config()
		switch step {
		case appconnect.StepSetup:
			env := ""
			if e := d.row.AppDraft.Environment; e != nil {
				env = string(*e)
			}
			p.Setup = setupStep(d, u, d.row.AppDraft.Name, env)
		case appconnect.StepFeatures:
			p.Features = featureChoices(d.tpl, cfg.Features)
		case appconnect.StepParameters:
			values := d.tpl.DefaultValues()
			for k, v := range cfg.Values {
				values[k] = v
			}
			p.Parameters = parameterInputs(d.tpl, values)
		case appconnect.StepDevices:
			p.Devices = devicesStep(d, u, cfg.Devices)
		default:
			p.Review = reviewStep(d, u)
		}
		return ui.OK(c, p.Title, views.WizardView(p))
	}
}

// HandleDiscardDraft throws away a draft not deployed.
func HandleDiscardDraft(pool *pgxpool.Pool, area *ui.Area) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		id, err := ui.PathID(c, "draft")
		if err != nil {
			return err
		}
		var n int64
		err = appWrite(c, pool, area, func(q *db.Queries, _ int64) (err error) {
			n, err = q.DeleteDraft(ctx, db.DeleteDraftParams{ID: id, CompanyID: *ui.UserFromContext(ctx).CompanyID})
			return err
		})
		if err != nil {
			return answerWrite(c, err)
		}
		if n == 0 {
			return echo.ErrNotFound
		}
		return ui.FlashRedirect(c, "success", "The draft is discarded; nothing was deployed.", area.Path)
	}
}
