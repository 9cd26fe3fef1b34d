package web

import (
	"net/url"
	"partnerportal/web/ui"

	"github.com/labstack/echo/v4"

	"partnerportal/db"
)

// loadUser takes the signed-in user named by the session (or, for a visitor, their cart's
// count when they have a cart) from what the session store read with the session. A disabled
// or vanished account, one whose password was set anew since this session signed in, or a
// session whose row does not name its user (saved before sessions had owners), ends the
// session: the cookie stops working at once.
func (s *Server) loadUser(next echo.HandlerFunc) echo.HandlerFunc {
	q := db.New(s.pool)
	return func(c echo.Context) error {
		if sessionless(c) {
			return next(c)
		}
		ctx := c.Request().Context()
		rs := requestSessionFrom(ctx)
		if rs == nil || !rs.found {
			return next(c)
		}
		id := s.sessions.GetInt64(ctx, ui.SessionUserID)
		row := rs.RequestSession
		if id == 0 {
			if key := s.sessions.GetString(ctx, ui.SessionCartKey); key != "" {
				var err error
				if row.CartKey != nil && *row.CartKey == key {
					ctx = ui.WithVisitorCart(ctx, key, int(row.CartCount))
				} else if ctx, err = ui.LoadVisitorCart(ctx, q, s.sessions); err != nil {
					return err
				}
				c.SetRequest(c.Request().WithContext(ctx))
			}
			return next(c)
		}
		if row.UserID == nil || *row.UserID != id || row.DisabledAt != nil || int(*row.SessionEpoch) != s.sessions.GetInt(ctx, ui.SessionEpoch) {
			if err := s.sessions.Destroy(ctx); err != nil {
				return err
			}
			return next(c)
		}
		u := &ui.CurrentUser{ID: id, Email: *row.Email, Name: *row.Name, Role: *row.Role, TeamRole: row.TeamRole,
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
