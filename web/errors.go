package web

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"partnerportal/views"
)

// Error is an error with an HTTP status and a message safe to show; Err holds the detail that
// only goes to the log.
type Error struct {
	Code    int
	Message string
	Err     error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%d %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%d %s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

var statusTitles = map[int]string{
	http.StatusBadRequest:          "That request could not be understood",
	http.StatusForbidden:           "Not allowed",
	http.StatusNotFound:            "Page not found",
	http.StatusMethodNotAllowed:    "Not allowed",
	http.StatusTooManyRequests:     "Too many requests",
	http.StatusInternalServerError: "Something went wrong",
	http.StatusServiceUnavailable:  "Temporarily unavailable",
}

var statusMessages = map[int]string{
	http.StatusBadRequest:          "Check what you entered and try again.",
	http.StatusForbidden:           "You do not have permission to do that.",
	http.StatusNotFound:            "There is nothing at this address. It may have moved, or you may not have access to it.",
	http.StatusMethodNotAllowed:    "That action is not available here.",
	http.StatusTooManyRequests:     "Please wait a moment and try again.",
	http.StatusInternalServerError: "We could not complete your request. Please try again; if it keeps happening, contact your account manager.",
	http.StatusServiceUnavailable:  "The portal is starting or under maintenance. Please try again shortly.",
}

// handleError is the one error handler: it turns any error into a full error page, or for
// htmx requests into a message shown in the flash area. Details go to the log, never to the
// page.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		s.logger.Error("error after response started", "err", err, "request_id", RequestID(c))
		return
	}
	if IsAPI(c) {
		s.handleAPIError(err, c)
		return
	}
	info := views.ErrorInfo{Status: http.StatusInternalServerError}
	var pe *Error
	var he *echo.HTTPError
	switch {
	case errors.As(err, &pe):
		info.Status, info.Message = pe.Code, pe.Message
	case errors.As(err, &he):
		info.Status = he.Code
	}
	if info.Status >= 500 {
		s.logger.Error("request failed", "err", err, "request_id", RequestID(c), "path", c.Request().URL.Path)
	}
	if info.Message == "" {
		info.Message = statusMessages[info.Status]
	}
	info.Title = statusTitles[info.Status]
	if info.Title == "" {
		info.Title = http.StatusText(info.Status)
	}
	if c.Request().Method == http.MethodHead {
		_ = c.NoContent(info.Status)
		return
	}
	var rerr error
	if IsHTMX(c) {
		h := c.Response().Header()
		h.Set("HX-Retarget", "#flash")
		h.Set("HX-Reswap", "innerHTML")
		rerr = RenderFragment(c, info.Status, views.FlashMessage(views.Flash{Kind: "error", Text: info.Message}))
	} else {
		rerr = Render(c, info.Status, info.Title, views.ErrorPage(info))
	}
	if rerr != nil {
		s.logger.Error("render error page", "err", rerr, "request_id", RequestID(c))
	}
}
