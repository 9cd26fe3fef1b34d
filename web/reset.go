package web

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/http"
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/auth"
	"partnerportal/web/clock"
)

// resetLinkLifetime is how long a one-time password link works.
const resetLinkLifetime = 72 * time.Hour

// errResetLink is the answer to a link that does not work, whatever the reason.
var errResetLink = &Error{Code: http.StatusNotFound, Message: "This password link does not work: it has been used already, it has expired, or a newer link replaced it. Ask your administrator for a new one."}

// newToken is 256 random bits, URL-safe.
func newToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("read random token: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func tokenHash(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// issueResetLink makes a one-time password link for u, replacing any earlier one, and records
// it. Only the token's hash is stored: the link returned is shown once.
func issueResetLink(ctx context.Context, q *db.Queries, c echo.Context, clk clock.Clock, loc *time.Location, actor int64, u db.User) (*views.ResetLink, error) {
	now := clk.Now()
	token := newToken()
	if err := q.BurnPasswordResetTokens(ctx, db.BurnPasswordResetTokensParams{UserID: u.ID, At: &now}); err != nil {
		return nil, err
	}
	expires := now.Add(resetLinkLifetime)
	if err := q.CreatePasswordResetToken(ctx, db.CreatePasswordResetTokenParams{TokenHash: tokenHash(token), UserID: u.ID,
		CreatedBy: actor, CreatedAt: now, ExpiresAt: expires}); err != nil {
		return nil, err
	}
	if err := Write(ctx, q, now, userEvent(actor, ActionUserResetLink, u, nil, map[string]string{"expires_at": expires.Format(time.RFC3339)})); err != nil {
		return nil, err
	}
	return &views.ResetLink{For: u.Name + " <" + u.Email + ">", URL: c.Scheme() + "://" + c.Request().Host + "/reset/" + token,
		Expires: expires.In(loc).Format("2 Jan 2006 15:04 MST")}, nil
}

// HandleIssueResetLink shows an admin a new one-time password link for an account.
func HandleIssueResetLink(pool *pgxpool.Pool, clk clock.Clock, cfg Config) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		actor := UserFromContext(ctx)
		id, err := PathID(c, "uid")
		if err != nil {
			return err
		}
		var link *views.ResetLink
		err = db.Transact(ctx, pool, func(tq *db.Queries) error {
			u, err := tq.GetUserForUpdate(ctx, id)
			if errors.Is(err, pgx.ErrNoRows) {
				return echo.ErrNotFound
			}
			if err != nil {
				return err
			}
			if u.DisabledAt != nil {
				return &Error{Code: http.StatusUnprocessableEntity, Message: u.Name + " is disabled: enable the account before sending a password link."}
			}
			link, err = issueResetLink(ctx, tq, c, clk, cfg.Location, actor.ID, u)
			return err
		})
		if err != nil {
			return err
		}
		p, err := usersPage(c, q, userInput{Role: string(db.UserRolePartner)})
		if err != nil {
			return err
		}
		p.Link = link
		return OK(c, "Users", views.UsersView(p))
	}
}

type resetInput struct {
	Password string `form:"password" validate:"required,min=10,max=200"`
	Confirm  string `form:"password_confirm" validate:"required,eqfield=Password"`
}

// HandleResetPage asks for a new password, if the link still works.
func HandleResetPage(pool *pgxpool.Pool, clk clock.Clock) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		t, err := q.GetPasswordResetToken(c.Request().Context(), db.GetPasswordResetTokenParams{TokenHash: tokenHash(c.Param("token")), Now: clk.Now()})
		if errors.Is(err, pgx.ErrNoRows) {
			return errResetLink
		}
		if err != nil {
			return err
		}
		c.Response().Header().Set("Cache-Control", "no-store")
		return OK(c, "Set your password", views.ResetPasswordView(views.ResetForm{Action: c.Request().URL.Path, Name: t.Name, Email: t.Email, CSRF: CSRFToken(c)}))
	}
}

// HandleResetPassword sets the password and burns the link, in one transaction with its
// audit record; the owner then signs in with the new password.
func HandleResetPassword(pool *pgxpool.Pool, clk clock.Clock, hasher *auth.Hasher, v *validator.Validate) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		hash, now := tokenHash(c.Param("token")), clk.Now()
		in := resetInput{Password: c.FormValue("password"), Confirm: c.FormValue("password_confirm")}
		if errs := ValidateForm(v, in); errs != nil {
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
			return Render(c, http.StatusUnprocessableEntity, "Set your password",
				views.ResetPasswordView(views.ResetForm{Action: c.Request().URL.Path, Name: t.Name, Email: t.Email, Errors: errs, CSRF: CSRFToken(c)}))
		}
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
			u := db.User{ID: t.UserID, Name: t.Name, Email: t.Email, CompanyID: t.CompanyID}
			return Write(ctx, tq, now, userEvent(t.UserID, ActionUserPasswordSet, u, nil, nil))
		})
		if err != nil {
			return err
		}
		AddFlash(Sessions(c), ctx, "success", "Your password is set. Sign in with it.")
		return Redirect(c, "/login")
	}
}
