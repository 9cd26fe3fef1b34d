package account

import (
	"encoding/hex"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/audit"
	"partnerportal/web/auth"
	"partnerportal/web/jobs"
	"partnerportal/web/ui"
)

// emailLinkLifetime is how long a link confirming a new address works.
const emailLinkLifetime = 24 * time.Hour

type emailInput struct {
	Email    string `form:"new_email" validate:"required,email,max=254"`
	Password string `form:"password,raw" validate:"required,max=200"`
}

// HandleRequestEmailChange sends the new address a link that confirms it; the address changes
// only when the link is opened. The current password is asked for, so a session left open
// cannot move the account to someone else's address. The answer is the same whether or not
// the address has an account (as sign-up's is): when it has one, the message to it says so and
// carries no link, and nothing changes. Requests are throttled per address and per client.
func (s *Self) HandleRequestEmailChange() echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		u, now := ui.UserFromContext(ctx), ui.When(c).Now
		var in emailInput
		errs := ui.BindForm(c, s.Validate, &in)
		if errs == nil && strings.EqualFold(in.Email, u.Email) {
			errs = ui.WithError(errs, "new_email", "That is already your address: type the new one.")
		}
		status := http.StatusUnprocessableEntity
		if errs == nil {
			msg, code, err := s.checkCurrentPassword(c, in.Password)
			if err != nil {
				return err
			}
			if msg != "" {
				errs, status = ui.WithError(errs, "password", msg), code
			}
		}
		if errs == nil {
			if _, wait := s.MailThrottle.Allow(in.Email, c.RealIP(), "", now); wait > 0 {
				errs, status = ui.WithError(errs, "", "Too many requests to change the address. Wait "+retryAfter(c, wait)+" and try again."), http.StatusTooManyRequests
			}
		}
		if errs != nil {
			return s.render(c, status, func(p *views.AccountPage) { p.EmailForm.Value, p.EmailForm.Errors = in.Email, errs })
		}
		err := db.Transact(ctx, s.Pool, func(q *db.Queries) error {
			return s.sendEmailChangeLink(c, q, u, in.Email, now)
		})
		if err != nil {
			return err
		}
		return ui.FlashRedirect(c, "success", "We have sent a message to "+in.Email+". Open the link in it within 24 hours to make it your sign-in address; until then you sign in with "+
			u.Email+". If that address belongs to another account already, the message says so and nothing changes.", "/account#email")
	}
}

// sendEmailChangeLink records the request (it replaces earlier ones) and writes the message to
// the new address: the link, or, when another account has the address, a note saying so.
func (s *Self) sendEmailChangeLink(c echo.Context, q *db.Queries, u *ui.CurrentUser, to string, now time.Time) error {
	ctx := c.Request().Context()
	token := auth.NewToken()
	if err := q.BurnEmailChangeTokens(ctx, db.BurnEmailChangeTokensParams{UserID: u.ID, At: &now}); err != nil {
		return err
	}
	// recorded even when the address is taken: the page then looks the same either way, and a
	// link that was never sent opens nothing
	if err := q.CreateEmailChangeToken(ctx, db.CreateEmailChangeTokenParams{TokenHash: auth.TokenHash(token), UserID: u.ID,
		NewEmail: to, CreatedAt: now, ExpiresAt: now.Add(emailLinkLifetime)}); err != nil {
		return err
	}
	if err := audit.Write(ctx, q, now, audit.UserEvent(u.ID, audit.ActionUserEmailRequest, userOf(u), nil, map[string]string{"new_email": to})); err != nil {
		return err
	}
	key := "email-change:" + hex.EncodeToString(auth.TokenHash(token))
	other, err := q.GetUserByEmail(ctx, to)
	if err == nil {
		return s.Jobs.Mail(ctx, q, jobs.Mail{Key: key, Kind: "email_change", UserID: &other.ID, To: other.Email, ToName: other.Name,
			Subject: "Your address is already used for a Partner Portal account",
			View: views.MailView{
				Greeting: "Hello " + other.Name + ",",
				Heading:  "This address already has an account",
				Lines: []string{
					"Someone (perhaps you, from another account) asked on " + ui.LongDate(now) + " to make " + other.Email + " the sign-in address of another Partner Portal account.",
					"An address can belong to one account only, and this one is yours, so nothing has changed. If you did not ask, ignore this message.",
				},
				ActionLabel: "Sign in", ActionURL: "/login?email=" + urlQuery(other.Email),
			}})
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	return s.Jobs.Mail(ctx, q, jobs.Mail{Key: key, Kind: "email_change", UserID: &u.ID, To: to, ToName: u.Name,
		Subject: "Confirm your new Partner Portal address",
		View: views.MailView{
			Greeting: "Hello " + u.Name + ",",
			Heading:  "Confirm your new address",
			Lines: []string{
				"You asked to sign in to the Partner Portal with " + to + " instead of " + u.Email + ".",
				"Open the link to confirm: it works once, for 24 hours. If you did not ask, ignore this message: nothing changes.",
			},
			ActionLabel: "Confirm " + to, ActionURL: "/account/email/" + token,
		}})
}
