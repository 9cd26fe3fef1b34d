package account

import (
	"encoding/hex"
	"errors"
	"net/http"
	"net/mail"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/audit"
	"partnerportal/web/auth"
	"partnerportal/web/jobs"
	"partnerportal/web/ui"
)

// forgotLinkLifetime is how long a link asked for on the sign-in page works: shorter than an
// admin's, since anyone can ask for one to be sent.
const forgotLinkLifetime = 2 * time.Hour

// forgotSent is the one answer to every well-formed request, so that it never tells whether
// the address has an account.
const forgotSent = "If an account uses that address, a link to set a new password is on its way to it. The link works for 2 hours; if nothing arrives, check the address and try again later."

// HandleForgotPage asks for the address to send a password link to.
func HandleForgotPage() echo.HandlerFunc {
	return func(c echo.Context) error {
		return ui.OK(c, "Forgot your password?", views.ForgotPasswordPage(views.ForgotForm{Email: c.QueryParam("email"), CSRF: ui.CSRFToken(c)}))
	}
}

// HandleForgot sends a one-time password link to the address, if an active account uses it.
// Whatever the address, the answer is the same. Requests are throttled per address and per
// client, so nobody can flood an inbox or probe addresses in bulk.
func HandleForgot(pool *pgxpool.Pool, jq *jobs.Queue, throttle *auth.Throttle) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		email := strings.TrimSpace(c.FormValue("email"))
		form := views.ForgotForm{Email: email, CSRF: ui.CSRFToken(c)}
		if a, err := mail.ParseAddress(email); err != nil || a.Address != email || len(email) > 254 || !ui.CleanText(email, false) {
			form.Error = "Enter the e-mail address you sign in with, like name@example.com."
			return ui.Render(c, http.StatusUnprocessableEntity, "Forgot your password?", views.ForgotPasswordPage(form))
		}
		now := ui.When(c).Now
		if _, wait := throttle.Allow(email, c.RealIP(), "", now); wait > 0 {
			form.Error = "Too many requests for a password link. Wait " + retryAfter(c, wait) + " and try again."
			return ui.Render(c, http.StatusTooManyRequests, "Forgot your password?", views.ForgotPasswordPage(form))
		}
		err := db.Transact(ctx, pool, func(q *db.Queries) error {
			u, err := q.GetUserByEmail(ctx, email)
			if errors.Is(err, pgx.ErrNoRows) {
				return nil
			}
			if err != nil || u.DisabledAt != nil {
				return err
			}
			return sendResetLink(c, q, jq, u, now)
		})
		if err != nil {
			return err
		}
		form.Sent = forgotSent
		return ui.OK(c, "Forgot your password?", views.ForgotPasswordPage(form))
	}
}

// sendResetLink replaces u's earlier links with a new one, records it, and writes the e-mail
// that carries it (in the same transaction).
func sendResetLink(c echo.Context, q *db.Queries, jq *jobs.Queue, u db.User, now time.Time) error {
	ctx := c.Request().Context()
	token := auth.NewToken()
	if err := q.BurnPasswordResetTokens(ctx, db.BurnPasswordResetTokensParams{UserID: u.ID, At: &now}); err != nil {
		return err
	}
	expires := now.Add(forgotLinkLifetime)
	if err := q.CreatePasswordResetToken(ctx, db.CreatePasswordResetTokenParams{TokenHash: auth.TokenHash(token), UserID: u.ID,
		CreatedBy: u.ID, CreatedAt: now, ExpiresAt: expires}); err != nil {
		return err
	}
	if err := audit.Write(ctx, q, now, audit.UserEvent(u.ID, audit.ActionUserResetLink, u, nil,
		map[string]string{"expires_at": expires.Format(time.RFC3339), "asked_by": "the user"})); err != nil {
		return err
	}
	uid := u.ID
	return jq.Mail(ctx, q, jobs.Mail{
		Key: "password-reset:" + hex.EncodeToString(auth.TokenHash(token)), Kind: "password_reset", UserID: &uid,
		To: u.Email, ToName: u.Name, Subject: "Set a new password for the Partner Portal",
		View: views.MailView{
			Greeting: "Hello " + u.Name + ",",
			Heading:  "Set a new password",
			Lines: []string{
				"Someone (we hope you) asked for a link to set a new password for " + u.Email + ".",
				"The link works once, for 2 hours. If you did not ask for it, ignore this message: your password stays as it is.",
			},
			ActionLabel: "Set a new password", ActionURL: "/reset/" + token,
		},
	})
}
