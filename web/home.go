package web

import (
	"partnerportal/web/ui"

	"github.com/labstack/echo/v4"
)

// handleRoot sends each role to its home; visitors to the Solutions Hub.
func handleRoot() echo.HandlerFunc {
	return func(c echo.Context) error {
		if u := ui.UserFromContext(c.Request().Context()); u != nil {
			return ui.Redirect(c, ui.HomeFor(u.Role))
		}
		return ui.Redirect(c, "/hub")
	}
}
