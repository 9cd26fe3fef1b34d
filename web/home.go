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

func handlePartnerHome() echo.HandlerFunc {
	return func(c echo.Context) error {
		return ok(c, "My Services", views.Home(views.HomeSection{
			Heading: "My Services",
			Lead:    "The modules your account manager has granted your company, their terms and what is left.",
			Empty:   "No services yet. Your account manager grants them; ask them to set up your plan.",
		}))
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

func handleHubHome() echo.HandlerFunc {
	return func(c echo.Context) error {
		return ok(c, "Solutions Hub", views.Home(views.HomeSection{
			Heading: "Solutions Hub",
			Lead:    "Hardware and software solutions from the partners of the IoT Partner Program.",
			Empty:   "No solutions are listed yet. Check back soon.",
		}))
	}
}
