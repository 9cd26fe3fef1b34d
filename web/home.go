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

func handleHubHome() echo.HandlerFunc {
	return func(c echo.Context) error {
		return ok(c, "Solutions Hub", views.Home(views.HomeSection{
			Heading: "Solutions Hub",
			Lead:    "Hardware and software solutions from the partners of the IoT Partner Program.",
			Empty:   "No solutions are listed yet. Check back soon.",
		}))
	}
}
