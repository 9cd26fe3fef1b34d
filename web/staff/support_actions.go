package staff

import (
	"net/http"
	"partnerportal/web/jobs"
	"partnerportal/web/support"
	"partnerportal/web/ui"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

// HandleAssignTicket gives a ticket to one of the staff who may answer it (its company's
// account manager or an admin), or to nobody; the one assigned is told, unless it is oneself.
func HandleAssignTicket(pool *pgxpool.Pool, jq *jobs.Queue) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		u, w := ui.UserFromContext(ctx), ui.When(c)
		typed := c.FormValue("assignee")
		var id int64
		changed, known := false, false
		err := lockedStaffTicket(c, pool, func(q *db.Queries, t db.LockStaffTicketRow) error {
			before, after := t.SupportTicket, t.SupportTicket
			id = before.ID
			staff, err := q.ListTicketAssignees(ctx, id)
			if err != nil {
				return err
			}
			var name string
			if after.AssigneeID, name, known = chosenAssignee(typed, staff); !known {
				return nil
			}
			if changed = !support.SameUser(before.AssigneeID, after.AssigneeID); !changed {
				return nil
			}
			if err := support.Save(ctx, q, before, after, u.ID, name, w.Now); err != nil || after.AssigneeID == nil {
				return err
			}
			return support.TellUser(ctx, q, jq, *after.AssigneeID, u.ID, support.News{
				Key:   "support-assign:" + ui.Itoa(id) + ":" + strconv.FormatInt(w.Now.UnixNano(), 10),
				Title: "Assigned to you: " + db.TicketTitle(id, before.Subject), Body: u.Name + " assigned you this ticket of " + t.CompanyName + ".",
				Link: staffTicketURL(id)}, w.Now)
		})
		if err != nil {
			return err
		}
		if !known {
			p, err := staffTicketView(c, pool, views.ReplyForm{}, views.FieldErrors{"assignee": "Choose someone who may answer this company's tickets."})
			if err != nil {
				return err
			}
			return ui.Render(c, http.StatusUnprocessableEntity, db.TicketTitle(p.ID, p.Subject), views.TicketView(p))
		}
		if !changed {
			return ui.FlashRedirect(c, "info", "Nothing changed: the ticket was assigned that way already.", staffTicketURL(id))
		}
		return ui.FlashRedirect(c, "success", "The assignment is saved.", staffTicketURL(id))
	}
}

// HandleTicketStatus sets a ticket's status (closed tickets are reopened this way).
func HandleTicketStatus(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		u, w := ui.UserFromContext(c.Request().Context()), ui.When(c)
		status := db.TicketStatus(c.FormValue("status"))
		if !slices.Contains(support.StaffStatuses, status) {
			p, err := staffTicketView(c, pool, views.ReplyForm{}, views.FieldErrors{"status": "Choose one of the statuses."})
			if err != nil {
				return err
			}
			return ui.Render(c, http.StatusUnprocessableEntity, db.TicketTitle(p.ID, p.Subject), views.TicketView(p))
		}
		var id int64
		changed := false
		err := lockedStaffTicket(c, pool, func(q *db.Queries, t db.LockStaffTicketRow) error {
			id = t.SupportTicket.ID
			if changed = t.SupportTicket.Status != status; !changed {
				return nil
			}
			return support.Save(c.Request().Context(), q, t.SupportTicket, support.WithStatus(t.SupportTicket, status, w.Now), u.ID, "", w.Now)
		})
		if err != nil {
			return err
		}
		if !changed {
			return ui.FlashRedirect(c, "info", "Nothing changed: the ticket is "+strings.ToLower(status.StaffLabel())+" already.", staffTicketURL(id))
		}
		return ui.FlashRedirect(c, "success", "The ticket is now "+strings.ToLower(status.StaffLabel())+".", staffTicketURL(id))
	}
}

// chosenAssignee is who typed names among staff, with their name ("" names nobody); ok false
// when it names none of them.
func chosenAssignee(typed string, staff []db.ListTicketAssigneesRow) (id *int64, name string, ok bool) {
	if typed == "" {
		return nil, "", true
	}
	n, err := strconv.ParseInt(typed, 10, 64)
	if err != nil {
		return nil, "", false
	}
	for _, s := range staff {
		if s.ID == n {
			return &n, s.Name, true
		}
	}
	return nil, "", false
}
