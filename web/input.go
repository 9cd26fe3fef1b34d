package web

import (
	"net/http"
	"regexp"

	"github.com/labstack/echo/v4"

	"partnerportal/web/ui"
)

// maxAddressText is the most bytes a path parameter or a query value may hold: more than any
// search or filter needs, far less than what would make a query slow.
const maxAddressText = 2000

// errUnreadableAddress answers an address whose query holds text no page reads.
var errUnreadableAddress = &ui.Error{Code: http.StatusBadRequest,
	Message: "The address holds characters that cannot be part of a search or a filter, or is far too long. Check the link and try again."}

// checkAddress refuses a request whose path parameters or query values are not text a person
// could have typed on one line (ui.CleanText) or are far too long: a path names nothing then
// (404, as for any page that does not exist), a query is not understood (400). It runs once
// for every route, after routing, so no handler needs its own check and no such text reaches
// a query. Form fields are checked where the form is read (ui.BindForm, ui.ValidateForm),
// which can say under the field what is wrong.
func checkAddress(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		for _, v := range c.ParamValues() {
			if len(v) > maxAddressText || !ui.CleanText(v, false) {
				return echo.ErrNotFound
			}
		}
		for k, vs := range c.QueryParams() {
			if len(k) > maxAddressText || !ui.CleanText(k, false) {
				return errUnreadableAddress
			}
			for _, v := range vs {
				if len(v) > maxAddressText || !ui.CleanText(v, false) {
					return errUnreadableAddress
				}
			}
		}
		return next(c)
	}
}

// requestIDPattern is what a request id sent by a client (or a proxy) may look like to be kept:
// it is echoed in the answer and written to the log.
var requestIDPattern = regexp.MustCompile(`^[A-Za-z0-9._:-]{1,64}$`)

// dropOddRequestID forgets an X-Request-Id that does not look like one, so the middleware that
// follows makes its own rather than echoing and logging what a client made up.
func dropOddRequestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Request().Header
		if id := h.Get(echo.HeaderXRequestID); id != "" && !requestIDPattern.MatchString(id) {
			h.Del(echo.HeaderXRequestID)
		}
		return next(c)
	}
}
