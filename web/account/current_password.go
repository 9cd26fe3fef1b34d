package account

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/web/ui"
)

// wrongPassword is the message under a current-password field that does not match.
const wrongPassword = "That is not your current password."

// checkCurrentPassword asks the sign-in throttle, then checks password against the signed-in
// user's. It returns "" when the password is right, else the message for the field with the
// status to answer with (422, or 429 while the throttle holds the account).
func (s *Self) checkCurrentPassword(c echo.Context, password string) (string, int, error) {
	ctx := c.Request().Context()
	u, now := ui.UserFromContext(ctx), ui.When(c).Now
	device, err := knownDevice(c, s.Sessions, s.Devices, u.Email)
	if err != nil {
		return "", 0, err
	}
	attempt, wait := s.Throttle.Allow(u.Email, c.RealIP(), device, now)
	if attempt == nil {
		return "Too many wrong passwords. Wait " + retryAfter(c, wait) + " and try again.", http.StatusTooManyRequests, nil
	}
	user, err := db.New(s.Pool).GetUser(ctx, u.ID)
	if err != nil {
		return "", 0, err
	}
	if !s.Hasher.Check(user.PasswordHash, password) {
		return wrongPassword, http.StatusUnprocessableEntity, nil
	}
	attempt.Succeeded()
	return "", 0, nil
}
