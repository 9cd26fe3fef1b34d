package account

import (
	"errors"
	"net/http"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/audit"
	"partnerportal/web/auth"
	"partnerportal/web/jobs"
	"partnerportal/web/ui"
)

// errEmailLink is the answer to a link that does not work, whatever the reason.
var errEmailLink = &ui.Error{Code: http.StatusNotFound, Message: "This link does not work: it has been used already, it has expired, or a newer request replaced it. Ask for a new one on your account page."}

// HandleConfirmEmailPage asks to confirm the new address, if the link still works. Opening the
// link changes nothing by itself: mail scanners open links too.
func (s *Self) HandleConfirmEmailPage() echo.HandlerFunc {
	q := db.New(s.Pool)
	return func(c echo.Context) error {
		t, err := q.GetEmailChangeToken(c.Request().Context(), db.GetEmailChangeTokenParams{TokenHash: auth.TokenHash(c.Param("token")), Now: ui.When(c).Now})
		if errors.Is(err, pgx.ErrNoRows) {
			return errEmailLink
		}
		if err != nil {
			return err
		}
		return ui.OK(c, "Confirm your new address", views.ConfirmEmailView(views.ConfirmEmailForm{
			Action: c.Request().URL.Path, Name: t.Name, OldEmail: t.Email, NewEmail: t.NewEmail, CSRF: ui.CSRFToken(c)}))
	}
}

// HandleConfirmEmail makes the address the link was sent to the account's sign-in address.
// The link proves the address is the owner's, so it works whoever is signed in, or nobody. In
// one transaction: the link and the account's other links are burnt (password links too: they
// went to the old address), the change is recorded, and the old address is told.
func (s *Self) HandleConfirmEmail() echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		hash, now := auth.TokenHash(c.Param("token")), ui.When(c).Now
		var t db.UseEmailChangeTokenRow
		err := db.Transact(ctx, s.Pool, func(q *db.Queries) error {
			var err error
			t, err = q.UseEmailChangeToken(ctx, db.UseEmailChangeTokenParams{TokenHash: hash, Now: &now})
			if errors.Is(err, pgx.ErrNoRows) {
				return errEmailLink
			}
			if err != nil {
				return err
			}
			err = q.SetUserEmail(ctx, db.SetUserEmailParams{ID: t.UserID, Email: t.NewEmail})
			var pgErr *pgconn.PgError
			if errors.As(err, &pgErr) && pgErr.ConstraintName == "users_email_key" {
				return &ui.Error{Code: http.StatusConflict, Message: t.NewEmail + " belongs to another account now, so it cannot become yours. Your address stays " + t.Email + "."}
			}
			if err != nil {
				return err
			}
			if err := q.BurnEmailChangeTokens(ctx, db.BurnEmailChangeTokensParams{UserID: t.UserID, At: &now}); err != nil {
				return err
			}
			if err := q.BurnPasswordResetTokens(ctx, db.BurnPasswordResetTokensParams{UserID: t.UserID, At: &now}); err != nil {
				return err
			}
			u := db.User{ID: t.UserID, Name: t.Name, Email: t.NewEmail, CompanyID: t.CompanyID}
			if err := audit.Write(ctx, q, now, audit.UserEvent(t.UserID, audit.ActionUserEmailChange, u,
				map[string]string{"email": t.Email}, map[string]string{"email": t.NewEmail})); err != nil {
				return err
			}
			return s.tellOldAddress(c, q, t)
		})
		if err != nil {
			return err
		}
		if me := ui.UserFromContext(ctx); me != nil && me.ID == t.UserID {
			return ui.FlashRedirect(c, "success", "Your sign-in address is now "+t.NewEmail+".", "/account#email")
		}
		return ui.FlashRedirect(c, "success", "Your sign-in address is now "+t.NewEmail+". Sign in with it.", "/login?email="+urlQuery(t.NewEmail))
	}
}

// tellOldAddress writes to the address the account had, so an owner who did not ask learns of it.
func (s *Self) tellOldAddress(c echo.Context, q *db.Queries, t db.UseEmailChangeTokenRow) error {
	now := ui.When(c).Now
	return s.Jobs.Mail(c.Request().Context(), q, jobs.Mail{
		Key: "email-changed:" + ui.Itoa(t.UserID) + ":" + now.Format("20060102T150405.000000000"), Kind: "email_change",
		To: t.Email, ToName: t.Name, Subject: "Your Partner Portal sign-in address was changed",
		View: views.MailView{
			Greeting: "Hello " + t.Name + ",",
			Heading:  "Your sign-in address was changed",
			Lines: []string{
				"On " + ui.When(c).Date(now) + " the Partner Portal account that used " + t.Email + " was moved to " + t.NewEmail + ", confirmed with a link sent there. The portal's e-mail goes there from now on.",
				"If you did not ask for this, reply to your account manager or our support at once: they can give the account back to you.",
			},
		},
	})
}
