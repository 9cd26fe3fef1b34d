package partner

import (
	"context"
	"errors"
	"maps"
	"net/http"
	"partnerportal/web/ui"
	"strconv"
	"strings"

	"github.com/go-playground/validator/v10"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

// newProductPage is the create page for the company's access: the form offers only the plans
// that can take products today, and is disabled when none can.
func newProductPage(a ui.Access, p postedProduct, errs views.FieldErrors, csrf string) views.ProductFormPage {
	f := productFormView(p, errs, csrf)
	f.New, f.Action, f.CancelHref = true, "/products", "/products"
	plans := usablePlans(a)
	f.ReadOnly = len(plans) == 0
	if f.ReadOnly {
		// nothing can be chosen; the disabled form still shows what a product has
		for _, pl := range productPlans {
			if a.Plan(pl.Module, pl.Env).State.CanView() {
				plans = append(plans, pl)
			}
		}
	}
	for _, pl := range plans {
		f.Plans = append(f.Plans, views.Option{Value: pl.key(), Label: pl.label()})
		f.ShowSoftware = f.ShowSoftware || pl.Module == db.ModuleKeySoftware
		f.ShowHardware = f.ShowHardware || pl.Module == db.ModuleKeyHardware
	}
	if len(f.Plans) == 1 {
		f.Plan = f.Plans[0].Value
	}
	return views.ProductFormPage{
		Heading: "Add a product",
		Lead:    "A software solution or a hardware device in one of your plans. It starts as a draft unless you publish it.",
		Banner:  readOnlyPlansBanner(a),
		Form:    f,
	}
}

// HandleNewProduct is the create form.
func HandleNewProduct() echo.HandlerFunc {
	return func(c echo.Context) error {
		u := ui.UserFromContext(c.Request().Context())
		blank := postedProduct{productForm: productForm{Currency: "EUR", PricingModel: string(db.PricingModelOneTime), Status: string(db.ProductStatusDraft)}}
		page := newProductPage(u.Access, blank, nil, ui.CSRFToken(c))
		return ui.OK(c, page.Heading, views.ProductFormView(page))
	}
}

// HandleCreateProduct adds a product to a plan that can be used today.
func HandleCreateProduct(pool *pgxpool.Pool, v *validator.Validate) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		u := ui.UserFromContext(ctx)
		params, err := c.FormParams()
		if err != nil {
			return &ui.Error{Code: http.StatusBadRequest, Err: err}
		}
		p := readProductForm(params)
		plan, known := planByKey(p.Plan)
		errs := p.validate(v, plan.Module)
		switch {
		case !known:
			errs = ui.WithError(errs, "plan", "Choose the kind of product and the plan it belongs to.")
		case !u.Access.Plan(plan.Module, plan.Env).State.CanUse():
			errs = ui.WithError(errs, "plan", unusablePlan(plan))
		}
		access := u.Access
		answer := func(errs views.FieldErrors) error {
			return productFormAnswer(c, newProductPage(access, p, errs, ui.CSRFToken(c)))
		}
		if errs != nil {
			return answer(errs)
		}
		model, conn, dep := p.fields(plan.Module)
		var id int64
		err = db.Transact(ctx, pool, func(tq *db.Queries) error {
			acc, err := lockedPlanAccess(ctx, tq, *u.CompanyID, plan, ui.When(c).Today)
			if err != nil {
				return err
			}
			if err := firstRefusal(ui.Governing{Access: acc, Name: plan.name(), Back: "/products"}); err != nil {
				return err
			}
			id, err = tq.CreateProduct(ctx, db.CreateProductParams{
				CompanyID: *u.CompanyID, Module: plan.Module, Environment: plan.Env,
				Name: p.Name, Slug: p.Slug, Summary: p.Summary, Description: p.Description,
				Category: db.ProductCategory(p.Category), Version: p.Version, Price: ui.NormalisePrice(p.Price),
				Currency: p.Currency, PricingModel: db.PricingModel(p.PricingModel), Status: db.ProductStatus(p.Status),
				ModelNumber: model, Connectivity: conn, Deployment: dep, Now: ui.When(c).Now,
			})
			return err
		})
		if g, ok := refused(err); ok {
			// The plan is a choice on the form, so the answer is the form's own, as it would have
			// been had the change committed before the request: the form re-offers only the plans
			// that can still be used.
			access = maps.Clone(u.Access)
			access[plan.key()] = g.Access
			return answer(views.FieldErrors{"plan": unusablePlan(plan)})
		}
		if isSlugTaken(err) {
			msg, err := slugTakenMessage(ctx, q, *u.CompanyID, p.Slug)
			if err != nil {
				return err
			}
			return answer(views.FieldErrors{"slug": msg})
		}
		if err != nil {
			return err
		}
		state := "saved as a draft"
		if p.Status == string(db.ProductStatusPublished) {
			state = "published"
		}
		return ui.FlashRedirect(c, "success", "“"+p.Name+"” is "+state+".", "/products/"+ui.Itoa(id))
	}
}

// unusablePlan is the form's error for a plan that cannot take new products.
func unusablePlan(plan productPlan) string {
	return plan.name() + " cannot take new products right now. Choose another plan, or request a renewal."
}

// editProductPage is the edit page of product p with the form's values.
func editProductPage(row *db.GetCompanyProductRow, acc ui.ModuleAccess, p postedProduct, errs views.FieldErrors, csrf string) views.ProductFormPage {
	plan := productPlan{row.Module, row.Environment}
	f := productFormView(p, errs, csrf)
	f.Action, f.CancelHref = "/products/"+ui.Itoa(row.ID), "/products/"+ui.Itoa(row.ID)
	f.PlanLabel = plan.label()
	f.ShowHardware, f.ShowSoftware = row.Module == db.ModuleKeyHardware, row.Module == db.ModuleKeySoftware
	f.ReadOnly = !acc.State.CanUse()
	return views.ProductFormPage{
		Heading: "Edit " + row.Name,
		Lead:    db.ProductKind(row.Module) + " in your " + strings.ToLower(row.Environment.Label()) + " " + string(row.Module) + " plan. Its kind and plan stay as they are.",
		Banner:  ui.BannerFor(plan.name(), acc),
		Form:    f,
	}
}

// storedProduct is the form filled with what is stored.
func storedProduct(row *db.GetCompanyProductRow) postedProduct {
	p := postedProduct{Revision: ui.Itoa(int64(row.Revision))}
	p.productForm = productForm{Name: row.Name, Slug: row.Slug, Summary: row.Summary, Description: row.Description,
		Category: string(row.Category), Version: row.Version, Price: row.Price, Currency: row.Currency,
		PricingModel: string(row.PricingModel), Status: string(row.Status)}
	if row.ModelNumber != nil {
		p.ModelNumber = *row.ModelNumber
	}
	p.Connectivity = row.Connectivity
	if row.Deployment != nil {
		p.Deployment = string(*row.Deployment)
	}
	return p
}

// HandleEditProduct is the edit form; read-only plans show it disabled.
func HandleEditProduct() echo.HandlerFunc {
	return func(c echo.Context) error {
		row := productFrom(c)
		if row.ArchivedAt != nil {
			return refuseArchived(c, row)
		}
		page := editProductPage(row, ui.AreaAccess(c), storedProduct(row), nil, ui.CSRFToken(c))
		return ui.OK(c, page.Heading, views.ProductFormView(page))
	}
}

// HandleUpdateProduct saves an edit, unless someone saved another since the form was opened.
func HandleUpdateProduct(pool *pgxpool.Pool, v *validator.Validate) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		row := productFrom(c)
		if row.ArchivedAt != nil {
			return refuseArchived(c, row)
		}
		params, err := c.FormParams()
		if err != nil {
			return &ui.Error{Code: http.StatusBadRequest, Err: err}
		}
		p := readProductForm(params)
		answer := func(errs views.FieldErrors) error {
			return productFormAnswer(c, editProductPage(row, ui.AreaAccess(c), p, errs, ui.CSRFToken(c)))
		}
		if errs := p.validate(v, row.Module); errs != nil {
			return answer(errs)
		}
		model, conn, dep := p.fields(row.Module)
		err = writeProduct(c, pool, row, func(tq *db.Queries) error {
			_, err := tq.UpdateProduct(ctx, db.UpdateProductParams{
				ID: row.ID, CompanyID: row.CompanyID, ExpectedRevision: parseRevision(p.Revision),
				Name: p.Name, Slug: p.Slug, Summary: p.Summary, Description: p.Description,
				Category: db.ProductCategory(p.Category), Version: p.Version, Price: ui.NormalisePrice(p.Price),
				Currency: p.Currency, PricingModel: db.PricingModel(p.PricingModel), Status: db.ProductStatus(p.Status),
				ModelNumber: model, Connectivity: conn, Deployment: dep, Now: ui.When(c).Now,
			})
			return err
		})
		if g, ok := refused(err); ok {
			return ui.Refuse(c, g)
		}
		switch {
		case isSlugTaken(err):
			msg, err := slugTakenMessage(ctx, q, row.CompanyID, p.Slug)
			if err != nil {
				return err
			}
			return answer(views.FieldErrors{"slug": msg})
		case errors.Is(err, pgx.ErrNoRows):
			return answer(views.FieldErrors{"": "Someone saved changes to this product after you opened the form, so yours were not saved. " +
				"Open the product again to see the current version, then make your changes there."})
		case err != nil:
			return err
		}
		return ui.FlashRedirect(c, "success", "Your changes to “"+p.Name+"” are saved.", "/products/"+ui.Itoa(row.ID))
	}
}

// productFormAnswer answers a form with errors (422): the form alone in place for htmx, else
// the whole page.
func productFormAnswer(c echo.Context, page views.ProductFormPage) error {
	if ui.IsHTMX(c) {
		return ui.RenderFragment(c, http.StatusUnprocessableEntity, views.ProductFormFields(page.Form))
	}
	return ui.Render(c, http.StatusUnprocessableEntity, page.Heading, views.ProductFormView(page))
}

// slugTakenMessage is the field error of a duplicate slug, with a free one to try.
func slugTakenMessage(ctx context.Context, q *db.Queries, companyID int64, slug string) (string, error) {
	taken, err := q.ListCompanySlugsLike(ctx, db.ListCompanySlugsLikeParams{CompanyID: companyID, Base: slug})
	if err != nil {
		return "", err
	}
	return "Another of your products (perhaps an archived one) already uses “" + slug + "”. Try “" + ui.FreeSlug(slug, taken) + "”.", nil
}

// parseRevision reads the form's revision; a missing or bad one matches no row, which reads
// as a conflict rather than overwriting blindly.
func parseRevision(s string) int32 {
	n, err := strconv.ParseInt(s, 10, 32)
	if err != nil {
		return -1
	}
	return int32(n)
}
