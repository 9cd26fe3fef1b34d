package ui

import "github.com/labstack/echo/v4"

// CSRFContextKey is where the CSRF middleware leaves the token of a request.
const CSRFContextKey = "csrf"

// CSRFToken is the token forms of this request must send back.
func CSRFToken(c echo.Context) string {
	t, _ := c.Get(CSRFContextKey).(string)
	return t
}

func RequestID(c echo.Context) string {
	return c.Response().Header().Get(echo.HeaderXRequestID)
}
