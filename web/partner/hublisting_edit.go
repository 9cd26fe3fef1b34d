package partner

import (
	"net/http"
	"partnerportal/web/ui"

	"github.com/go-playground/validator/v10"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

const maxHighlights = 5

// listingCopyForm is a listing's copy as posted: a tagline and five highlight fields.
type listingCopyForm struct {
	Tagline    string `form:"tagline" validate:"max=120"`
	Highlight1 string `form:"highlight1" validate:"max=100"`
	Highlight2 string `form:"highlight2" validate:"max=100"`
	Highlight3 string `form:"highlight3" validate:"max=100"`
	Highlight4 string `form:"highlight4" validate:"max=100"`
	Highlight5 string `form:"highlight5" validate:"max=100"`
}

// typed is the five highlight fields as typed, for a re-render.
func (f listingCopyForm) typed() []string {
	return []string{f.Highlight1, f.Highlight2, f.Highlight3, f.Highlight4, f.Highlight5}
}

// highlights are the highlights to keep: the fields not left empty, in order.
func (f listingCopyForm) highlights() []string {
	out := []string{}
	for _, h := range f.typed() {
		if h != "" {
			out = append(out, h)
		}
	}
	return out
}

// HandleEditListing is a listing's copy form (disabled while the Solutions Hub is read-only).
func HandleEditListing(pool *pgxpool.Pool, area *ui.Area) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		l, err := listingOf(c.Request().Context(), c, q)
		if err != nil {
			return err
		}
		typed := make([]string, maxHighlights)
		copy(typed, l.Highlights)
		acc := ui.AreaAccess(c)
		form := views.ListingForm{ProductID: l.ProductID, ProductName: l.Name, Summary: l.Summary, Tagline: l.Tagline,
			Highlights: typed, Listed: l.ListedAt != nil, ReadOnly: acc.State.ReadOnly(), CSRF: ui.CSRFToken(c)}
		return ui.OK(c, "Listing copy: "+l.Name, views.ListingFormPage(views.AreaPage{Banner: ui.Banner(area, acc)}, form))
	}
}

// HandleSaveListing saves a listing's copy; bad input is answered with the form and the
// errors under the fields (in place for htmx).
func HandleSaveListing(pool *pgxpool.Pool, area *ui.Area, v *validator.Validate) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		l, err := listingOf(ctx, c, q)
		if err != nil {
			return err
		}
		var f listingCopyForm
		if errs := ui.BindForm(c, v, &f); errs != nil {
			form := views.ListingForm{ProductID: l.ProductID, ProductName: l.Name, Summary: l.Summary, Tagline: f.Tagline,
				Highlights: f.typed(), Errors: errs, CSRF: ui.CSRFToken(c)}
			if ui.IsHTMX(c) {
				return ui.RenderFragment(c, http.StatusUnprocessableEntity, views.ListingFormView(form))
			}
			return ui.Render(c, http.StatusUnprocessableEntity, "Listing copy: "+l.Name, views.ListingFormPage(views.AreaPage{}, form))
		}
		u := ui.UserFromContext(ctx)
		n, err := writeListing(c, pool, area, l, func(tq *db.Queries) (int64, error) {
			return tq.SaveListingCopy(ctx, db.SaveListingCopyParams{Tagline: f.Tagline, Highlights: f.highlights(), Now: ui.When(c).Now,
				ProductID: l.ProductID, CompanyID: *u.CompanyID})
		})
		if g, ok := refused(err); ok {
			return ui.Refuse(c, g)
		}
		if err != nil {
			return err
		}
		if n == 0 {
			return echo.ErrNotFound
		}
		return ui.FlashRedirect(c, "success", "The listing copy of “"+l.Name+"” is saved.", area.Path)
	}
}

// writeListing runs write in one transaction with what listing l follows locked and re-read:
// the company's Solutions Hub and the product's production plan. Unless both can be used the
// write is refused (a ui.Refusal) and nothing is changed.
func writeListing(c echo.Context, pool *pgxpool.Pool, area *ui.Area, l db.GetCompanyListingRow, write func(q *db.Queries) (int64, error)) (int64, error) {
	ctx := c.Request().Context()
	companyID, today := *ui.UserFromContext(ctx).CompanyID, ui.When(c).Today
	plan := productPlan{l.Module, db.EnvironmentProduction}
	var n int64
	err := db.Transact(ctx, pool, func(q *db.Queries) error {
		if err := q.LockListingServices(ctx, db.LockListingServicesParams{ProductID: l.ProductID, CompanyID: companyID}); err != nil {
			return err
		}
		hub, err := moduleAccess(ctx, q, companyID, db.ModuleKeySolutionsHub, nil, today)
		if err != nil {
			return err
		}
		planAcc, err := moduleAccess(ctx, q, companyID, plan.Module, &plan.Env, today)
		if err != nil {
			return err
		}
		if err := firstRefusal(ui.Governing{Access: hub, Name: area.Name, Back: area.Path},
			ui.Governing{Access: planAcc, Name: plan.name(), Back: area.Path}); err != nil {
			return err
		}
		n, err = write(q)
		return err
	})
	return n, err
}

// highlightErrors puts an error about the highlights under the field that caused it: the list
// HandleSetListed lists a product in the Hub (publish) or takes it out (unpublish).
func HandleSetListed(pool *pgxpool.Pool, area *ui.Area) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		l, err := listingOf(ctx, c, q)
		if err != nil {
			return err
		}
		listed := c.FormValue("listed")
		if listed != "true" && listed != "false" {
			return &ui.Error{Code: http.StatusBadRequest, Message: "Choose to publish or to unpublish the listing."}
		}
		u := ui.UserFromContext(ctx)
		n, err := writeListing(c, pool, area, l, func(tq *db.Queries) (int64, error) {
			return tq.SetListingListed(ctx, db.SetListingListedParams{Listed: listed == "true", Now: ui.When(c).Now,
				ProductID: l.ProductID, CompanyID: *u.CompanyID})
		})
		if g, ok := refused(err); ok {
			return ui.Refuse(c, g)
		}
		if err != nil {
			return err
		}
		if n == 0 {
			return echo.ErrNotFound
		}
		msg := "“" + l.Name + "” is listed in the Solutions Hub."
		if listed == "false" {
			msg = "“" + l.Name + "” is no longer listed in the Solutions Hub."
		}
		return ui.FlashRedirect(c, "success", msg, area.Path)
	}
}
