package partner

import (
	"errors"
	"partnerportal/web/ui"
	"strings"

	"github.com/go-playground/validator/v10"
	"github.com/jackc/pgx/v5/pgconn"

	"partnerportal/db"
	"partnerportal/views"
)

// productForm is what the create and edit forms post. Fields of the other kind are ignored.
type productForm struct {
	Name         string `form:"name" validate:"required,max=120"`
	Slug         string `form:"slug" validate:"required,max=80,slug"`
	Summary      string `form:"summary" validate:"max=160"`
	Description  string `form:"description" validate:"max=5000,multiline"`
	Category     string `form:"category" validate:"required,oneof=asset_tracking smart_building energy healthcare industrial agriculture retail fleet"`
	Version      string `form:"version" validate:"max=40"`
	Price        string `form:"price" validate:"required,price"`
	Currency     string `form:"currency" validate:"required,oneof=EUR USD GBP"`
	PricingModel string `form:"pricing_model" validate:"required,oneof=one_time monthly"`
	Status       string `form:"status" validate:"required,oneof=draft published"`
}

// hardwareForm is what only hardware devices have.
type hardwareForm struct {
	ModelNumber  string   `form:"model_number" validate:"required,max=60"`
	Connectivity []string `form:"connectivity" validate:"required,min=1,dive,oneof=wifi cellular lorawan ble ethernet"`
}

// softwareForm is what only software solutions have.
type softwareForm struct {
	Deployment string `form:"deployment" validate:"required,oneof=cloud edge on_premises"`
}

// postedProduct is a submitted product form, trimmed, with the slug made from the name when
// it was left empty.
type postedProduct struct {
	productForm
	hardwareForm
	softwareForm
	Plan     string
	Revision string
}

func readProductForm(form map[string][]string) postedProduct {
	get := func(k string) string {
		if v := form[k]; len(v) > 0 {
			return strings.TrimSpace(v[0])
		}
		return ""
	}
	p := postedProduct{Plan: get("plan"), Revision: get("revision")}
	p.productForm = productForm{Name: get("name"), Slug: get("slug"), Summary: get("summary"),
		Description: ui.NormaliseLines(get("description")), Category: get("category"),
		Version: get("version"), Price: get("price"), Currency: get("currency"),
		PricingModel: get("pricing_model"), Status: get("status")}
	if p.Slug == "" {
		p.Slug = ui.Slugify(p.Name)
	}
	p.hardwareForm = hardwareForm{ModelNumber: get("model_number")}
	for _, c := range form["connectivity"] {
		if c = strings.TrimSpace(c); c != "" {
			p.Connectivity = append(p.Connectivity, c)
		}
	}
	p.softwareForm = softwareForm{Deployment: get("deployment")}
	return p
}

// validate checks the form for a product of module ("" when no valid kind was chosen: then
// only the common fields); nil when all is well.
func (p postedProduct) validate(v *validator.Validate, module db.ModuleKey) views.FieldErrors {
	errs := views.FieldErrors{}
	maps := []views.FieldErrors{ui.ValidateForm(v, p.productForm)}
	switch module {
	case db.ModuleKeyHardware:
		maps = append(maps, ui.ValidateForm(v, p.hardwareForm))
	case db.ModuleKeySoftware:
		maps = append(maps, ui.ValidateForm(v, p.softwareForm))
	}
	for _, m := range maps {
		for k, msg := range m {
			errs[k] = msg
		}
	}
	if errs.Has("connectivity") {
		errs["connectivity"] = "Choose every way the device connects (at least one)."
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// fields are the columns the form sets, for module.
func (p postedProduct) fields(module db.ModuleKey) (model *string, conn []string, dep *db.SoftwareDeployment) {
	if module == db.ModuleKeyHardware {
		m := p.ModelNumber
		return &m, p.Connectivity, nil
	}
	d := db.SoftwareDeployment(p.Deployment)
	return nil, nil, &d
}

// usablePlans are the plans new products may go into today: those that can be used.
func usablePlans(a ui.Access) []productPlan {
	var out []productPlan
	for _, p := range productPlans {
		if a.Plan(p.Module, p.Env).State.CanUse() {
			out = append(out, p)
		}
	}
	return out
}

// productFormView fills the form's view model from what was posted (or loaded).
func productFormView(p postedProduct, errs views.FieldErrors, csrf string) views.ProductForm {
	return views.ProductForm{
		Plan: p.Plan, Name: p.Name, Slug: p.Slug, Summary: p.Summary, Description: p.Description,
		Category: p.Category, Version: p.Version, Price: p.Price, Currency: p.Currency,
		PricingModel: p.PricingModel, Status: p.Status, ModelNumber: p.ModelNumber,
		Connectivity: p.Connectivity, Deployment: p.Deployment, Revision: p.Revision,
		Errors: errs, CSRF: csrf, Options: productOptions(),
		SlugHint: "The product's address, unique among your products. Leave it empty to make one from the name.",
	}
}

func productOptions() views.ProductOptions {
	o := views.ProductOptions{Categories: append([]views.Option{{Value: "", Label: "Choose a category"}}, ui.CategoryOptions()...)}
	for _, c := range []string{"EUR", "USD", "GBP"} {
		o.Currencies = append(o.Currencies, views.Option{Value: c, Label: c})
	}
	for _, m := range db.AllPricingModelValues() {
		o.PricingModels = append(o.PricingModels, views.Option{Value: string(m), Label: m.Label()})
	}
	for _, s := range db.AllProductStatusValues() {
		o.Statuses = append(o.Statuses, views.Option{Value: string(s), Label: s.Label()})
	}
	for _, d := range db.AllSoftwareDeploymentValues() {
		o.Deployments = append(o.Deployments, views.Option{Value: string(d), Label: d.Label()})
	}
	for _, c := range db.Connectivities {
		o.Connectivities = append(o.Connectivities, views.Option{Value: c.Key, Label: c.Label})
	}
	return o
}

// isSlugTaken reports the unique violation of a company's slug.
func isSlugTaken(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.ConstraintName == "products_company_slug_key"
}
