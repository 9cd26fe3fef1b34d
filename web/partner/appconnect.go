package partner

import (
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/appconnect"
	"partnerportal/web/ui"
)

// AppConnect: the template catalogue, the deploy wizard and the company's deployments. Every
// route is in the appconnect area, so the gate has already answered 404 when the module is
// hidden and refused writes when it is read-only; each handler finds drafts and deployments by
// the signed-in user's company only, and every write re-checks the module under its service's
// row lock (appWrite).

func appTemplateURL(slug string) string { return "/appconnect/templates/" + slug }
func draftURL(id int64, step string) string {
	return "/appconnect/drafts/" + ui.Itoa(id) + "/" + step
}
func deploymentURL(id int64) string { return "/appconnect/deployments/" + ui.Itoa(id) }

// HandleAppConnect is AppConnect's landing page: deployments, drafts, templates.
func HandleAppConnect(pool *pgxpool.Pool, area *ui.Area) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		company := *ui.UserFromContext(ctx).CompanyID
		var deployments []db.ListCompanyDeploymentsRow
		var drafts []db.ListCompanyOpenDraftsRow
		var templates []db.ListCatalogueTemplatesRow
		var b db.Batch
		db.Queue(&b, &deployments, (*db.Queries).ListCompanyDeployments, company)
		db.Queue(&b, &drafts, (*db.Queries).ListCompanyOpenDrafts, company)
		db.QueueNoArg(&b, &templates, (*db.Queries).ListCatalogueTemplates)
		if err := b.Send(ctx, pool); err != nil {
			return fmt.Errorf("appconnect: %w", err)
		}
		acc, loc := ui.AreaAccess(c), ui.When(c).Loc
		p := views.AppConnectPage{Area: ui.AreaPageOf(area, acc), ReadOnly: !acc.State.CanUse(), CSRF: ui.CSRFToken(c)}
		for _, d := range deployments {
			p.Deployments = append(p.Deployments, appconnect.Row(db.ListCompanyDeploymentsForStaffRow(d), deploymentURL(d.ID), loc))
		}
		for _, d := range drafts {
			name, step := d.Name, "Step "+ui.Itoa(int64(min(d.Reached+1, 5)))+" of 5"
			if name == "" {
				name = "Unnamed " + d.TemplateName
			}
			if d.DeploymentID != nil {
				step = "reconfiguration"
			}
			p.Drafts = append(p.Drafts, views.DraftRow{Name: name, URL: draftURL(d.ID, appconnect.WizardSteps[min(d.Reached, 4)].Key),
				Template: d.TemplateName, Step: step, Updated: ui.LongDate(d.UpdatedAt.In(loc))})
		}
		for _, t := range templates {
			p.Templates = append(p.Templates, views.TemplateCard{Slug: t.Slug, Name: t.Name, URL: appTemplateURL(t.Slug),
				Industry: t.Industry.Label(), Summary: t.Summary, Contents: appconnect.Contents(t.FeatureCount, t.ParameterCount, t.DeviceCount)})
		}
		return ui.OK(c, area.Name, views.AppConnectView(p))
	}
}

// HandleAppTemplate is a template's page: what it offers and asks, and Deploy.
func HandleAppTemplate(pool *pgxpool.Pool, area *ui.Area) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		slug := c.Param("tpl")
		if !ui.SlugPattern.MatchString(slug) {
			return echo.ErrNotFound
		}
		var t appconnect.Template
		var b db.Batch
		appconnect.QueueBySlug(&b, &t, slug)
		if _, err := ui.NotFoundIfNone(0, b.Send(ctx, pool)); err != nil {
			return err
		}
		if t.RetiredAt != nil {
			return echo.ErrNotFound
		}
		acc := ui.AreaAccess(c)
		p := views.AppTemplatePage{Area: ui.AreaPageOf(area, acc), Template: appconnect.View(t), ReadOnly: !acc.State.CanUse(), CSRF: ui.CSRFToken(c)}
		return ui.OK(c, t.Name, views.AppTemplatePageView(p))
	}
}

// joinWords lists words: "a", "a and b", "a, b and c".
func joinWords(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}
