package account

import (
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/go-playground/validator/v10"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/auth"
	"partnerportal/web/jobs"
	"partnerportal/web/ui"
)

// Self is what the handlers of a user's own account page need: the name, address and password
// forms, the list of sessions and closing the account.
type Self struct {
	Pool     *pgxpool.Pool
	Sessions *scs.SessionManager
	Hasher   *auth.Hasher
	// Throttle is the sign-in throttle: a wrong current password counts as a wrong guess at
	// sign-in does, so a borrowed session cannot be used to guess the password.
	Throttle *auth.Throttle
	Devices  *auth.Devices
	// MailThrottle limits links sent to new addresses, per address and per client (shared with
	// sign-up, which sends the same kind of mail to an address nobody has proven yet).
	MailThrottle *auth.Throttle
	Jobs         *jobs.Queue
	Validate     *validator.Validate
}

// HandleAccount is the signed-in user's own page.
func (s *Self) HandleAccount() echo.HandlerFunc {
	return func(c echo.Context) error {
		return s.render(c, http.StatusOK, func(*views.AccountPage) {})
	}
}

// render shows the account page with status; edit fills in a form that comes back with its
// errors. The page's data travels in one batch.
func (s *Self) render(c echo.Context, status int, edit func(*views.AccountPage)) error {
	ctx := c.Request().Context()
	u, m := ui.UserFromContext(ctx), ui.When(c)
	var prefs []db.ListNotificationPreferencesRow
	var sessions []db.ListUserSessionsRow
	var pending []db.GetPendingEmailChangeRow
	var b db.Batch
	db.Queue(&b, &prefs, (*db.Queries).ListNotificationPreferences, u.ID)
	db.Queue(&b, &sessions, (*db.Queries).ListUserSessions, db.ListUserSessionsParams{UserID: u.ID, Token: s.Sessions.Token(ctx), Now: time.Now()})
	db.Queue(&b, &pending, (*db.Queries).GetPendingEmailChange, db.GetPendingEmailChangeParams{UserID: u.ID, Now: m.Now})
	if err := b.Send(ctx, s.Pool); err != nil {
		return err
	}
	p := views.AccountPage{Name: u.Name, Email: u.Email, Role: ui.RoleLabel(u.Role), Company: u.CompanyName,
		Mailing: s.Jobs.Mailing(), CSRF: ui.CSRFToken(c), NameForm: views.NameForm{Value: u.Name},
		CanDelete: u.Role == db.UserRoleConsumer, DeleteNote: closeNote(u.Role)}
	p.Topics = topicChoices(u.Role, prefs)
	for _, row := range sessions {
		p.Sessions = append(p.Sessions, sessionRow(row, m))
	}
	if len(pending) > 0 {
		p.EmailForm.Pending, p.EmailForm.PendingUntil = pending[0].NewEmail, stamp(m, pending[0].ExpiresAt)
	}
	edit(&p)
	c.Response().Header().Set("Cache-Control", "no-store")
	return ui.Render(c, status, "Your account", views.AccountView(p))
}

// closeNote tells someone who cannot close their own account who can.
func closeNote(role db.UserRole) string {
	switch role {
	case db.UserRolePartner:
		return "Partner accounts belong to their company's team: an owner removes a colleague, or leaves, on the Team page (a company keeps at least one owner). Orders, products and tickets stay with the company."
	case db.UserRoleConsumer:
		return ""
	}
	return "Staff accounts are closed by an administrator, who disables them on the Users page; the audit trail keeps what they did."
}

// topicChoices are the notice topics of role with whether each comes by e-mail.
func topicChoices(role db.UserRole, prefs []db.ListNotificationPreferencesRow) []views.TopicChoice {
	chosen := make(map[db.NoticeTopic]bool, len(prefs))
	for _, p := range prefs {
		chosen[p.Topic] = p.ByEmail
	}
	var out []views.TopicChoice
	for _, t := range topicsOf(role) {
		on, ok := chosen[t.key]
		if !ok {
			on = t.byDefault(role)
		}
		out = append(out, views.TopicChoice{Key: string(t.key), Label: t.label, Hint: t.hint, ByEmail: on})
	}
	return out
}

// stamp is a moment as the account page writes it: "25 Nov 2026, 09:30".
func stamp(m ui.Moment, t time.Time) string { return t.In(m.Loc).Format("2 Jan 2006, 15:04") }
