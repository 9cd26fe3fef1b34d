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
	"unicode"
	"unicode/utf8"

	"github.com/alexedwards/scs/v2"
	"github.com/go-playground/validator/v10"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
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
		return ui.OK(c, "Sign in", views.LoginPage(views.LoginForm{Next: ui.SafeNext(c.QueryParam("next")), CSRF: ui.CSRFToken(c)}))
	}
}

// userByEmail is what sign-in needs from the database.
type userByEmail interface {
	GetUserByEmail(ctx context.Context, email string) (db.User, error)
	ui.CartMerger
}

func HandleLogin(q userByEmail, sm *scs.SessionManager, hasher *auth.Hasher, throttle *auth.Throttle) echo.HandlerFunc {
	return func(c echo.Context) error {
		email := strings.TrimSpace(c.FormValue("email"))
		password := c.FormValue("password")
		form := views.LoginForm{Email: email, Next: ui.SafeNext(c.FormValue("next")), CSRF: ui.CSRFToken(c)}
		ctx := c.Request().Context()

		// PostgreSQL refuses such text in a query (SQLSTATE 22021): no account has it anyway.
		if !readable(email) {
			form.Error = "Enter the e-mail address you sign in with, like name@example.com."
			return ui.Render(c, http.StatusUnprocessableEntity, "Sign in", views.LoginPage(form))
		}
		attempt, wait := throttle.Allow(email, c.RealIP(), ui.When(c).Now)
		if attempt == nil {
			form.Error = "Too many sign-in attempts. Wait " + retryAfter(c, wait) + " and try again."
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
		if err := signIn(c, sm, q, user); err != nil {
			return err
		}
		to := form.Next
		if to == "" {
			to = ui.HomeFor(user.Role)
		}
		return ui.Redirect(c, to)
	}
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

func HandleSignupPage() echo.HandlerFunc {
	return func(c echo.Context) error {
		return ui.OK(c, "Create an account", views.SignupPage(views.SignupForm{Next: ui.SafeNext(c.QueryParam("next")), CSRF: ui.CSRFToken(c)}))
	}
}

type signupForm struct {
	Name     string `form:"name" validate:"required,max=200"`
	Email    string `form:"email" validate:"required,email,max=254"`
	Password string `form:"password" validate:"required,min=10,max=200"`
}

// userCreator is what sign-up needs from the database.
type userCreator interface {
	CreateUser(ctx context.Context, arg db.CreateUserParams) (db.User, error)
	ui.CartMerger
}

func HandleSignup(q userCreator, sm *scs.SessionManager, hasher *auth.Hasher, v *validator.Validate) echo.HandlerFunc {
	return func(c echo.Context) error {
		f := signupForm{
			Name:     strings.TrimSpace(c.FormValue("name")),
			Email:    strings.TrimSpace(c.FormValue("email")),
			Password: c.FormValue("password"),
		}
		page := views.SignupForm{Name: f.Name, Email: f.Email, Next: ui.SafeNext(c.FormValue("next")), CSRF: ui.CSRFToken(c), Errors: ui.ValidateForm(v, f)}
		if !page.Errors.Has("name") && !readable(f.Name) {
			if page.Errors == nil {
				page.Errors = views.FieldErrors{}
			}
			page.Errors["name"] = "Use letters, digits, spaces and punctuation only."
		}
		if page.Errors == nil {
			user, err := q.CreateUser(c.Request().Context(), db.CreateUserParams{
				Email: f.Email, Name: f.Name, PasswordHash: hasher.Hash(f.Password), Role: db.UserRoleConsumer,
			})
			var pgErr *pgconn.PgError
			switch {
			case errors.As(err, &pgErr) && pgErr.ConstraintName == "users_email_key":
				page.Errors = views.FieldErrors{"email": "An account with this e-mail already exists. Sign in instead."}
			case err != nil:
				return err
			default:
				if err := signIn(c, sm, q, user); err != nil {
					return err
				}
				ui.AddFlash(sm, c.Request().Context(), "success", "Welcome, "+user.Name+". Your account is ready.")
				to := page.Next
				if to == "" {
					to = ui.HomeFor(user.Role)
				}
				return ui.Redirect(c, to)
			}
		}
		return ui.Render(c, http.StatusUnprocessableEntity, "Create an account", views.SignupPage(page))
	}
}

// readable says whether s is text a person could have typed: valid UTF-8 without NUL or
// other control characters.
func readable(s string) bool {
	return utf8.ValidString(s) && strings.IndexFunc(s, unicode.IsControl) < 0
}

// retryAfter tells the client how long to wait (Retry-After) and says it in minutes.
func retryAfter(c echo.Context, wait time.Duration) string {
	c.Response().Header().Set("Retry-After", fmt.Sprint(int(math.Ceil(wait.Seconds()))))
	minutes := int(math.Ceil(wait.Minutes()))
	return fmt.Sprintf("%d minute%s", minutes, ui.Plural(int64(minutes)))
}
