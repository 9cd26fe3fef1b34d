package account

import (
	"errors"
	"net/http"
	"partnerportal/web/audit"
	"partnerportal/web/ui"

	"github.com/alexedwards/scs/v2"
	"github.com/go-playground/validator/v10"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/auth"
)

// errResetLink is the answer to a link that does not work, whatever the reason.
var errResetLink = &ui.Error{Code: http.StatusNotFound, Message: "This password link does not work: it has been used already, it has expired, or a newer link replaced it. Ask for a new one with “Forgot your password?” on the sign-in page."}

type resetInput struct {
	Password string `form:"password,raw" validate:"required,min=10,max=200"`
	Confirm  string `form:"password_confirm,raw" validate:"required,eqfield=Password"`
}

// HandleResetPage asks for a new password, if the link still works.
func HandleResetPage(pool *pgxpool.Pool) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		t, err := q.GetPasswordResetToken(c.Request().Context(), db.GetPasswordResetTokenParams{TokenHash: auth.TokenHash(c.Param("token")), Now: ui.When(c).Now})
		if errors.Is(err, pgx.ErrNoRows) {
			return errResetLink
		}
		if err != nil {
			return err
		}
		c.Response().Header().Set("Cache-Control", "no-store")
		return ui.OK(c, "Set your password", views.ResetPasswordView(views.ResetForm{Action: c.Request().URL.Path, Name: t.Name, Email: t.Email, CSRF: ui.CSRFToken(c)}))
	}
}

// HandleResetPassword sets the password and burns the link, in one transaction with its
// audit record; the owner then signs in with the new password. The link proved the browser is
// the owner's, so it gets a device cookie: however many guesses others make at the account,
// its sign-in is not held up (an owner locked out elsewhere gets in this way).
func HandleResetPassword(pool *pgxpool.Pool, sm *scs.SessionManager, hasher *auth.Hasher, v *validator.Validate, devices *auth.Devices) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		hash, now := auth.TokenHash(c.Param("token")), ui.When(c).Now
		var in resetInput
		if errs := ui.BindForm(c, v, &in); errs != nil {
			t, err := q.GetPasswordResetToken(ctx, db.GetPasswordResetTokenParams{TokenHash: hash, Now: now})
			if errors.Is(err, pgx.ErrNoRows) {
				return errResetLink
			}
			if err != nil {
				return err
			}
			if errs.Has("password_confirm") && !errs.Has("password") {
				errs["password_confirm"] = "The two passwords differ; type the same one twice."
			}
			c.Response().Header().Set("Cache-Control", "no-store")
			return ui.Render(c, http.StatusUnprocessableEntity, "Set your password",
				views.ResetPasswordView(views.ResetForm{Action: c.Request().URL.Path, Name: t.Name, Email: t.Email, Errors: errs, CSRF: ui.CSRFToken(c)}))
		}
		var email string
		err := db.Transact(ctx, pool, func(tq *db.Queries) error {
			t, err := tq.UsePasswordResetToken(ctx, db.UsePasswordResetTokenParams{TokenHash: hash, Now: &now})
			if errors.Is(err, pgx.ErrNoRows) {
				return errResetLink
			}
			if err != nil {
				return err
			}
			if err := tq.SetUserPassword(ctx, db.SetUserPasswordParams{ID: t.UserID, PasswordHash: hasher.Hash(in.Password)}); err != nil {
				return err
			}
			email = t.Email
			u := db.User{ID: t.UserID, Name: t.Name, Email: t.Email, CompanyID: t.CompanyID}
			return audit.Write(ctx, tq, now, audit.UserEvent(t.UserID, audit.ActionUserPasswordSet, u, nil, nil))
		})
		if err != nil {
			return err
		}
		if err := rememberDevice(c, sm, devices, email); err != nil {
			return err
		}
		ui.AddFlash(sm, ctx, "success", "Your password is set. Sign in with it.")
		return ui.Redirect(c, "/login")
	}
}
