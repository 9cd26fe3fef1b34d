package partner

import (
	"context"
	"errors"
	"fmt"
	"github.com/a-h/templ"
	"partnerportal/web/pictures"
	"partnerportal/web/ui"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

const productContextKey = "product"

// ProductGovernor governs the routes about one product (/products/:id…) by the product's own
// plan: the company's plan for its module and environment, as company_access computed it.
// The product is loaded here, with its consumers in the same round trip, so the page costs no
// further one; another company's product, or none, is not found.
func ProductGovernor(pool *pgxpool.Pool) ui.Governor {
	return func(c echo.Context, u *ui.CurrentUser) (ui.Governing, error) {
		id, err := strconv.ParseInt(c.Param("id"), 10, 64)
		if err != nil {
			return ui.Governing{}, echo.ErrNotFound
		}
		var data loadedProduct
		var b db.Batch
		db.Queue(&b, &data.product, (*db.Queries).GetCompanyProduct, db.GetCompanyProductParams{ID: id, CompanyID: *u.CompanyID})
		db.Queue(&b, &data.purchases, (*db.Queries).ListProductPurchases, db.ListProductPurchasesParams{ID: id, CompanyID: *u.CompanyID})
		db.Queue(&b, &data.releases, (*db.Queries).ListPurchaseEventsOfProduct, db.ListPurchaseEventsOfProductParams{ProductID: id, CompanyID: *u.CompanyID})
		// the product's pictures; shown only once the product above is found to be the company's
		db.Queue(&b, &data.pictures, (*db.Queries).ListPictureRenditions, db.ListPictureRenditionsParams{ProductIds: []int64{id}})
		err = b.Send(c.Request().Context(), pool)
		if errors.Is(err, pgx.ErrNoRows) {
			return ui.Governing{}, echo.ErrNotFound
		}
		if err != nil {
			return ui.Governing{}, err
		}
		c.Set(productContextKey, &data)
		p := &data.product
		return productGoverning(p, u.Access.Plan(p.Module, p.Environment)), nil
	}
}

// productGoverning is product p under its plan's access acc, named as refusals name it.
func productGoverning(p *db.GetCompanyProductRow, acc ui.ModuleAccess) ui.Governing {
	return ui.Governing{Access: acc, Name: productPlan{p.Module, p.Environment}.name(), Back: "/products/" + ui.Itoa(p.ID)}
}

// lockedPlanAccess locks the company's service for plan and reads the plan's access after the
// lock. The gate decided by the request's snapshot; a deactivation committed since then is
// seen here, and one not yet committed waits for the caller's transaction.
func lockedPlanAccess(ctx context.Context, q *db.Queries, companyID int64, plan productPlan, today time.Time) (ui.ModuleAccess, error) {
	if err := q.LockProductPlan(ctx, db.LockProductPlanParams{CompanyID: companyID, Module: plan.Module, Environment: plan.Env}); err != nil {
		return ui.ModuleAccess{}, err
	}
	return moduleAccess(ctx, q, companyID, plan.Module, &plan.Env, today)
}

// moduleAccess is the access of module (of its env plan, when env is given) as the single
// state rule computes it today.
func moduleAccess(ctx context.Context, q *db.Queries, companyID int64, module db.ModuleKey, env *db.Environment, today time.Time) (ui.ModuleAccess, error) {
	row, err := q.GetCompanyModuleState(ctx, db.GetCompanyModuleStateParams{CompanyID: companyID, Module: module, Environment: env, Today: today})
	if err != nil {
		return ui.ModuleAccess{}, fmt.Errorf("read the state of %s: %w", module, err)
	}
	return ui.AccessOf(row), nil
}

// writeProduct runs write in one transaction with product p's plan locked and re-checked: a
// plan that can no longer be used refuses the write (a ui.Refusal) and nothing is changed.
func writeProduct(c echo.Context, pool *pgxpool.Pool, p *db.GetCompanyProductRow, write func(q *db.Queries) error) error {
	ctx := c.Request().Context()
	return db.Transact(ctx, pool, func(q *db.Queries) error {
		acc, err := lockedPlanAccess(ctx, q, p.CompanyID, productPlan{p.Module, p.Environment}, ui.When(c).Today)
		if err != nil {
			return err
		}
		if err := firstRefusal(productGoverning(p, acc)); err != nil {
			return err
		}
		return write(q)
	})
}

// firstRefusal refuses a write unless every access in gs can be used; nil when all can. A
// hidden one is named before a read-only one: what is hidden answers 404 whatever else holds,
// so a refusal never tells of something the partner cannot see.
func firstRefusal(gs ...ui.Governing) error {
	for _, g := range gs {
		if g.Access.State.Hidden() {
			return &ui.Refusal{Governing: g}
		}
	}
	for _, g := range gs {
		if !g.Access.State.CanUse() {
			return &ui.Refusal{Governing: g}
		}
	}
	return nil
}

// refused is the refusal err carries, if it is one.
func refused(err error) (ui.Governing, bool) {
	var r *ui.Refusal
	if errors.As(err, &r) {
		return r.Governing, true
	}
	return ui.Governing{}, false
}

// loadedProduct is what the governor loads for a product's routes.
type loadedProduct struct {
	product   db.GetCompanyProductRow
	purchases []db.ListProductPurchasesRow
	releases  []db.ListPurchaseEventsOfProductRow
	pictures  []db.ListPictureRenditionsRow
}

// productFrom is the product the governor loaded for the request.
func productFrom(c echo.Context) *db.GetCompanyProductRow {
	return &c.Get(productContextKey).(*loadedProduct).product
}

// purchasesFrom is the product's latest purchases, as the governor loaded them.
func purchasesFrom(c echo.Context) []db.ListProductPurchasesRow {
	return c.Get(productContextKey).(*loadedProduct).purchases
}

// releasesFrom is the releases and restorations of the product's purchases.
func releasesFrom(c echo.Context) []db.ListPurchaseEventsOfProductRow {
	return c.Get(productContextKey).(*loadedProduct).releases
}

// HandleProduct is a product's page: its details, pictures, its plan's state and its consumers.
func HandleProduct(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		page, err := productPageOf(c, pool)
		if err != nil {
			return err
		}
		return ui.OK(c, page.Name, productView(page))
	}
}

// productPageOf builds the page of the product the governor loaded.
func productPageOf(c echo.Context, pool *pgxpool.Pool) (views.ProductPage, error) {
	p := productFrom(c)
	purchases := purchasesFrom(c)
	acc := ui.AreaAccess(c)
	plan := productPlan{p.Module, p.Environment}
	consumers := 0 // every purchase row carries how many there are in all
	if len(purchases) > 0 {
		consumers = int(purchases[0].Total)
	}
	page := views.ProductPage{
		ID: p.ID, Name: p.Name, Kind: db.ProductKind(p.Module), Environment: p.Environment.Label(),
		Status:  productBadge(p.Status, p.ArchivedAt != nil),
		Banner:  ui.BannerFor(plan.name(), acc),
		CanEdit: acc.State.CanUse() && p.ArchivedAt == nil,
		Price:   ui.Money(p.Price, p.Currency), Period: ui.PricePeriod(p.PricingModel),
		Summary: p.Summary, Description: ui.Paragraphs(p.Description),
		Facts:         productFacts(p, ui.When(c).Loc),
		Plan:          views.PlanInfo{Label: plan.label(), Badge: ui.StateBadge(acc.State), Text: planState(acc)},
		ConsumerCount: consumers,
		CSRF:          ui.CSRFToken(c),
	}
	page.NoConsumers = noConsumers(p, acc.State)
	if p.AppDeploymentID != 0 && ui.UserFromContext(c.Request().Context()).Access.Module(db.ModuleKeyAppconnect).State.CanView() {
		page.Source = &views.ProductSource{Name: p.AppDeploymentName, URL: deploymentURL(p.AppDeploymentID)}
	}
	page.Publish = views.Option{Value: string(db.ProductStatusPublished), Label: "Publish"}
	if p.Status == db.ProductStatusPublished {
		page.Publish = views.Option{Value: string(db.ProductStatusDraft), Label: "Back to draft"}
	}
	if p.ArchivedAt != nil {
		page.Archived = "Archived on " + ui.LongDate(p.ArchivedAt.In(ui.When(c).Loc)) + ". It no longer appears in your product list and cannot be changed."
	}
	for _, pu := range purchases {
		page.Consumers = append(page.Consumers, consumerRow(pu, acc, ui.When(c).Loc))
	}
	for _, e := range releasesFrom(c) {
		page.Releases = append(page.Releases, ui.PurchaseEvent(ui.YourPlan, e.Kind, e.PlanState, e.ReadOnlySince, e.RecordedAt, ui.When(c).Loc, e.ConsumerName))
	}
	if len(purchases) < page.ConsumerCount {
		page.ConsumerNote = fmt.Sprintf("The %d most recent of %s purchases.", len(purchases), ui.Count(int64(page.ConsumerCount)))
	}
	ps := pictures.Of(c.Get(productContextKey).(*loadedProduct).pictures, p.ID, p.Name)
	page.Pictures = views.PictureSet{ProductID: p.ID, Pictures: ps, ReadOnly: !acc.State.CanUse() || p.ArchivedAt != nil,
		Full: len(ps) >= pictures.MaxPerProduct, CSRF: page.CSRF}
	page.Pictures.CanUpload = !page.Pictures.ReadOnly && !page.Pictures.Full && p.ArchivedAt == nil
	return page, nil
}

// productView is the product page's body.
func productView(page views.ProductPage) templ.Component { return views.ProductView(page) }

// consumerRow is a purchase with whether its consumer can use the product (PurchaseAccess).
func consumerRow(pu db.ListProductPurchasesRow, acc ui.ModuleAccess, loc *time.Location) views.ConsumerRow {
	row := views.ConsumerRow{Name: pu.ConsumerName, Email: pu.ConsumerEmail,
		PurchasedOn: ui.LongDate(pu.PurchasedAt.In(loc)),
		Paid:        paid(pu.Price, pu.Currency, pu.PricingModel, pu.Quantity)}
	var since *time.Time
	if acc.ReadOnlySince != nil {
		since = acc.ReadOnlySince
	}
	row.Access, row.AccessText = ui.PurchaseAccess(acc.State, since)
	return row
}

// paid is what a purchase cost: the unit price with its period, and how many were bought.
func paid(price, currency string, model db.PricingModel, quantity int32) string {
	s := strings.TrimSpace(ui.Money(price, currency) + " " + ui.PricePeriod(model))
	if quantity > 1 {
		s += " × " + strconv.Itoa(int(quantity))
	}
	return s
}

func productFacts(p *db.GetCompanyProductRow, loc *time.Location) []views.Fact {
	facts := append([]views.Fact{{Label: "Slug", Value: p.Slug}},
		ui.ProductSpecs(p.Category, p.PricingModel, p.Version, p.ModelNumber, p.Connectivity, p.Deployment)...)
	return append(facts,
		views.Fact{Label: "Created", Value: ui.LongDate(p.CreatedAt.In(loc))},
		views.Fact{Label: "Last changed", Value: ui.LongDate(p.UpdatedAt.In(loc))})
}

// refuseArchived answers a change to an archived product: it stays as it was.
func refuseArchived(c echo.Context, p *db.GetCompanyProductRow) error {
	return ui.FlashRedirect(c, "error", "“"+p.Name+"” is archived and can no longer be changed.", "/products/"+ui.Itoa(p.ID))
}

// HandleSetProductStatus publishes a product or takes it back to draft.
func HandleSetProductStatus(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		p := productFrom(c)
		status := db.ProductStatus(c.FormValue("status"))
		if !status.Valid() {
			return &ui.Error{Code: 400, Message: "Choose draft or published."}
		}
		var n int64
		err := writeProduct(c, pool, p, func(q *db.Queries) (err error) {
			n, err = q.SetProductStatus(ctx, db.SetProductStatusParams{Status: status, Now: ui.When(c).Now, ID: p.ID, CompanyID: p.CompanyID})
			return err
		})
		if g, ok := refused(err); ok {
			return ui.Refuse(c, g)
		}
		if err != nil {
			return err
		}
		if n == 0 {
			return refuseArchived(c, p)
		}
		msg := "“" + p.Name + "” is published."
		if status == db.ProductStatusDraft {
			msg = "“" + p.Name + "” is back to draft."
		}
		return ui.FlashRedirect(c, "success", msg, "/products/"+ui.Itoa(p.ID))
	}
}

// HandleArchiveProduct takes a product out of the lists; purchases and history keep it.
func HandleArchiveProduct(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		p := productFrom(c)
		var n int64
		err := writeProduct(c, pool, p, func(q *db.Queries) (err error) {
			n, err = q.ArchiveProduct(ctx, db.ArchiveProductParams{Now: ui.When(c).Now, ID: p.ID, CompanyID: p.CompanyID})
			return err
		})
		if g, ok := refused(err); ok {
			return ui.Refuse(c, g)
		}
		if err != nil {
			return err
		}
		if n == 0 {
			return refuseArchived(c, p)
		}
		return ui.FlashRedirect(c, "success", "“"+p.Name+"” is archived. Its consumers keep their purchases; the Archived filter still finds it.", "/products")
	}
}

// noConsumers says why nobody has bought a product yet, and what would change it, as things
// stand: a read-only plan or an archived product cannot be sold whatever the partner does.
func noConsumers(p *db.GetCompanyProductRow, state db.ServiceState) string {
	none := "Nobody has bought " + p.Name + " yet. "
	switch {
	case p.ArchivedAt != nil:
		return none + "It is archived, so it is not offered to anyone."
	case state.ReadOnly():
		return none + "While its plan is read-only it cannot be bought; once the plan is renewed, consumers can buy it again."
	case p.Environment != db.EnvironmentProduction:
		return none + "It is a sandbox product: only production products can be listed in the Solutions Hub."
	case p.Status != db.ProductStatusPublished:
		return none + "Publish it and list it in the Solutions Hub so consumers can find it."
	}
	return none + "List it in the Solutions Hub, if it is not listed already, so consumers can find it."
}
