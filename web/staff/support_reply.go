package staff

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

// staffReplyForm is what staff post besides files: a reply, or an internal note, and the
// status a reply leaves the ticket in.
type staffReplyForm struct {
	Body     string `form:"body" validate:"required,max=10000,multiline"`
	Status   string `form:"status" validate:"oneof=waiting_on_partner waiting_on_us resolved"`
	Internal bool   `form:"internal"`
}

// errClosedForStaff refuses a reply to a closed ticket: it is reopened first.
var errClosedForStaff = &ui.Error{Code: http.StatusConflict, Message: "This ticket is closed. Set its status to reopen it, then reply."}

// lockedStaffTicket runs fn in one transaction with ticket :tid locked; 404 unless the
// viewer may see its company.
func lockedStaffTicket(c echo.Context, pool *pgxpool.Pool, fn func(q *db.Queries, t db.LockStaffTicketRow) error) error {
	ctx := c.Request().Context()
	id, err := ui.PathID(c, "tid")
	if err != nil {
		return err
	}
	viewer := ui.UserFromContext(ctx).ID
	return db.Transact(ctx, pool, func(q *db.Queries) error {
		t, err := q.LockStaffTicket(ctx, db.LockStaffTicketParams{ID: id, ViewerID: viewer})
		if errors.Is(err, pgx.ErrNoRows) {
			return echo.ErrNotFound
		}
		if err != nil {
			return err
		}
		return fn(q, t)
	})
}

// HandleSupportReply adds a reply (the partner is told; the ticket takes the status chosen)
// or an internal note (nobody is told; the status stays) with its files.
func HandleSupportReply(pool *pgxpool.Pool, jq *jobs.Queue, v *validator.Validate) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		u, w := ui.UserFromContext(ctx), ui.When(c)
		up, err := support.ReadUpload(c, "files")
		if err != nil {
			return err
		}
		f := staffReplyForm{Body: strings.TrimSpace(ui.NormaliseLines(up.Values.Get("body"))), Status: up.Values.Get("status"),
			Internal: up.Values.Get("internal") != ""}
		if f.Status == "" {
			f.Status = string(db.TicketStatusWaitingOnPartner)
		}
		errs := ui.ValidateForm(v, f)
		if up.Problem != "" {
			errs = ui.WithError(errs, "files", up.Problem)
		}
		if errs != nil {
			p, err := staffTicketView(c, pool, views.ReplyForm{Body: f.Body, Status: f.Status, Internal: f.Internal, Errors: errs}, nil)
			if err != nil {
				return err
			}
			return ui.Render(c, http.StatusUnprocessableEntity, db.TicketTitle(p.ID, p.Subject), views.TicketView(p))
		}
		var id, msg int64
		err = lockedStaffTicket(c, pool, func(q *db.Queries, t db.LockStaffTicketRow) error {
			before := t.SupportTicket
			id = before.ID
			if before.Status == db.TicketStatusClosed {
				return errClosedForStaff
			}
			var err error
			msg, err = support.AddMessage(ctx, q, id, support.Message{Author: u.ID, Internal: f.Internal, Body: f.Body, Files: up.Files}, w.Now)
			if err != nil || f.Internal {
				return err
			}
			after := support.StaffReplied(before, db.TicketStatus(f.Status), w.Now)
			if err := support.Save(ctx, q, before, after, u.ID, "", w.Now); err != nil {
				return err
			}
			title := "Reply on " + db.TicketTitle(id, before.Subject)
			if after.Status == db.TicketStatusResolved {
				title = "Resolved: " + db.TicketTitle(id, before.Subject)
			}
			return support.TellPartner(ctx, q, jq, after, u.ID, support.News{Key: "support-message:" + ui.Itoa(msg), Title: title,
				Body: u.Name + " (support team): " + support.Excerpt(f.Body), Link: "/support/tickets/" + ui.Itoa(id) + "#message-" + ui.Itoa(msg)}, w.Now)
		})
		if err != nil {
			return err
		}
		done := "Your reply is sent; the partner is told."
		if f.Internal {
			done = "Your note is saved; only staff see it."
		}
		return ui.FlashRedirect(c, "success", done, staffTicketURL(id)+"#message-"+ui.Itoa(msg))
	}
}
