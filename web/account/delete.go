package account

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/audit"
	"partnerportal/web/ui"
)

type closeInput struct {
	Password string `form:"password,raw" validate:"required,max=200"`
}

// HandleDeleteAccount closes a customer's own account once their password is given. Orders
// and purchases stay, as sellers and the books need them, but the user row they name is
// scrubbed of the person (ScrubUser): it cannot be deleted, because the append-only audit
// trail names it too. Everything else that is theirs goes — cart, notices and choices, the
// e-mail written to them, links, sessions — in one transaction, and the address is free for
// a new account at once.
func (s *Self) HandleDeleteAccount() echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		u, now := ui.UserFromContext(ctx), ui.When(c).Now
		var in closeInput
		errs := ui.BindForm(c, s.Validate, &in)
		status := http.StatusUnprocessableEntity
		if errs.Has("password") && in.Password == "" {
			errs["password"] = "Enter your current password to close your account."
		}
		if errs == nil {
			msg, code, err := s.checkCurrentPassword(c, in.Password)
			if err != nil {
				return err
			}
			if msg != "" {
				errs, status = ui.WithError(errs, "password", msg), code
			}
		}
		if errs != nil {
			return s.render(c, status, func(p *views.AccountPage) { p.DeleteErrors = errs })
		}
		err := db.Transact(ctx, s.Pool, func(q *db.Queries) error {
			user, err := q.GetUserForUpdate(ctx, u.ID)
			if err != nil {
				return err
			}
			if err := deleteWhatIsTheirs(c, q, user); err != nil {
				return err
			}
			// the record names the account as it is from now on, not the person
			closed := db.User{ID: user.ID, Name: "Deleted customer", Email: "customer #" + ui.Itoa(user.ID)}
			if err := audit.Write(ctx, q, now, audit.UserEvent(u.ID, audit.ActionUserClose, closed, nil, nil)); err != nil {
				return err
			}
			return q.ScrubUser(ctx, db.ScrubUserParams{ID: user.ID, At: &now})
		})
		if err != nil {
			return err
		}
		// the session's row went with the others; this ends it in the browser too, and the
		// message below travels in a new one
		if err := s.Sessions.Destroy(ctx); err != nil {
			return err
		}
		ui.AddFlash(s.Sessions, ctx, "success", "Your account is closed and your personal data deleted. Thank you for shopping with us.")
		return ui.Redirect(c, "/hub")
	}
}

// deleteWhatIsTheirs removes every row that belongs to the customer alone.
func deleteWhatIsTheirs(c echo.Context, q *db.Queries, user db.User) error {
	ctx := c.Request().Context()
	for _, del := range []func() error{
		func() error { return q.DeleteConsumerCart(ctx, &user.ID) },
		func() error { return q.DeleteUserNotifications(ctx, user.ID) },
		func() error { return q.DeleteUserNotificationPreferences(ctx, user.ID) },
		func() error { return q.DeleteUserMail(ctx, &user.ID) },
		func() error { return q.DeleteUserPasswordResetTokens(ctx, user.ID) },
		func() error { return q.DeleteUserEmailChangeTokens(ctx, user.ID) },
		func() error { return q.DeleteSignupLinksOf(ctx, user.Email) },
		func() error { return q.DeleteUserSessions(ctx, user.ID) },
	} {
		if err := del(); err != nil {
			return err
		}
	}
	return nil
}
