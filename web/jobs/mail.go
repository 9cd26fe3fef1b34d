package jobs

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/mail"
)

// Mail is one e-mail for Queue.Mail to write.
type Mail struct {
	// Key names what the message is about; a second message with the same key is not written.
	Key string
	// Kind is what the outbox lists it as: a notice topic, "digest", "password_reset".
	Kind    string
	UserID  *int64
	To      string
	ToName  string
	Subject string
	// View is the message's content; an ActionURL starting with "/" is made absolute.
	View views.MailView
	// Preferences links the recipient's e-mail preferences (List-Unsubscribe too): for notices
	// and digests, never for a message they asked for.
	Preferences bool
}

// PreferencesPath is where a user chooses which notices reach them by e-mail.
const PreferencesPath = "/account#notifications"

// Mail writes m in q's transaction: into the outbox when no SMTP server is configured, else as
// a message to send, with the job that sends it.
func (j *Queue) Mail(ctx context.Context, q *db.Queries, m Mail) error {
	unsubscribe := ""
	if m.Preferences {
		unsubscribe = j.cfg.PublicURL + PreferencesPath
		m.View.PreferencesURL = unsubscribe
	}
	if strings.HasPrefix(m.View.ActionURL, "/") {
		m.View.ActionURL = j.cfg.PublicURL + m.View.ActionURL
	}
	text, html, err := mail.Render(ctx, views.MailHTML(m.View), views.MailText(m.View))
	if err != nil {
		return err
	}
	status := db.MailStatusKept
	if j.Mailing() {
		status = db.MailStatusQueued
	}
	id, err := q.CreateMailMessage(ctx, db.CreateMailMessageParams{
		DedupeKey: m.Key, UserID: m.UserID, ToAddress: m.To, ToName: m.ToName, Kind: m.Kind,
		Subject: m.Subject, TextBody: text, HtmlBody: html, UnsubscribeUrl: unsubscribe,
		Status: status, Now: j.clock.Now(),
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return nil // written before
	}
	if err != nil || status != db.MailStatusQueued {
		return err
	}
	return j.insertTx(ctx, q, sendMailArgs{MessageID: id})
}

type sendMailArgs struct {
	MessageID int64 `json:"message_id"`
}

// Kind names the job in River's table.
func (sendMailArgs) Kind() string { return "send_mail" }

// InsertOpts: one job per message, tried for about a day.
func (sendMailArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 12, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// sendMailWorker hands a stored message to the SMTP server and records the outcome. A server
// that refuses for now is tried again later, waiting longer each time; one that refuses for
// good (an unknown address) is not. A message already sent is not sent again. The one gap left
// is a crash between the server's acceptance and the record of it: the message then goes
// again, with the same Message-ID, by which mail systems recognise a duplicate.
type sendMailWorker struct {
	river.WorkerDefaults[sendMailArgs]
	j *Queue
}

func (w *sendMailWorker) Work(ctx context.Context, job *river.Job[sendMailArgs]) error {
	q := db.New(w.j.pool)
	m, err := q.GetMailMessage(ctx, job.Args.MessageID)
	if errors.Is(err, pgx.ErrNoRows) {
		return river.JobCancel(err)
	}
	if err != nil {
		return err
	}
	if m.Status == db.MailStatusSent || m.Status == db.MailStatusKept {
		return nil
	}
	sendErr := w.j.cfg.Mail.Send(ctx, mail.Message{
		ID: strconv.FormatInt(m.ID, 10), To: m.ToAddress, ToName: m.ToName, Subject: m.Subject,
		Text: m.TextBody, HTML: m.HtmlBody, Unsubscribe: m.UnsubscribeUrl,
	})
	if sendErr == nil {
		return q.MarkMailSent(ctx, db.MarkMailSentParams{ID: m.ID, Now: w.j.clock.Now()})
	}
	permanent := mail.Permanent(sendErr)
	status := db.MailStatusQueued
	if permanent || job.Attempt >= job.MaxAttempts {
		status = db.MailStatusFailed
	}
	if err := q.MarkMailAttempt(ctx, db.MarkMailAttemptParams{ID: m.ID, Status: status, LastError: sendErr.Error()}); err != nil {
		return err
	}
	if permanent {
		return river.JobCancel(sendErr)
	}
	return sendErr
}

// NextRetry waits RetryBase after the first failure and twice as long after each next one,
// up to an hour.
func (w *sendMailWorker) NextRetry(job *river.Job[sendMailArgs]) time.Time {
	d := w.j.cfg.RetryBase
	for i := 1; i < job.Attempt && d < time.Hour; i++ {
		d *= 2
	}
	return time.Now().Add(min(d, time.Hour))
}
