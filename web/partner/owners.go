package partner

import (
	"net/http"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/web/ui"
)

// What only a company's owners may do (the team, API keys, renewal and top-up requests) starts
// here, so every refusal of a member reads the same.

// OwnersOnly is nil for an owner of their company; for a member it is the 403 that says who
// may do what (doing, "manage API keys") and whom to ask. Only a refusal reads the database.
func OwnersOnly(c echo.Context, pool *pgxpool.Pool, doing string) error {
	u := ui.UserFromContext(c.Request().Context())
	if u.IsOwner() {
		return nil
	}
	names, err := db.New(pool).GetTeamOwnerNames(c.Request().Context(), *u.CompanyID)
	if err != nil {
		return err
	}
	return &ui.Error{Code: http.StatusForbidden, Message: ownersOnlyText(u.CompanyName, doing, names)}
}

// ownersTarget is the start of an owner's action on one thing of their company: the owners'
// check (OwnersOnly, doing what), then the thing's id from the path parameter param.
func ownersTarget(c echo.Context, pool *pgxpool.Pool, doing, param string) (*ui.CurrentUser, int64, error) {
	if err := OwnersOnly(c, pool, doing); err != nil {
		return nil, 0, err
	}
	id, err := ui.PathID(c, param)
	return ui.UserFromContext(c.Request().Context()), id, err
}

// ownersOnlyText is a member's refusal: "Only an owner of Company C can manage API keys — ask
// Chloe Chen."
func ownersOnlyText(company, doing, owners string) string {
	if owners == "" {
		return "Only an owner of " + company + " can " + doing + ", and it has none just now: ask your account manager to make someone owner."
	}
	return "Only an owner of " + company + " can " + doing + " — ask " + owners + "."
}
