package account

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/alexedwards/scs/v2"
	"github.com/go-playground/validator/v10"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/auth"
	"partnerportal/web/ui"
)

// errSignupLink is the answer to a sign-up link that does not work, whatever the reason.
var errSignupLink = &ui.Error{Code: http.StatusNotFound, Message: "This link does not work: it has been used already, it has expired, or a newer one replaced it. Ask for a new one on the “Create an account” page."}

type finishSignupForm struct {
	Name     string `form:"name" validate:"required,max=200"`
	Password string `form:"password,raw" validate:"required,min=10,max=200"`
}

// HandleFinishSignupPage asks for the new account's name and password, if the link still works.
func HandleFinishSignupPage(pool *pgxpool.Pool) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		link, err := q.GetSignupLink(c.Request().Context(), db.GetSignupLinkParams{TokenHash: auth.TokenHash(c.Param("token")), Now: ui.When(c).Now})
		if errors.Is(err, pgx.ErrNoRows) {
			return errSignupLink
		}
		if err != nil {
			return err
		}
		c.Response().Header().Set("Cache-Control", "no-store")
		return ui.OK(c, "Finish creating your account", views.FinishSignupPage(views.FinishSignupForm{
			Action: c.Request().URL.Path, Email: link.Email, CSRF: ui.CSRFToken(c)}))
	}
}

// HandleFinishSignup creates the customer account the link was sent for and signs it in,
// with the visitor's cart: the session's, and the one the link remembers when it was opened
// in another browser. The browser is remembered as the account's (a device cookie).
func HandleFinishSignup(pool *pgxpool.Pool, sm *scs.SessionManager, hasher *auth.Hasher, v *validator.Validate, devices *auth.Devices) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		hash, now := auth.TokenHash(c.Param("token")), ui.When(c).Now
		var f finishSignupForm
		if errs := ui.BindForm(c, v, &f); errs != nil {
			link, err := q.GetSignupLink(ctx, db.GetSignupLinkParams{TokenHash: hash, Now: now})
			if errors.Is(err, pgx.ErrNoRows) {
				return errSignupLink
			}
			if err != nil {
				return err
			}
			page := views.FinishSignupForm{Action: c.Request().URL.Path, Email: link.Email, Name: f.Name, Errors: errs, CSRF: ui.CSRFToken(c)}
			return ui.Render(c, http.StatusUnprocessableEntity, "Finish creating your account", views.FinishSignupPage(page))
		}
		var user db.User
		var next string
		err := db.Transact(ctx, pool, func(tq *db.Queries) error {
			link, err := tq.UseSignupLink(ctx, db.UseSignupLinkParams{TokenHash: hash, Now: &now})
			if errors.Is(err, pgx.ErrNoRows) {
				return errSignupLink
			}
			if err != nil {
				return err
			}
			next = link.NextPath
			user, err = tq.CreateUser(ctx, db.CreateUserParams{Email: link.Email, Name: f.Name, PasswordHash: hasher.Hash(f.Password), Role: db.UserRoleConsumer})
			var pgErr *pgconn.PgError
			if errors.As(err, &pgErr) && pgErr.ConstraintName == "users_email_key" {
				return &ui.Error{Code: http.StatusConflict, Message: "An account with this address was created meanwhile. Sign in with it, or use “Forgot your password?” on the sign-in page."}
			}
			if err != nil {
				return err
			}
			if link.CartKey != nil && *link.CartKey != sm.GetString(ctx, ui.SessionCartKey) {
				return tq.MergeVisitorCart(ctx, db.MergeVisitorCartParams{VisitorKey: *link.CartKey, ConsumerID: user.ID})
			}
			return nil
		})
		if err != nil {
			return err
		}
		if err := signInOnDevice(c, sm, q, devices, user); err != nil {
			return err
		}
		ui.AddFlash(sm, ctx, "success", "Welcome, "+user.Name+". Your account is ready.")
		to := ui.SafeNext(next)
		if to == "" {
			to = ui.HomeFor(user.Role)
		}
		return ui.Redirect(c, to)
	}
}

// urlQuery escapes s for a query string.
func urlQuery(s string) string { return url.QueryEscape(s) }
