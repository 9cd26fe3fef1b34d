package ui

import (
	"context"
	"net/http"
	"partnerportal/db"

	"github.com/labstack/echo/v4"
)

// CurrentUser is the signed-in user of a request.
type CurrentUser struct {
	ID          int64
	Email       string
	Name        string
	Role        db.UserRole
	CompanyID   *int64
	CompanyName string
	// TeamRole is a partner user's place in their company's team (nil for everyone else).
	TeamRole *db.TeamRole
	// Access is what the user's company may do in each module today (partner users only).
	Access Access
	// CartCount is the number of items in the cart (consumers only).
	CartCount int
	// Unread is the number of unread notices (up to views.MaxUnread).
	Unread int
}

type userKey struct{}

// UserFromContext returns the signed-in user, or nil for a visitor.
func UserFromContext(ctx context.Context) *CurrentUser {
	u, _ := ctx.Value(userKey{}).(*CurrentUser)
	return u
}

// IsOwner says whether u is an owner of their partner company: owners manage the team, the
// API keys and the renewal and top-up requests.
func (u *CurrentUser) IsOwner() bool {
	return u != nil && u.TeamRole != nil && *u.TeamRole == db.TeamRoleOwner
}

// HomeFor is where a role lands after signing in.
func HomeFor(role db.UserRole) string {
	switch role {
	case db.UserRolePartner:
		return "/services"
	case db.UserRoleAdmin, db.UserRoleAccountManager:
		return "/admin"
	default:
		return "/hub"
	}
}

// RoleLabel names a role for people.
func RoleLabel(role db.UserRole) string {
	switch role {
	case db.UserRoleAdmin:
		return "Administrator"
	case db.UserRoleAccountManager:
		return "Account manager"
	case db.UserRolePartner:
		return "Partner"
	default:
		return "Customer"
	}
}

// Redirect answers a plain request with 303 and an htmx request with HX-Redirect, so htmx
// loads the whole new page instead of swapping it into a fragment.
func Redirect(c echo.Context, to string) error {
	if IsHTMX(c) {
		c.Response().Header().Set("HX-Redirect", to)
		return c.NoContent(http.StatusOK)
	}
	return c.Redirect(http.StatusSeeOther, to)
}

// WithUser is ctx carrying the signed-in user.
func WithUser(ctx context.Context, u *CurrentUser) context.Context {
	return context.WithValue(ctx, userKey{}, u)
}
