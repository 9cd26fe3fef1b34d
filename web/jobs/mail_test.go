package jobs_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/jobs"
	"partnerportal/web/mail/smtptest"
	"partnerportal/web/webtest"
)

// mailOne writes one e-mail to the partner of Company A, as a notice would.
func mailOne(t *testing.T, env *webtest.Env, key string) {
	t.Helper()
	ctx := context.Background()
	if err := db.Transact(ctx, env.Pool, func(q *db.Queries) error {
		return env.Jobs.Mail(ctx, q, jobs.Mail{Key: key, Kind: "changes", To: webtest.PartnerA, ToName: "Ana",
			Subject: "Support is renewed until 1 Jun 2027", Preferences: true,
			View: views.MailView{Heading: "Support is renewed", Lines: []string{"A new term runs."}, ActionLabel: "Open", ActionURL: "/services"}})
	}); err != nil {
		t.Fatal(err)
	}
}

// mailRow is the stored message's status and attempts.
func mailRow(t *testing.T, env *webtest.Env, key string) (status string, attempts int, lastError string) {
	t.Helper()
	if err := env.Pool.QueryRow(context.Background(), "SELECT status, attempts, last_error FROM mail_messages WHERE dedupe_key = $1", key).
		Scan(&status, &attempts, &lastError); err != nil {
		t.Fatal(err)
	}
	return status, attempts, lastError
}

// TestAServerThatRefusesForNowGetsTheMessageLaterOnce: the SMTP server refuses the first two
// attempts with a temporary error; the job tries again, later each time, and the message
// arrives once, with the portal's link, the unsubscribe header and both parts.
func TestAServerThatRefusesForNowGetsTheMessageLaterOnce(t *testing.T) {
	t.Parallel()
	env, smtp := withSMTP(t)
	quiet(t, env)
	smtp.FailNext(2)
	mailOne(t, env, "retry")
	env.Settle(t)
	got := renewedMails(smtp.Messages())
	if len(got) != 1 {
		t.Fatalf("received %d messages, want 1", len(got))
	}
	m := got[0]
	if !strings.Contains(m.Text, env.URL+"/services") || !strings.Contains(m.HTML, env.URL+"/services") {
		t.Errorf("the message does not link the portal (%s):\n%s", env.URL, m.Text)
	}
	if u := m.Header.Get("List-Unsubscribe"); u != "<"+env.URL+jobs.PreferencesPath+">" {
		t.Errorf("List-Unsubscribe = %q", u)
	}
	if status, attempts, _ := mailRow(t, env, "retry"); status != "sent" || attempts != 3 {
		t.Errorf("stored as %s after %d attempts, want sent after 3", status, attempts)
	}
	mailOne(t, env, "retry") // the same message again: written once, sent once
	env.Settle(t)
	time.Sleep(200 * time.Millisecond)
	if n := len(renewedMails(smtp.Messages())); n != 1 {
		t.Errorf("after writing the same message again the server has %d, want 1", n)
	}
}

// TestARefusedAddressIsNotTriedAgain: a server that refuses the recipient for good (550) is
// not asked again; the outbox says the message failed and why.
func TestARefusedAddressIsNotTriedAgain(t *testing.T) {
	t.Parallel()
	env, smtp := withSMTP(t)
	quiet(t, env)
	smtp.RejectRecipient(webtest.PartnerA)
	mailOne(t, env, "refused")
	env.Settle(t)
	status, attempts, lastError := mailRow(t, env, "refused")
	if status != "failed" || attempts != 1 || !strings.Contains(lastError, "550") {
		t.Errorf("stored as %s after %d attempts (%q), want failed after 1 with the 550", status, attempts, lastError)
	}
	// the job's own state is written just after the attempt
	var state string
	for deadline := time.Now().Add(5 * time.Second); state != "cancelled" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if err := env.Pool.QueryRow(context.Background(), `SELECT j.state FROM river_job j JOIN mail_messages m ON (j.args->>'message_id')::bigint = m.id
			WHERE j.kind = 'send_mail' AND m.dedupe_key = 'refused'`).Scan(&state); err != nil {
			t.Fatal(err)
		}
	}
	if state != "cancelled" {
		t.Errorf("the sending job is %s, want cancelled", state)
	}
}

// renewedMails are the messages mailOne wrote (a portal with its jobs running also sweeps and
// tells the demo's own news).
func renewedMails(all []smtptest.Received) []smtptest.Received {
	var out []smtptest.Received
	for _, m := range all {
		if m.Subject == "Support is renewed until 1 Jun 2027" {
			out = append(out, m)
		}
	}
	return out
}
