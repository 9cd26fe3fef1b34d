package partner

import (
	"partnerportal/web/support"
	"partnerportal/web/ui"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

// ticketView is one of the company's tickets as its page shows it, with reply as the form
// under the conversation (what was typed, and its errors, when a reply was refused).
func ticketView(c echo.Context, pool *pgxpool.Pool, area *ui.Area, reply views.ReplyForm) (views.TicketPage, error) {
	ctx := c.Request().Context()
	id, err := ui.PathID(c, "tid")
	if err != nil {
		return views.TicketPage{}, err
	}
	u := ui.UserFromContext(ctx)
	var t db.GetCompanyTicketRow
	var rows support.ThreadRows
	var b db.Batch
	db.Queue(&b, &t, (*db.Queries).GetCompanyTicket, db.GetCompanyTicketParams{ID: id, CompanyID: *u.CompanyID})
	db.Queue(&b, &rows.Messages, (*db.Queries).ListTicketMessages, db.ListTicketMessagesParams{TicketID: id})
	db.Queue(&b, &rows.Files, (*db.Queries).ListTicketAttachments, db.ListTicketAttachmentsParams{TicketID: id})
	db.Queue(&b, &rows.Events, (*db.Queries).ListTicketEvents, db.ListTicketEventsParams{TicketID: id})
	if _, err := ui.NotFoundIfNone(0, b.Send(ctx, pool)); err != nil {
		return views.TicketPage{}, err
	}
	w, acc := ui.When(c), ui.AreaAccess(c)
	url := ticketURL(id)
	p := views.TicketPage{ID: id, Subject: t.Subject, Back: area.Path, BackLabel: area.Name, Banner: ui.Banner(area, acc),
		Status: support.StatusBadge(t.Status, false), Priority: support.PriorityBadge(t.Priority), CSRF: ui.CSRFToken(c),
		Thread: support.Thread(rows, support.Reader{Company: u.CompanyName, Loc: w.Loc,
			FileURL: func(f int64) string { return url + "/attachments/" + ui.Itoa(f) }}),
		Facts: []views.TicketFact{
			{Term: "About", Value: t.ModuleName},
			{Term: "Opened by", Value: t.OpenedByName},
			{Term: "Opened", Value: support.When(t.OpenedAt, w.Loc)},
			{Term: "First answer", Value: firstAnswer(t, w.Loc)},
		},
	}
	reply.Action, reply.CSRF, reply.Disabled = url+"/replies", p.CSRF, !acc.State.CanUse()
	if t.Status == db.TicketStatusClosed {
		reply.Closed = "This ticket is closed. If you need more help, open a new ticket from Support."
	}
	p.Reply = reply
	if t.Status != db.TicketStatusResolved && t.Status != db.TicketStatusClosed {
		p.ResolveURL = url + "/resolve"
	}
	return p, nil
}

// firstAnswer is when the first answer came, or by when it is due.
func firstAnswer(t db.GetCompanyTicketRow, loc *time.Location) string {
	switch {
	case t.FirstResponseAt != nil:
		return support.When(*t.FirstResponseAt, loc)
	case !t.Status.Waiting():
		return "—"
	}
	return "Due by " + support.When(t.ResponseDueAt, loc) + " (within " + support.TargetWords(t.Priority) + ")"
}

// HandleTicket is one of the company's tickets with its conversation.
func HandleTicket(pool *pgxpool.Pool, area *ui.Area) echo.HandlerFunc {
	return func(c echo.Context) error {
		p, err := ticketView(c, pool, area, views.ReplyForm{})
		if err != nil {
			return err
		}
		return ui.OK(c, db.TicketTitle(p.ID, p.Subject), views.TicketView(p))
	}
}

// HandleTicketAttachment downloads a file of one of the company's tickets (never one of a
// staff note); any other id is 404.
func HandleTicketAttachment(pool *pgxpool.Pool) echo.HandlerFunc {
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
		f, err := ui.NotFoundIfNone(q.GetCompanyAttachment(c.Request().Context(), db.GetCompanyAttachmentParams{ID: id, TicketID: ticket, CompanyID: *u.CompanyID}))
		if err != nil {
			return err
		}
		return support.Serve(c, f.Filename, f.ContentType, f.Data)
	}
}
