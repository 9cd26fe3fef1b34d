package account

import (
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/labstack/echo/v4"

	"partnerportal/web/auth"
	"partnerportal/web/ui"
)

// deviceLifetime is how long a browser is remembered after it last signed in.
const deviceLifetime = 180 * 24 * time.Hour

// deviceCookie is the name of the device cookie: __Host- prefixed, like the session's, when
// cookies are secure.
func deviceCookie(sm *scs.SessionManager) string {
	if sm.Cookie.Secure {
		return "__Host-device"
	}
	return "device"
}

// knownDevice is the id of the browser's device cookie when it was issued for email, "" when
// the browser has none for it.
func knownDevice(c echo.Context, sm *scs.SessionManager, devices *auth.Devices, email string) (string, error) {
	ck, err := c.Cookie(deviceCookie(sm))
	if err != nil {
		return "", nil
	}
	return devices.Check(c.Request().Context(), ck.Value, email, ui.When(c).Now)
}

// rememberDevice gives the browser a device cookie for email, which proved it may use the
// account: its sign-ins to it get a budget of their own from now on. The cookie replaces one
// of another account; it is renewed at each sign-in so it lasts while the browser is in use.
func rememberDevice(c echo.Context, sm *scs.SessionManager, devices *auth.Devices, email string) error {
	value, err := devices.Issue(c.Request().Context(), email, ui.When(c).Now.Add(deviceLifetime))
	if err != nil {
		return err
	}
	c.SetCookie(&http.Cookie{Name: deviceCookie(sm), Value: value, Path: "/", MaxAge: int(deviceLifetime.Seconds()),
		HttpOnly: true, Secure: sm.Cookie.Secure, SameSite: http.SameSiteLaxMode})
	return nil
}
