package staff

import (
	"partnerportal/web/support"
	"partnerportal/web/ui"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

// staffTicketView is a ticket of a company the viewer may see, with its whole conversation
// (notes too); reply and panelErrs are what a refused form brings back.
func staffTicketView(c echo.Context, pool *pgxpool.Pool, reply views.ReplyForm, panelErrs views.FieldErrors) (views.TicketPage, error) {
	ctx := c.Request().Context()
	id, err := ui.PathID(c, "tid")
	if err != nil {
		return views.TicketPage{}, err
	}
	u, w := ui.UserFromContext(ctx), ui.When(c)
	var t db.GetStaffTicketRow
	var rows support.ThreadRows
	var assignees []db.ListTicketAssigneesRow
	var b db.Batch
	db.Queue(&b, &t, (*db.Queries).GetStaffTicket, db.GetStaffTicketParams{ID: id, ViewerID: u.ID, Today: w.Today})
	db.Queue(&b, &rows.Messages, (*db.Queries).ListTicketMessages, db.ListTicketMessagesParams{TicketID: id, Staff: true})
	db.Queue(&b, &rows.Files, (*db.Queries).ListTicketAttachments, db.ListTicketAttachmentsParams{TicketID: id, Staff: true})
	db.Queue(&b, &rows.Events, (*db.Queries).ListTicketEvents, db.ListTicketEventsParams{TicketID: id, Staff: true})
	db.Queue(&b, &assignees, (*db.Queries).ListTicketAssignees, id)
	if _, err := ui.NotFoundIfNone(0, b.Send(ctx, pool)); err != nil {
		return views.TicketPage{}, err
	}
	url := staffTicketURL(id)
	target := support.Target(w.Now, t.ResponseDueAt, t.FirstResponseAt, t.OpenedAt, t.Status, w.Loc)
	state := ui.StateBadge(t.SupportState)
	p := views.TicketPage{ID: id, Subject: t.Subject, Back: inboxPath, BackLabel: "Support inbox", CSRF: ui.CSRFToken(c),
		Status: support.StatusBadge(t.Status, true), Priority: support.PriorityBadge(t.Priority),
		Thread: support.Thread(rows, support.Reader{Staff: true, Company: t.CompanyName, Loc: w.Loc,
			FileURL: func(f int64) string { return url + "/attachments/" + ui.Itoa(f) }}),
		Facts: []views.TicketFact{
			{Term: "Company", Value: t.CompanyName, URL: partnerURL(t.CompanyID)},
			{Term: "Their Support", Badge: &state},
			{Term: "About", Value: t.ModuleName},
			{Term: "Opened by", Value: t.OpenedByName + ", " + support.When(t.OpenedAt, w.Loc)},
			{Term: "First answer", Badge: &target, Value: "due " + support.When(t.ResponseDueAt, w.Loc)},
		},
	}
	if t.WaitingSince != nil {
		p.Facts = append(p.Facts, views.TicketFact{Term: "Waiting", Value: "since " + support.When(*t.WaitingSince, w.Loc)})
	}
	panel := &views.StaffTicketPanel{AssignAction: url + "/assign", StatusAction: url + "/status", Status: string(t.Status),
		Assignees: []views.Option{{Value: "", Label: "Nobody"}}, Errors: panelErrs}
	if t.AssigneeID != nil {
		panel.Assignee = ui.Itoa(*t.AssigneeID)
	}
	for _, a := range assignees {
		label := a.Name
		if a.Role == db.UserRoleAdmin {
			label += " (admin)"
		}
		panel.Assignees = append(panel.Assignees, views.Option{Value: ui.Itoa(a.ID), Label: label})
	}
	for _, s := range support.StaffStatuses {
		panel.Statuses = append(panel.Statuses, views.Option{Value: string(s), Label: s.StaffLabel()})
	}
	p.Staff = panel
	reply.Action, reply.CSRF, reply.Staff = url+"/replies", p.CSRF, true
	if reply.Status == "" {
		reply.Status = string(db.TicketStatusWaitingOnPartner)
	}
	for _, s := range replyStatuses {
		reply.Statuses = append(reply.Statuses, views.Option{Value: string(s), Label: s.StaffLabel()})
	}
	if t.Status == db.TicketStatusClosed {
		reply.Closed = "This ticket is closed. Set its status under Handling to reopen it, then reply."
	}
	p.Reply = reply
	return p, nil
}

// replyStatuses are what a reply of staff may leave a ticket as.
var replyStatuses = []db.TicketStatus{db.TicketStatusWaitingOnPartner, db.TicketStatusWaitingOnUs, db.TicketStatusResolved}

// HandleSupportTicket is a ticket as staff see it: the whole conversation, the target, and the
// forms that answer, assign and set its status.
func HandleSupportTicket(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		p, err := staffTicketView(c, pool, views.ReplyForm{}, nil)
		if err != nil {
			return err
		}
		return ui.OK(c, db.TicketTitle(p.ID, p.Subject), views.TicketView(p))
	}
}

// HandleSupportAttachment downloads a file of a ticket of a company the viewer may see.
func HandleSupportAttachment(pool *pgxpool.Pool) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		ticket, err := ui.PathID(c, "tid")
		if err != nil {
			return err
		}
		id, err := ui.PathID(c, "aid")
		if err != nil {
			return err
		}
		u := ui.UserFromContext(c.Request().Context())
		f, err := ui.NotFoundIfNone(q.GetStaffAttachment(c.Request().Context(), db.GetStaffAttachmentParams{ID: id, TicketID: ticket, ViewerID: u.ID}))
		if err != nil {
			return err
		}
		return support.Serve(c, f.Filename, f.ContentType, f.Data)
	}
}
