package partner

import (
	"context"
	"net/http"
	"partnerportal/web/ui"
	"strings"

	"github.com/go-playground/validator/v10"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/pictures"
)

type hubProfileForm struct {
	Tagline      string `form:"tagline" validate:"max=120"`
	ContactEmail string `form:"contact_email" validate:"omitempty,email,max=254"`
}

// HandleHubListings is the partner's side of the Solutions Hub: the company's Hub profile and
// its listable products, each listed or not, with what consumers see of it today.
func HandleHubListings(pool *pgxpool.Pool, area *ui.Area) echo.HandlerFunc {
	return func(c echo.Context) error {
		page, err := hubListingsPage(c, pool, area, nil)
		if err != nil {
			return err
		}
		return ui.OK(c, area.Name, views.HubListingsView(page))
	}
}

// hubListingsPage loads the page, the company's Hub profile and its listings in one batch;
// profile, when given, is the profile form as posted.
func hubListingsPage(c echo.Context, pool *pgxpool.Pool, area *ui.Area, profile *views.HubProfileForm) (views.HubListingsPage, error) {
	company := *ui.UserFromContext(c.Request().Context()).CompanyID
	acc := ui.AreaAccess(c)
	var pr db.GetCompanyHubProfileRow
	var listings []db.ListCompanyListingsRow
	var logo []db.ListPictureRenditionsRow
	var b db.Batch
	db.Queue(&b, &pr, (*db.Queries).GetCompanyHubProfile, company)
	db.Queue(&b, &listings, (*db.Queries).ListCompanyListings, db.ListCompanyListingsParams{CompanyID: company, Today: ui.When(c).Today})
	db.Queue(&b, &logo, (*db.Queries).ListPictureRenditions, db.ListPictureRenditionsParams{CompanyIds: []int64{company}})
	if err := b.Send(c.Request().Context(), pool); err != nil {
		return views.HubListingsPage{}, err
	}
	page := views.HubListingsPage{
		Area:     ui.AreaPageOf(area, acc),
		Profile:  views.HubProfileForm{Tagline: pr.HubTagline, ContactEmail: pr.HubContactEmail, ReadOnly: acc.State.ReadOnly(), CSRF: ui.CSRFToken(c)},
		HubHref:  "/hub?company=" + pr.Slug,
		ReadOnly: acc.State.ReadOnly(),
		CSRF:     ui.CSRFToken(c),
	}
	if profile != nil {
		page.Profile = *profile
	}
	page.Logo = pictures.LogoOf(logo, company, "Your logo")
	for _, l := range listings {
		page.Listings = append(page.Listings, listingRow(l, pr.Slug))
	}
	return page, nil
}

// listingRow says what consumers see of a listing, and why: a partner needs the cause, not
// just "not for sale". Whether it is visible and purchasable is SPEC §5, decided in SQL.
func listingRow(l db.ListCompanyListingsRow, companySlug string) views.ListingRow {
	r := views.ListingRow{ProductID: l.ProductID, Name: l.Name, Kind: db.ProductKind(l.Module), Tagline: l.Tagline,
		Price: ui.Money(l.Price, l.Currency), Period: ui.PricePeriod(l.PricingModel), Listed: l.ListedAt != nil}
	plan := productPlan{l.Module, db.EnvironmentProduction}.name()
	switch {
	case !r.Listed:
		r.Status, r.Seen = views.Badge{Tone: "none", Icon: "–", Label: "Not listed"}, "Customers do not see it."
		return r
	case l.Purchasable:
		r.Status, r.Seen = views.Badge{Tone: "active", Icon: "●", Label: "Listed"}, "Customers see it and can buy it."
	case l.Visible && !l.HubState.CanUse():
		r.Status, r.Seen = views.Badge{Tone: "readonly", Icon: "⊘", Label: "Listed · not for sale"}, "Customers see it but cannot buy it: your Solutions Hub is read-only."
	case l.Visible:
		r.Status, r.Seen = views.Badge{Tone: "readonly", Icon: "⊘", Label: "Listed · not for sale"}, "Customers see it but cannot buy it: "+strings.ToLower(plan[:1])+plan[1:]+" is read-only."
	default:
		r.Status, r.Seen = views.Badge{Tone: "inactive", Icon: "○", Label: "Listed · hidden"}, "Customers do not see it: "+strings.ToLower(plan[:1])+plan[1:]+" is "+strings.ToLower(ui.StateLabel(l.PlanState))+"."
	}
	if l.Visible {
		r.ViewHref = ui.ListingHref(companySlug, l.Slug)
	}
	return r
}

// HandleSaveHubProfile saves how the company appears in the Hub, with the Solutions Hub locked
// and re-checked: the gate's snapshot may predate a deactivation.
func HandleSaveHubProfile(pool *pgxpool.Pool, area *ui.Area, v *validator.Validate) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		u := ui.UserFromContext(ctx)
		var f hubProfileForm
		errs := ui.BindForm(c, v, &f)
		form := views.HubProfileForm{Tagline: f.Tagline, ContactEmail: f.ContactEmail, CSRF: ui.CSRFToken(c), Errors: errs}
		if form.Errors != nil {
			if ui.IsHTMX(c) {
				return ui.RenderFragment(c, http.StatusUnprocessableEntity, views.HubProfileFormView(form))
			}
			page, err := hubListingsPage(c, pool, area, &form)
			if err != nil {
				return err
			}
			return ui.Render(c, http.StatusUnprocessableEntity, area.Name, views.HubListingsView(page))
		}
		err := db.Transact(ctx, pool, func(tq *db.Queries) error {
			if err := tq.LockCompanyHub(ctx, *u.CompanyID); err != nil {
				return err
			}
			hub, err := moduleAccess(ctx, tq, *u.CompanyID, db.ModuleKeySolutionsHub, nil, ui.When(c).Today)
			if err != nil {
				return err
			}
			if err := firstRefusal(ui.Governing{Access: hub, Name: area.Name, Back: area.Path}); err != nil {
				return err
			}
			return tq.UpdateHubProfile(ctx, db.UpdateHubProfileParams{ID: *u.CompanyID, HubTagline: f.Tagline, HubContactEmail: f.ContactEmail})
		})
		if g, ok := refused(err); ok {
			return ui.Refuse(c, g)
		}
		if err != nil {
			return err
		}
		if ui.IsHTMX(c) {
			form.Saved = true
			return ui.RenderFragment(c, http.StatusOK, views.HubProfileFormView(form))
		}
		return ui.FlashRedirect(c, "success", "Your Hub profile is saved.", area.Path)
	}
}

// listingOf finds the company's listable product of the request (:id), or answers 404.
func listingOf(ctx context.Context, c echo.Context, q *db.Queries) (db.GetCompanyListingRow, error) {
	u := ui.UserFromContext(ctx)
	id, ok := ui.ParseID(c.Param("id"))
	if !ok {
		return db.GetCompanyListingRow{}, echo.ErrNotFound
	}
	return ui.NotFoundIfNone(q.GetCompanyListing(ctx, db.GetCompanyListingParams{ProductID: id, CompanyID: *u.CompanyID}))
}

// HandleUploadLogo replaces the company's logo, with its Solutions Hub locked and checked
// again: a read-only Hub shows the logo but takes no new one.
func HandleUploadLogo(pool *pgxpool.Pool, area *ui.Area) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		company := *ui.UserFromContext(ctx).CompanyID
		rs, problem, err := readPicture(c, pictures.LogoWidths)
		if err != nil {
			return err
		}
		if problem != "" {
			page, err := hubListingsPage(c, pool, area, nil)
			if err != nil {
				return err
			}
			page.LogoError = problem
			return ui.Render(c, http.StatusUnprocessableEntity, area.Name, views.HubListingsView(page))
		}
		err = db.Transact(ctx, pool, func(tq *db.Queries) error {
			if err := tq.LockCompanyHub(ctx, company); err != nil {
				return err
			}
			hub, err := moduleAccess(ctx, tq, company, db.ModuleKeySolutionsHub, nil, ui.When(c).Today)
			if err != nil {
				return err
			}
			if err := firstRefusal(ui.Governing{Access: hub, Name: area.Name, Back: area.Path}); err != nil {
				return err
			}
			return pictures.SaveLogo(ctx, tq, company, rs, ui.When(c).Now)
		})
		if g, ok := refused(err); ok {
			return ui.Refuse(c, g)
		}
		if err != nil {
			return err
		}
		return ui.FlashRedirect(c, "success", "Your logo is saved; the Hub shows it beside your company's name.", area.Path+"#logo")
	}
}
