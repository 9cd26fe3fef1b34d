package web

import (
	"net/http"
	"strings"

	"github.com/go-playground/validator/v10"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

type hubProfileForm struct {
	Tagline      string `form:"tagline" validate:"max=120"`
	ContactEmail string `form:"contact_email" validate:"omitempty,email,max=254"`
}

// handleHubListings is the partner's side of the Solutions Hub.
func handleHubListings(pool *pgxpool.Pool, area *Area) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		u := UserFromContext(c.Request().Context())
		p, err := q.GetHubProfile(c.Request().Context(), *u.CompanyID)
		if err != nil {
			return err
		}
		acc := areaAccess(c)
		page := areaPage(area, acc)
		form := views.HubProfileForm{Tagline: p.HubTagline, ContactEmail: p.HubContactEmail, ReadOnly: acc.State.ReadOnly(), CSRF: csrfToken(c)}
		return ok(c, area.Name, views.HubListingsView(page, form))
	}
}

// handleSaveHubProfile saves how the company appears in the Hub.
func handleSaveHubProfile(pool *pgxpool.Pool, area *Area, v *validator.Validate) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		u := UserFromContext(ctx)
		f := hubProfileForm{Tagline: strings.TrimSpace(c.FormValue("tagline")), ContactEmail: strings.TrimSpace(c.FormValue("contact_email"))}
		form := views.HubProfileForm{Tagline: f.Tagline, ContactEmail: f.ContactEmail, CSRF: csrfToken(c), Errors: validateForm(v, f)}
		if form.Errors != nil {
			acc := areaAccess(c)
			page := views.AreaPage{Name: area.Name, Holds: area.Holds, Badge: stateBadge(acc.State)}
			if isHTMX(c) {
				return renderFragment(c, http.StatusUnprocessableEntity, views.HubProfileFormView(form))
			}
			return render(c, http.StatusUnprocessableEntity, area.Name, views.HubListingsView(page, form))
		}
		if err := q.UpdateHubProfile(ctx, db.UpdateHubProfileParams{ID: *u.CompanyID, HubTagline: f.Tagline, HubContactEmail: f.ContactEmail}); err != nil {
			return err
		}
		if isHTMX(c) {
			form.Saved = true
			return renderFragment(c, http.StatusOK, views.HubProfileFormView(form))
		}
		if sm := sessionsFrom(c); sm != nil {
			addFlash(sm, ctx, "success", "Your Hub profile is saved.")
		}
		return redirect(c, area.Path)
	}
}
