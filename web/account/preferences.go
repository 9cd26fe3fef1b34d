package account

import (
	"net/http"
	"slices"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
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
