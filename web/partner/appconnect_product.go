package partner

import (
	"slices"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/web/audit"
	"partnerportal/web/ui"
)

// HandleDeploymentProduct makes a draft software product from a deployment, in the
// deployment's environment, prefilled from its template, and links the two. The product's
// plan must be usable, as for any new product.
func HandleDeploymentProduct(pool *pgxpool.Pool, area *ui.Area) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx, w := c.Request().Context(), ui.When(c)
		var product int64
		var name string
		var planRefusal *ui.Governing
		err := deploymentWrite(c, pool, area, func(q *db.Queries, dep db.AppDeployment, serviceID int64) error {
			name = dep.Name
			if dep.ProductID != nil {
				product = *dep.ProductID
				return nil
			}
			plan := productPlan{db.ModuleKeySoftware, dep.Environment}
			acc, err := lockedPlanAccess(ctx, q, dep.CompanyID, plan, w.Today)
			if err != nil {
				return err
			}
			if acc.State.Hidden() {
				return conflict("A product needs a " + strings.ToLower(dep.Environment.Label()) + " software plan, which your company does not hold.")
			}
			if !acc.State.CanUse() {
				planRefusal = &ui.Governing{Access: acc, Name: plan.name(), Back: deploymentURL(dep.ID)}
				return &ui.Refusal{Governing: *planRefusal}
			}
			t, err := q.GetTemplate(ctx, dep.TemplateID)
			if err != nil {
				return err
			}
			base := ui.Slugify(dep.Name)
			if base == "" {
				base = "solution"
			}
			taken, err := q.ListCompanySlugsLike(ctx, db.ListCompanySlugsLikeParams{CompanyID: dep.CompanyID, Base: base})
			if err != nil {
				return err
			}
			slug := base
			if slices.Contains(taken, base) {
				slug = ui.FreeSlug(base, taken)
			}
			cloud := db.SoftwareDeploymentCloud
			if product, err = q.CreateProduct(ctx, db.CreateProductParams{CompanyID: dep.CompanyID, Module: db.ModuleKeySoftware,
				Environment: dep.Environment, Name: dep.Name, Slug: slug, Summary: t.Summary,
				Description: clipText(t.Description+"\n\nRuns as the AppConnect deployment “"+dep.Name+"” ("+dep.Endpoint+").", 5000),
				Category:    t.Industry, Version: "Revision " + ui.Itoa(int64(dep.Revision)), Price: "0", Currency: "EUR",
				PricingModel: db.PricingModelMonthly, Status: db.ProductStatusDraft, Deployment: &cloud, Now: w.Now}); err != nil {
				return err
			}
			if err := q.SetDeploymentProduct(ctx, db.SetDeploymentProductParams{ID: dep.ID, ProductID: &product, Now: w.Now}); err != nil {
				return err
			}
			if err := logAction(c, q, dep, "Draft product “"+dep.Name+"” made from it."); err != nil {
				return err
			}
			return audit.Write(ctx, q, w.Now, deploymentEvent(c, serviceID, audit.ActionDeploymentProduct, dep.Name, nil,
				map[string]any{"product": dep.Name, "slug": slug, "environment": string(dep.Environment)}))
		})
		if err != nil {
			return answerWrite(c, err)
		}
		return ui.FlashRedirect(c, "success", "A draft product is made from “"+name+"”: set its price and description, then publish it.", "/products/"+ui.Itoa(product))
	}
}
