package web

import (
	"context"
	"errors"
	"net/http"
	"partnerportal/web/api"
	"partnerportal/web/ui"

	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

// statusTitles are the headings of error pages, in words a person reads (never the bare
// status text, such as "Unprocessable Entity").
var statusTitles = map[int]string{
	http.StatusBadRequest:            "That request could not be understood",
	http.StatusUnauthorized:          "Sign in first",
	http.StatusForbidden:             "Not allowed",
	http.StatusNotFound:              "Page not found",
	http.StatusMethodNotAllowed:      "Not allowed",
	http.StatusConflict:              "That changed in the meantime",
	http.StatusGone:                  "No longer here",
	http.StatusRequestEntityTooLarge: "Too much at once",
	http.StatusUnprocessableEntity:   "Check what you entered",
	http.StatusTooManyRequests:       "Too many requests",
	http.StatusInternalServerError:   "Something went wrong",
	http.StatusServiceUnavailable:    "Temporarily unavailable",
}

var statusMessages = map[int]string{
	http.StatusBadRequest:            "Check what you entered and try again.",
	http.StatusUnauthorized:          "Sign in, then try again.",
	http.StatusForbidden:             "You do not have permission to do that.",
	http.StatusNotFound:              "There is nothing at this address. It may have moved, or you may not have access to it.",
	http.StatusMethodNotAllowed:      "That action is not available here.",
	http.StatusConflict:              "Someone changed this while you were looking at it. Reload the page to see it as it is now, then try again.",
	http.StatusGone:                  "What you asked for is no longer available.",
	http.StatusRequestEntityTooLarge: "That was more than the portal takes in one request. Send less at a time (a ticket takes at most 5 files of 10 MB each).",
	http.StatusUnprocessableEntity:   "Some of what you entered cannot be used. Go back, correct it and try again.",
	http.StatusTooManyRequests:       "Please wait a moment and try again.",
	http.StatusInternalServerError:   "We could not complete your request. Please try again; if it keeps happening, contact your account manager.",
	http.StatusServiceUnavailable:    "The portal is starting or under maintenance. Please try again shortly.",
}

// statusTitle is the heading of an error page with status: its own, or one for its class.
func statusTitle(status int) string {
	if t, ok := statusTitles[status]; ok {
		return t
	}
	if status >= 500 {
		return statusTitles[http.StatusInternalServerError]
	}
	return "That did not work"
}

// statusClientClosed is the status the request log shows for a request whose client left
// before it was answered (nginx's 499): not a server error.
const statusClientClosed = 499

// retryAfterOutage is how long a client is told to wait while the database cannot be reached:
// long enough not to pile on, short enough for a restart.
const retryAfterOutage = "5"

// errUnavailable answers a request the database could not serve because it cannot be reached.
var errUnavailable = &ui.Error{Code: http.StatusServiceUnavailable,
	Message: "The portal cannot reach its database just now. Please try again in a moment."}

// handleError is the one error handler: it turns any error into a full error page, or for
// htmx requests into a message shown in the flash area. Details go to the log, never to the
// page.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		s.logger.Error("error after response started", "err", err, "request_id", ui.RequestID(c))
		return
	}
	if errors.Is(err, context.Canceled) && c.Request().Context().Err() != nil {
		// The client went away (a page left while its pictures loaded, a reporter that gave
		// up): nobody reads an answer, and nothing failed on this side.
		s.logger.Info("client went away", "request_id", ui.RequestID(c), "path", c.Request().URL.Path)
		_ = c.NoContent(statusClientClosed)
		return
	}
	if api.IsAPI(c) {
		api.HandleError(s.logger, err, c)
		return
	}
	info := views.ErrorInfo{Status: http.StatusInternalServerError}
	var pe *ui.Error
	var he *echo.HTTPError
	switch {
	case db.Unavailable(err):
		s.logger.Warn("database unavailable", "err", err, "request_id", ui.RequestID(c), "path", c.Request().URL.Path)
		c.Response().Header().Set("Retry-After", retryAfterOutage)
		info.Status, info.Message = errUnavailable.Code, errUnavailable.Message
	case errors.As(err, &pe):
		info.Status, info.Message = pe.Code, pe.Message
	case errors.As(err, &he):
		info.Status = he.Code
	}
	if info.Status >= 500 && info.Status != http.StatusServiceUnavailable {
		s.logger.Error("request failed", "err", err, "request_id", ui.RequestID(c), "path", c.Request().URL.Path)
	}
	if info.Message == "" {
		info.Message = statusMessages[info.Status]
	}
	info.Title = statusTitle(info.Status)
	if c.Request().Method == http.MethodHead {
		_ = c.NoContent(info.Status)
		return
	}
	var rerr error
	if ui.IsHTMX(c) {
		h := c.Response().Header()
		h.Set("HX-Retarget", "#flash")
		h.Set("HX-Reswap", "innerHTML")
		rerr = ui.RenderFragment(c, info.Status, views.FlashMessage(views.Flash{Kind: "error", Text: info.Message}))
	} else {
		rerr = ui.Render(c, info.Status, info.Title, views.ErrorPage(info))
	}
	if rerr != nil {
		s.logger.Error("render error page", "err", rerr, "request_id", ui.RequestID(c))
	}
}
