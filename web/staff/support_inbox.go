package staff

import (
	"partnerportal/web/support"
	"partnerportal/web/ui"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

// inboxPath is the staff inbox; inboxPageSize how many tickets a page of it shows.
const (
	inboxPath     = "/admin/support"
	inboxPageSize = 25
)

// assigneeFilters are the inbox's choices of who answers.
var assigneeFilters = []views.Option{{Value: "", Label: "Anyone"}, {Value: "me", Label: "Me"}, {Value: "none", Label: "Nobody yet"}}

// HandleSupportInbox lists the tickets of the viewer's companies (an admin's: all), what
// waits longest first, with each one's first-response target.
func HandleSupportInbox(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		u, w := ui.UserFromContext(c.Request().Context()), ui.When(c)
		filter, statuses := support.ReadFilter(c, support.StaffFilters, inboxPath)
		for _, o := range assigneeFilters {
			if o.Value == c.QueryParam("assignee") {
				filter.Assignee = o.Value
			}
		}
		filter.Assignees = assigneeFilters
		page := ui.PageNumber(c)
		var rows []db.ListSupportInboxRow
		var total int64
		var b db.Batch
		db.Queue(&b, &rows, (*db.Queries).ListSupportInbox, db.ListSupportInboxParams{ViewerID: u.ID, Statuses: statuses,
			Assignee: filter.Assignee, Search: filter.Q, MaxRows: inboxPageSize, Skip: int32((page - 1) * inboxPageSize)})
		db.Queue(&b, &total, (*db.Queries).CountSupportInbox, db.CountSupportInboxParams{ViewerID: u.ID, Statuses: statuses,
			Assignee: filter.Assignee, Search: filter.Q})
		if err := b.Send(c.Request().Context(), pool); err != nil {
			return err
		}
		p := views.SupportInboxPage{Filter: filter, Empty: "No tickets match. Try another status or other words.",
			Lead: "The tickets of the partner companies assigned to you, those waiting longest for an answer first."}
		if u.Role == db.UserRoleAdmin {
			p.Lead = "Every partner company's tickets, those waiting longest for an answer first."
		}
		if filter.Q == "" && filter.Status == "" && filter.Assignee == "" {
			p.Empty = "Nothing is waiting for an answer."
		}
		for _, r := range rows {
			target := support.Target(w.Now, r.ResponseDueAt, r.FirstResponseAt, r.OpenedAt, r.Status, w.Loc)
			row := views.TicketRow{ID: r.ID, URL: staffTicketURL(r.ID), Subject: r.Subject, Module: r.ModuleName,
				Company: r.CompanyName, CompanyURL: partnerURL(r.CompanyID), Assignee: "unassigned",
				Priority: support.PriorityBadge(r.Priority), Status: support.StatusBadge(r.Status, true), Target: &target,
				Opened: ui.LongDate(r.OpenedAt.In(w.Loc)), Updated: support.When(r.LastReplyAt, w.Loc)}
			if r.AssigneeName != "" {
				row.Assignee = "assigned to " + r.AssigneeName
			}
			if r.WaitingSince != nil {
				row.Waiting = "Waiting " + support.Duration(w.Now.Sub(*r.WaitingSince))
			}
			p.Tickets = append(p.Tickets, row)
		}
		p.Pages = ui.Paginate(page, inboxPageSize, int(total), len(rows), func(n int) string { return support.PageURL(inboxPath, filter, n) })
		return ui.OK(c, "Support inbox", views.SupportInboxView(p))
	}
}

func staffTicketURL(id int64) string { return inboxPath + "/" + ui.Itoa(id) }
