package partner

import (
	"errors"
	"net/http"
	"partnerportal/web/jobs"
	"partnerportal/web/support"
	"partnerportal/web/ui"
	"strings"

	"github.com/go-playground/validator/v10"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

// replyForm is what a reply posts besides its files.
type replyForm struct {
	Body string `form:"body" validate:"required,max=10000,multiline"`
}

// errTicketClosed refuses a reply to a closed ticket.
var errTicketClosed = &ui.Error{Code: http.StatusConflict, Message: "This ticket is closed. If you need more help, open a new ticket from Support."}

// lockedTicket runs fn in one transaction with the company's Support re-checked (a refusal
// when it can no longer be used) and its ticket :tid locked (404 when it is not the
// company's).
func lockedTicket(c echo.Context, pool *pgxpool.Pool, area *ui.Area, fn func(q *db.Queries, t db.LockCompanyTicketRow) error) error {
	ctx := c.Request().Context()
	id, err := ui.PathID(c, "tid")
	if err != nil {
		return err
	}
	company := *ui.UserFromContext(ctx).CompanyID
	return db.Transact(ctx, pool, func(q *db.Queries) error {
		acc, err := support.SupportAccess(ctx, q, company, ui.When(c).Today)
		if err != nil {
			return err
		}
		if !acc.State.CanUse() {
			return &ui.Refusal{Governing: ui.Governing{Access: acc, Name: area.Name, Back: ticketURL(id)}}
		}
		t, err := q.LockCompanyTicket(ctx, db.LockCompanyTicketParams{ID: id, CompanyID: company})
		if errors.Is(err, pgx.ErrNoRows) {
			return echo.ErrNotFound
		}
		if err != nil {
			return err
		}
		return fn(q, t)
	})
}

// HandleTicketReply adds the partner's reply and files to a ticket (a ticket waiting on them,
// or resolved, then waits on support again) and tells the support team.
func HandleTicketReply(pool *pgxpool.Pool, jq *jobs.Queue, area *ui.Area, v *validator.Validate) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		u := ui.UserFromContext(ctx)
		up, err := support.ReadUpload(c, "files")
		if err != nil {
			return err
		}
		f := replyForm{Body: strings.TrimSpace(ui.NormaliseLines(up.Values.Get("body")))}
		errs := ui.ValidateForm(v, f)
		if up.Problem != "" {
			errs = ui.WithError(errs, "files", up.Problem)
		}
		if errs != nil {
			p, err := ticketView(c, pool, area, views.ReplyForm{Body: f.Body, Errors: errs})
			if err != nil {
				return err
			}
			return ui.Render(c, http.StatusUnprocessableEntity, db.TicketTitle(p.ID, p.Subject), views.TicketView(p))
		}
		w := ui.When(c)
		var msg, id int64
		err = lockedTicket(c, pool, area, func(q *db.Queries, t db.LockCompanyTicketRow) error {
			id = t.SupportTicket.ID
			if t.SupportTicket.Status == db.TicketStatusClosed {
				return errTicketClosed
			}
			var err error
			if msg, err = support.AddMessage(ctx, q, id, support.Message{Author: u.ID, Body: f.Body, Files: up.Files}, w.Now); err != nil {
				return err
			}
			after := support.PartnerReplied(t.SupportTicket, w.Now)
			if err := support.Save(ctx, q, t.SupportTicket, after, u.ID, "", w.Now); err != nil {
				return err
			}
			return support.TellStaff(ctx, q, jq, after, t.AccountManagerID, u.ID, support.News{
				Key: "support-message:" + ui.Itoa(msg), Title: "Reply from " + t.CompanyName + " on " + db.TicketTitle(id, after.Subject),
				Body: u.Name + ": " + support.Excerpt(f.Body), Link: "/admin/support/" + ui.Itoa(id) + "#message-" + ui.Itoa(msg)}, w.Now)
		})
		if g, ok := refused(err); ok {
			return ui.Refuse(c, g)
		}
		if err != nil {
			return err
		}
		return ui.FlashRedirect(c, "success", "Your reply is sent.", ticketURL(id)+"#message-"+ui.Itoa(msg))
	}
}

// HandleResolveTicket marks a ticket resolved: it closes by itself after a week without a
// reply, and a reply reopens it.
func HandleResolveTicket(pool *pgxpool.Pool, area *ui.Area) echo.HandlerFunc {
	return func(c echo.Context) error {
		u, w := ui.UserFromContext(c.Request().Context()), ui.When(c)
		var id int64
		var was db.TicketStatus
		err := lockedTicket(c, pool, area, func(q *db.Queries, t db.LockCompanyTicketRow) error {
			id, was = t.SupportTicket.ID, t.SupportTicket.Status
			if was == db.TicketStatusResolved || was == db.TicketStatusClosed {
				return nil
			}
			after := support.WithStatus(t.SupportTicket, db.TicketStatusResolved, w.Now)
			return support.Save(c.Request().Context(), q, t.SupportTicket, after, u.ID, "", w.Now)
		})
		if g, ok := refused(err); ok {
			return ui.Refuse(c, g)
		}
		if err != nil {
			return err
		}
		if was == db.TicketStatusResolved || was == db.TicketStatusClosed {
			return ui.FlashRedirect(c, "info", "Ticket #"+ui.Itoa(id)+" is "+strings.ToLower(was.PartnerLabel())+" already.", ticketURL(id))
		}
		return ui.FlashRedirect(c, "success", "Ticket #"+ui.Itoa(id)+" is resolved. It closes by itself after a week without a reply; replying reopens it.", ticketURL(id))
	}
}
