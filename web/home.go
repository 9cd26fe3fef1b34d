package web

import "github.com/labstack/echo/v4"

// handleRoot sends each role to its home; visitors to the Solutions Hub.
func handleRoot() echo.HandlerFunc {
	return func(c echo.Context) error {
		if u := UserFromContext(c.Request().Context()); u != nil {
			return Redirect(c, HomeFor(u.Role))
		}
		return Redirect(c, "/hub")
	}
}
