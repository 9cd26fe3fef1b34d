package web

import (
	"net/http"
	"partnerportal/web/ui"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// csrf protects every unsafe method. Browsers that send Sec-Fetch-Site are checked by it
// (same-origin passes, cross-site is refused); everything else must echo the token from the
// CSRF cookie in the X-CSRF-Token header (htmx, set on <body>) or the _csrf form field.
func csrf(secure bool) echo.MiddlewareFunc {
	name := "csrf"
	if secure {
		name = "__Host-csrf"
	}
	return middleware.CSRFWithConfig(middleware.CSRFConfig{
		TokenLookup:    "header:X-CSRF-Token,form:_csrf",
		ContextKey:     ui.CSRFContextKey,
		CookieName:     name,
		CookiePath:     "/",
		CookieSecure:   secure,
		CookieHTTPOnly: true,
		CookieSameSite: http.SameSiteLaxMode,
		CookieMaxAge:   7 * 24 * 3600,
		Skipper:        sessionless,
		ErrorHandler: func(err error, c echo.Context) error {
			return &ui.Error{Code: http.StatusForbidden, Message: "This form has expired or did not come from the portal. Reload the page and try again.", Err: err}
		},
	})
}
