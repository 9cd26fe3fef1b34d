package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/web/clock"
)

// CurrentUser is the signed-in user of a request.
type CurrentUser struct {
	ID          int64
	Email       string
	Name        string
	Role        db.UserRole
	CompanyID   *int64
	CompanyName string
	// Access is what the user's company may do in each module today (partner users only).
	Access Access
	// CartCount is the number of items in the cart (consumers only).
	CartCount int
}

type userKey struct{}

// UserFromContext returns the signed-in user, or nil for a visitor.
func UserFromContext(ctx context.Context) *CurrentUser {
	u, _ := ctx.Value(userKey{}).(*CurrentUser)
	return u
}

// loadUser reads the signed-in user named by the session (or, for a visitor, their cart's
// count when they have a cart). A disabled or vanished account, or one whose password was set
// anew since this session signed in, ends the session: the cookie stops working at once.
func (s *Server) loadUser(next echo.HandlerFunc) echo.HandlerFunc {
	q := db.New(s.pool)
	return func(c echo.Context) error {
		today := clock.Today(s.clock, s.cfg.Location)
		if Sessionless(c) {
			return next(c)
		}
		ctx := c.Request().Context()
		id := s.sessions.GetInt64(ctx, SessionUserID)
		if id == 0 {
			ctx, err := LoadVisitorCart(ctx, q, s.sessions)
			if err != nil {
				return err
			}
			c.SetRequest(c.Request().WithContext(ctx))
			return next(c)
		}
		row, err := q.GetSessionUser(ctx, db.GetSessionUserParams{ID: id, Today: today})
		if errors.Is(err, pgx.ErrNoRows) || (err == nil && (row.DisabledAt != nil || int(row.SessionEpoch) != s.sessions.GetInt(ctx, SessionEpoch))) {
			if err := s.sessions.Destroy(ctx); err != nil {
				return err
			}
			return next(c)
		}
		if err != nil {
			return err
		}
		u := &CurrentUser{ID: row.ID, Email: row.Email, Name: row.Name, Role: row.Role,
			CompanyID: row.CompanyID, CompanyName: row.CompanyName, CartCount: int(row.CartCount)}
		if err := json.Unmarshal(row.Access, &u.Access); err != nil {
			return fmt.Errorf("read module access: %w", err)
		}
		c.SetRequest(c.Request().WithContext(context.WithValue(ctx, userKey{}, u)))
		return next(c)
	}
}

// requireRole lets through users with one of roles. A visitor is sent to sign in and brought
// back; a signed-in user of another role gets 404, as if the page did not exist.
func requireRole(roles ...db.UserRole) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			u := UserFromContext(c.Request().Context())
			if u == nil {
				return Redirect(c, "/login?next="+url.QueryEscape(c.Request().URL.RequestURI()))
			}
			for _, r := range roles {
				if u.Role == r {
					return next(c)
				}
			}
			return echo.ErrNotFound
		}
	}
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
