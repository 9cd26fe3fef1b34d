package web

import (
	"github.com/labstack/echo/v4"

	"partnerportal/views"
)

// handleRoot sends each role to its home; visitors to the Solutions Hub.
func handleRoot() echo.HandlerFunc {
	return func(c echo.Context) error {
		if u := UserFromContext(c.Request().Context()); u != nil {
			return redirect(c, homeFor(u.Role))
		}
		return redirect(c, "/hub")
	}
}

func handleStaffHome() echo.HandlerFunc {
	return func(c echo.Context) error {
		return ok(c, "Dashboard", views.Home(views.HomeSection{
			Heading: "Dashboard",
			Lead:    "Your partner companies, their services and what needs attention.",
			Empty:   "Nothing needs your attention right now.",
		}))
	}
}
