package jobs_test

import (
	"context"
	"testing"
	"time"

	"partnerportal/web/jobs"
	"partnerportal/web/mail"
	"partnerportal/web/mail/smtptest"
	"partnerportal/web/webtest"
)

// withSMTP starts a portal whose jobs run and send e-mail to a real SMTP server of the test's
// own, retrying a refused message after 50 ms.
func withSMTP(t *testing.T) (*webtest.Env, *smtptest.Server) {
	t.Helper()
	srv := smtptest.Start(t)
	cfg, err := mail.ParseURL(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	env := webtest.NewWithJobs(t, jobs.Config{
		Mail:      mail.NewSMTP(cfg, mail.WithTLSConfig(srv.TLSConfig()), mail.WithTimeout(5*time.Second)),
		RetryBase: 50 * time.Millisecond,
	})
	return env, srv
}

// quiet waits until the sweep the leader runs when the jobs start has run and what it
// recorded is told, so that a test's own messages are the only ones left to send.
func quiet(t *testing.T, env *webtest.Env) {
	t.Helper()
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		var n int
		if err := env.Pool.QueryRow(context.Background(),
			"SELECT count(*) FROM river_job WHERE kind = 'sweep_events' AND state = 'completed'").Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the first sweep did not run within 15 seconds")
		}
	}
	env.Settle(t)
}

// titles are the titles of a user's notices, oldest first.
func titles(t *testing.T, env *webtest.Env, email string) []string {
	t.Helper()
	rows, err := env.Pool.Query(context.Background(), `SELECT n.title FROM notifications n JOIN users u ON u.id = n.user_id
		WHERE u.email = $1 ORDER BY n.id`, email)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// count is how many of list equal s.
func count(list []string, s string) int {
	n := 0
	for _, x := range list {
		if x == s {
			n++
		}
	}
	return n
}

// subjectsTo are the subjects of the messages the SMTP server received for address.
func subjectsTo(got []smtptest.Received, address string) []string {
	var out []string
	for _, m := range got {
		for _, to := range m.To {
			if to == address {
				out = append(out, m.Subject)
			}
		}
	}
	return out
}
