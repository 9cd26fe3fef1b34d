package web

import (
	"errors"
	"net/url"
	"partnerportal/web/ui"

	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
)

// loadUser reads the signed-in user named by the session (or, for a visitor, their cart's
// count when they have a cart). A disabled or vanished account, or one whose password was set
// anew since this session signed in, ends the session: the cookie stops working at once.
func (s *Server) loadUser(next echo.HandlerFunc) echo.HandlerFunc {
	q := db.New(s.pool)
	return func(c echo.Context) error {
		if sessionless(c) {
			return next(c)
		}
		ctx := c.Request().Context()
		id := s.sessions.GetInt64(ctx, ui.SessionUserID)
		if id == 0 {
			ctx, err := ui.LoadVisitorCart(ctx, q, s.sessions)
			if err != nil {
				return err
			}
			c.SetRequest(c.Request().WithContext(ctx))
			return next(c)
		}
		row, err := db.LoadSessionUser(ctx, s.pool, id, ui.When(c).Today)
		if errors.Is(err, pgx.ErrNoRows) || (err == nil && (row.DisabledAt != nil || int(row.SessionEpoch) != s.sessions.GetInt(ctx, ui.SessionEpoch))) {
			if err := s.sessions.Destroy(ctx); err != nil {
				return err
			}
			return next(c)
		}
		if err != nil {
			return err
		}
		u := &ui.CurrentUser{ID: row.ID, Email: row.Email, Name: row.Name, Role: row.Role,
			CompanyID: row.CompanyID, CompanyName: row.CompanyName, CartCount: int(row.CartCount), Unread: int(row.Unread),
			Access: ui.AccessOfRows(row.Access)}
		c.SetRequest(c.Request().WithContext(ui.WithUser(ctx, u)))
		return next(c)
	}
}

// requireRole lets through users with one of roles. A visitor is sent to sign in and brought
// back; a signed-in user of another role gets 404, as if the page did not exist.
func requireRole(roles ...db.UserRole) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			u := ui.UserFromContext(c.Request().Context())
			if u == nil {
				return ui.Redirect(c, "/login?next="+url.QueryEscape(c.Request().URL.RequestURI()))
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
