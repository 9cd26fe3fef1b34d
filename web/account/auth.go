package account

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"partnerportal/web/ui"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/auth"
)

// badCredentials is the one answer to a failed sign-in, whether or not the account exists.
const badCredentials = "The e-mail or password is not right. Check both and try again."

func HandleLoginPage() echo.HandlerFunc {
	return func(c echo.Context) error {
		if u := ui.UserFromContext(c.Request().Context()); u != nil {
			return ui.Redirect(c, ui.HomeFor(u.Role))
		}
		// The address comes from the link of an e-mail that says the account exists.
		email := c.QueryParam("email")
		if len(email) > 254 {
			email = ""
		}
		return ui.OK(c, "Sign in", views.LoginPage(views.LoginForm{Email: email, Next: ui.SafeNext(c.QueryParam("next")), CSRF: ui.CSRFToken(c)}))
	}
}

// userByEmail is what sign-in needs from the database.
type userByEmail interface {
	GetUserByEmail(ctx context.Context, email string) (db.User, error)
	ui.CartMerger
}

// HandleLogin signs a user in. Guesses are throttled (auth.Throttle); a browser that signed in
// to the account before carries a device cookie and has a budget of its own, so nobody else's
// wrong guesses keep the owner out.
func HandleLogin(q userByEmail, sm *scs.SessionManager, hasher *auth.Hasher, throttle *auth.Throttle, devices *auth.Devices) echo.HandlerFunc {
	return func(c echo.Context) error {
		email := strings.TrimSpace(c.FormValue("email"))
		password := c.FormValue("password")
		form := views.LoginForm{Email: email, Next: ui.SafeNext(c.FormValue("next")), CSRF: ui.CSRFToken(c)}
		ctx := c.Request().Context()

		// PostgreSQL refuses such text in a query (SQLSTATE 22021): no account has it anyway.
		if !ui.CleanText(email, false) || len(email) > 254 {
			form.Error = "Enter the e-mail address you sign in with, like name@example.com."
			return ui.Render(c, http.StatusUnprocessableEntity, "Sign in", views.LoginPage(form))
		}
		device, err := knownDevice(c, sm, devices, email)
		if err != nil {
			return err
		}
		attempt, wait := throttle.Allow(email, c.RealIP(), device, ui.When(c).Now)
		if attempt == nil {
			form.Error = "Too many sign-in attempts. Wait " + retryAfter(c, wait) + " and try again."
			if device == "" {
				form.Error += " Or get a link to set a new password with “Forgot your password?” below: a browser you have signed in with before is not held up."
			}
			return ui.Render(c, http.StatusTooManyRequests, "Sign in", views.LoginPage(form))
		}
		user, err := q.GetUserByEmail(ctx, email)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		// Unknown accounts are checked against a dummy hash so they cost the same time.
		if !hasher.Check(user.PasswordHash, password) || user.DisabledAt != nil {
			form.Error = badCredentials
			return ui.Render(c, http.StatusUnauthorized, "Sign in", views.LoginPage(form))
		}
		attempt.Succeeded()
		if err := signInOnDevice(c, sm, q, devices, user); err != nil {
			return err
		}
		to := form.Next
		if to == "" {
			to = ui.HomeFor(user.Role)
		}
		return ui.Redirect(c, to)
	}
}

// signInOnDevice signs user in (signIn) and remembers this browser as one they signed in on
// (rememberDevice): what every way into an account ends with.
func signInOnDevice(c echo.Context, sm *scs.SessionManager, carts ui.CartMerger, devices *auth.Devices, user db.User) error {
	if err := signIn(c, sm, carts, user); err != nil {
		return err
	}
	return rememberDevice(c, sm, devices, user.Email)
}

// signIn starts a new session for the user: a new token, so one planted before sign-in is
// worthless after it. A visitor's cart becomes the consumer's (both login and sign-up pass
// here).
func signIn(c echo.Context, sm *scs.SessionManager, carts ui.CartMerger, user db.User) error {
	userID, role := user.ID, user.Role
	ctx := c.Request().Context()
	if err := sm.RenewToken(ctx); err != nil {
		return err
	}
	if err := ui.MergeVisitorCart(ctx, carts, sm, userID, role); err != nil {
		return err
	}
	sm.Put(ctx, ui.SessionUserID, userID)
	sm.Put(ctx, ui.SessionEpoch, int(user.SessionEpoch))
	return nil
}

func HandleLogout(sm *scs.SessionManager) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		// Destroy deletes the session on the server, so the old cookie no longer signs anyone
		// in; the message below then travels in a brand-new session.
		if err := sm.Destroy(ctx); err != nil {
			return err
		}
		ui.AddFlash(sm, ctx, "success", "You have signed out.")
		return ui.Redirect(c, "/login")
	}
}

// retryAfter tells the client how long to wait (Retry-After) and says it in minutes.
func retryAfter(c echo.Context, wait time.Duration) string {
	c.Response().Header().Set("Retry-After", fmt.Sprint(int(math.Ceil(wait.Seconds()))))
	minutes := int(math.Ceil(wait.Minutes()))
	return fmt.Sprintf("%d minute%s", minutes, ui.Plural(int64(minutes)))
}
