package account

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/audit"
	"partnerportal/web/jobs"
	"partnerportal/web/ui"
)

// passwordInput follows the rules of the password forms of sign-up and reset links.
type passwordInput struct {
	Current string `form:"current_password,raw" validate:"required,max=200"`
	New     string `form:"new_password,raw" validate:"required,min=10,max=200"`
	Confirm string `form:"new_password_confirm,raw" validate:"required,eqfield=New"`
}

// HandleChangePassword sets a new password once the current one is given. Every other session
// of the user ends at once: the epoch moves on (loadUser ends sessions of an older one) and
// their rows go. This browser stays signed in: its session takes the new epoch and a new
// token. A mail tells the owner, in case it was not them.
func (s *Self) HandleChangePassword() echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		u, now := ui.UserFromContext(ctx), ui.When(c).Now
		var in passwordInput
		errs := ui.BindForm(c, s.Validate, &in)
		if errs.Has("new_password_confirm") && !errs.Has("new_password") {
			errs["new_password_confirm"] = "The two new passwords differ; type the same one twice."
		}
		if errs == nil && in.New == in.Current {
			errs = ui.WithError(errs, "new_password", "Choose a password other than your current one.")
		}
		status := http.StatusUnprocessableEntity
		if errs == nil {
			msg, code, err := s.checkCurrentPassword(c, in.Current)
			if err != nil {
				return err
			}
			if msg != "" {
				errs, status = ui.WithError(errs, "current_password", msg), code
			}
		}
		if errs != nil {
			return s.render(c, status, func(p *views.AccountPage) { p.PasswordErrors = errs })
		}
		var epoch int32
		err := db.Transact(ctx, s.Pool, func(q *db.Queries) error {
			var err error
			if epoch, err = q.ChangeUserPassword(ctx, db.ChangeUserPasswordParams{ID: u.ID, PasswordHash: s.Hasher.Hash(in.New)}); err != nil {
				return err
			}
			if _, err := q.DeleteOtherUserSessions(ctx, db.DeleteOtherUserSessionsParams{UserID: u.ID, Token: s.Sessions.Token(ctx)}); err != nil {
				return err
			}
			// a link sent earlier would set another password behind the owner's back
			if err := q.BurnPasswordResetTokens(ctx, db.BurnPasswordResetTokensParams{UserID: u.ID, At: &now}); err != nil {
				return err
			}
			if err := audit.Write(ctx, q, now, audit.UserEvent(u.ID, audit.ActionUserPasswordChange, userOf(u), nil, nil)); err != nil {
				return err
			}
			return s.Jobs.Mail(ctx, q, jobs.Mail{
				Key: "password-changed:" + ui.Itoa(u.ID) + ":" + ui.Itoa(int64(epoch)), Kind: "account", UserID: &u.ID,
				To: u.Email, ToName: u.Name, Subject: "Your Partner Portal password was changed",
				View: views.MailView{
					Greeting: "Hello " + u.Name + ",",
					Heading:  "Your password was changed",
					Lines: []string{
						"The password of " + u.Email + " was changed on " + ui.When(c).Date(now) + " from your account page; every other browser was signed out.",
						"If it was not you, set a new password at once with “Forgot your password?” on the sign-in page, and tell your account manager or our support.",
					},
					ActionLabel: "Sign in", ActionURL: "/login?email=" + urlQuery(u.Email),
				},
			})
		})
		if err != nil {
			return err
		}
		s.Sessions.Put(ctx, ui.SessionEpoch, int(epoch))
		if err := s.Sessions.RenewToken(ctx); err != nil {
			return err
		}
		return ui.FlashRedirect(c, "success", "Your password is changed. Every other browser is signed out; this one stays signed in.", "/account#password")
	}
}
