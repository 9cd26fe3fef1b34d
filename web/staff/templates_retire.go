package staff

import (
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/web/audit"
	"partnerportal/web/ui"
)

// HandleRetireTemplate retires template :tpl, or brings a retired one back.
func HandleRetireTemplate(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		id, err := ui.PathID(c, "tpl")
		if err != nil {
			return err
		}
		w, u := ui.When(c), ui.UserFromContext(ctx)
		var msg string
		err = db.Transact(ctx, pool, func(q *db.Queries) error {
			t, err := ui.NotFoundIfNone(q.GetTemplate(ctx, id))
			if err != nil {
				return err
			}
			var retired *time.Time
			action := audit.ActionTemplateRestore
			msg = "“" + t.Name + "” is back in the catalogue."
			if t.RetiredAt == nil {
				retired, action = &w.Now, audit.ActionTemplateRetire
				msg = "“" + t.Name + "” is retired: partners can no longer deploy it. Its deployments keep running."
			}
			if _, err := q.SetTemplateRetired(ctx, db.SetTemplateRetiredParams{ID: id, RetiredAt: retired, Now: w.Now}); err != nil {
				return err
			}
			return audit.Write(ctx, q, w.Now, audit.Event{Actor: u.ID, Action: action, Subject: "AppConnect template “" + t.Name + "”"})
		})
		if err != nil {
			return err
		}
		return ui.FlashRedirect(c, "success", msg, "/admin/templates")
	}
}
