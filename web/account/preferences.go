package account

import (
	"net/http"
	"slices"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/jobs"
	"partnerportal/web/ui"
)

// topic is a kind of notice a user may want by e-mail.
type topic struct {
	key         db.NoticeTopic
	label, hint string
	// roles are who receive such notices at all.
	roles []db.UserRole
	// byDefault is whether it comes by e-mail before the user chooses.
	byDefault func(db.UserRole) bool
}

var (
	always         = func(db.UserRole) bool { return true }
	partnerOrStaff = []db.UserRole{db.UserRolePartner, db.UserRoleAccountManager, db.UserRoleAdmin}
	topics         = []topic{
		{db.NoticeTopicReminders, "Term reminders", "30, 7 and 1 days before a term ends.", partnerOrStaff, always},
		{db.NoticeTopicChanges, "Changes to services", "Granted, renewed, deactivated or reactivated; grace started; read-only or quota used up.", partnerOrStaff, always},
		{db.NoticeTopicQuota, "Quota warnings", "When a plan has used 80 % and 100 % of its quota.", partnerOrStaff, always},
		{db.NoticeTopicRequests, "Renewal requests", "A request made (account managers) or answered (partners).", partnerOrStaff, always},
		{db.NoticeTopicSupport, "Support tickets", "A ticket opened, answered or assigned to you: partners hear from the support team, staff from partners.", partnerOrStaff, always},
		{db.NoticeTopicPurchases, "Your purchases", "When a partner's plan releases a product you bought, and when it is restored.", []db.UserRole{db.UserRoleConsumer}, always},
		{db.NoticeTopicDigest, "Daily digest", "Each morning, what needs attention in your companies.",
			[]db.UserRole{db.UserRoleAccountManager, db.UserRoleAdmin}, func(r db.UserRole) bool { return r == db.UserRoleAccountManager }},
	}
)

// HandleAccount is the signed-in user's own page with their e-mail choices.
func HandleAccount(pool *pgxpool.Pool, jq *jobs.Queue) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		u := ui.UserFromContext(ctx)
		prefs, err := q.ListNotificationPreferences(ctx, u.ID)
		if err != nil {
			return err
		}
		chosen := make(map[db.NoticeTopic]bool, len(prefs))
		for _, p := range prefs {
			chosen[p.Topic] = p.ByEmail
		}
		v := views.AccountPage{Name: u.Name, Email: u.Email, Role: ui.RoleLabel(u.Role), Company: u.CompanyName,
			Mailing: jq.Mailing(), CSRF: ui.CSRFToken(c)}
		for _, t := range topicsOf(u.Role) {
			on, ok := chosen[t.key]
			if !ok {
				on = t.byDefault(u.Role)
			}
			v.Topics = append(v.Topics, views.TopicChoice{Key: string(t.key), Label: t.label, Hint: t.hint, ByEmail: on})
		}
		return ui.OK(c, "Your account", views.AccountView(v))
	}
}

// HandleSaveNotificationPreferences stores which of the user's topics come by e-mail: the
// ones ticked, and not the others. Values that are not topics of the role are ignored.
func HandleSaveNotificationPreferences(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		u := ui.UserFromContext(ctx)
		form, err := c.FormParams()
		if err != nil {
			return &ui.Error{Code: http.StatusBadRequest, Err: err}
		}
		ticked := form["email"]
		err = db.Transact(ctx, pool, func(q *db.Queries) error {
			for _, t := range topicsOf(u.Role) {
				if err := q.SetNotificationPreference(ctx, db.SetNotificationPreferenceParams{
					UserID: u.ID, Topic: t.key, ByEmail: slices.Contains(ticked, string(t.key))}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		return ui.FlashRedirect(c, "success", "Your e-mail choices are saved.", "/account#notifications")
	}
}

func topicsOf(role db.UserRole) []topic {
	var out []topic
	for _, t := range topics {
		if slices.Contains(t.roles, role) {
			out = append(out, t)
		}
	}
	return out
}
