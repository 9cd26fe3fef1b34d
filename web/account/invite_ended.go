package account

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"partnerportal/web/ui"
)

// invitationEnded is nil for an invitation that still works, else the 410 that says why it
// does not: used, revoked or expired, each with what to do next.
func invitationEnded(c echo.Context, accepted, revoked bool, expires time.Time, invitedBy string) error {
	w := ui.When(c)
	switch {
	case accepted:
		return &ui.Error{Code: http.StatusGone, Message: "This invitation has been used already: its account exists. Sign in with it; forgotten the password? Use “Forgot your password?” on the sign-in page."}
	case revoked:
		return &ui.Error{Code: http.StatusGone, Message: "This invitation was revoked (or replaced by a newer one): it no longer works. Ask " + invitedBy + " for a new one if you still need it."}
	case !expires.After(w.Now):
		return &ui.Error{Code: http.StatusGone, Message: "This invitation expired on " + expires.In(w.Loc).Format("2 Jan 2006 15:04 MST") + ": invitations work for 72 hours. Ask " + invitedBy + " to invite you again."}
	}
	return nil
}
