package staff

import (
	"errors"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/jobs"
	"partnerportal/web/ui"
)

// outboxPerPage is how many messages one page of the outbox lists.
const outboxPerPage = 50

// mailStatus says a message's status in words.
var mailStatus = map[db.MailStatus]views.Badge{
	db.MailStatusKept:   {Tone: "inactive", Icon: "✉", Label: "In the outbox"},
	db.MailStatusQueued: {Tone: "grace", Icon: "◔", Label: "Sending"},
	db.MailStatusSent:   {Tone: "active", Icon: "✓", Label: "Sent"},
	db.MailStatusFailed: {Tone: "readonly", Icon: "✕", Label: "Failed"},
}

// HandleOutbox lists every e-mail the portal wrote, newest first: with no SMTP server they
// stay here, and the demo shows every message this way.
func HandleOutbox(pool *pgxpool.Pool, jq *jobs.Queue) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		page := ui.PageNumber(c)
		var rows []db.ListMailMessagesRow
		var total int64
		var b db.Batch
		db.Queue(&b, &rows, (*db.Queries).ListMailMessages, db.ListMailMessagesParams{MaxRows: outboxPerPage, Skip: int32((page - 1) * outboxPerPage)})
		db.Queue(&b, &total, (*db.Queries).CountMailMessages, "")
		if err := b.Send(ctx, pool); err != nil {
			return err
		}
		loc := ui.When(c).Loc
		v := views.OutboxPage{Mailing: jq.Mailing(), Total: int(total)}
		for _, r := range rows {
			m := views.OutboxRow{ID: r.ID, Href: "/admin/outbox/" + ui.Itoa(r.ID), To: r.ToName + " <" + r.ToAddress + ">",
				Subject: r.Subject, Kind: r.Kind, Status: mailStatus[r.Status], Written: r.CreatedAt.In(loc).Format(jobTime), Error: r.LastError}
			if r.SentAt != nil {
				m.Sent = r.SentAt.In(loc).Format(jobTime)
			}
			if r.Attempts > 0 && r.Status != db.MailStatusSent {
				m.Attempts = ui.Itoa(int64(r.Attempts)) + " attempt" + ui.Plural(int64(r.Attempts))
			}
			v.Rows = append(v.Rows, m)
		}
		v.Pages = ui.Paginate(page, outboxPerPage, int(total), len(rows), func(n int) string { return "/admin/outbox?page=" + strconv.Itoa(n) })
		return ui.OK(c, "Outbox", views.OutboxView(v))
	}
}

// HandleOutboxMessage shows one message: its headers and its text; the HTML version is
// linked, served by HandleOutboxHTML.
func HandleOutboxMessage(pool *pgxpool.Pool) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		m, err := outboxMessage(c, q)
		if err != nil {
			return err
		}
		loc := ui.When(c).Loc
		v := views.OutboxMessage{ID: m.ID, To: m.ToName + " <" + m.ToAddress + ">", Subject: m.Subject, Kind: m.Kind,
			Status: mailStatus[m.Status], Written: m.CreatedAt.In(loc).Format(jobTime), Text: m.TextBody,
			Unsubscribe: m.UnsubscribeUrl, Error: m.LastError, HTMLHref: "/admin/outbox/" + ui.Itoa(m.ID) + "/html"}
		return ui.OK(c, m.Subject, views.OutboxMessageView(v))
	}
}

// HandleOutboxHTML serves a message's HTML version as the recipient's mail program shows it,
// in a sandbox: no script runs and nothing is fetched, only its own inline styles apply.
func HandleOutboxHTML(pool *pgxpool.Pool) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		m, err := outboxMessage(c, q)
		if err != nil {
			return err
		}
		h := c.Response().Header()
		h.Set("Content-Security-Policy", "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:")
		h.Set("Cache-Control", "no-store")
		return c.HTMLBlob(200, []byte(m.HtmlBody))
	}
}

func outboxMessage(c echo.Context, q *db.Queries) (db.MailMessage, error) {
	id, err := ui.PathID(c, "mid")
	if err != nil {
		return db.MailMessage{}, err
	}
	m, err := q.GetMailMessage(c.Request().Context(), id)
	if errors.Is(err, pgx.ErrNoRows) {
		return m, echo.ErrNotFound
	}
	return m, err
}
