package jobs_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"partnerportal/web/mail/smtptest"
	"partnerportal/web/ui"
	"partnerportal/web/webtest"
)

// TestATermsEndIsToldOnceAtEachStep follows Company A's production software plan (6 months,
// cap 10 %) across the end of its term with the daily sweep, run twice each day: the partner
// and its account manager hear of the 30-, 7- and 1-day reminders, the grace and the read-only
// day once each, in the portal and at the SMTP server; the consumer hears once that the
// product bought on that plan is released, and once that it is restored by the renewal.
func TestATermsEndIsToldOnceAtEachStep(t *testing.T) {
	t.Parallel()
	env, smtp := withSMTP(t)
	plan := env.Plan(t, "Company A", "software", "production")
	const name = "Software products · Production"
	readOnly := name + " is read-only from " + ui.LongDate(plan.ExpiredFrom)
	steps := []struct {
		day               time.Time
		partner, released string
	}{
		{plan.ValidUntil.AddDate(0, 0, -30), name + " ends in 30 days", ""},
		{plan.ValidUntil.AddDate(0, 0, -7), name + " ends in 7 days", ""},
		{plan.ValidUntil.AddDate(0, 0, -1), name + " ends tomorrow", ""},
		{plan.ValidUntil.AddDate(0, 0, 1), name + " is in its grace period", ""},
		{plan.ExpiredFrom, readOnly, "FleetPulse Telematics is released by Company A"},
	}
	for _, s := range steps {
		env.Clock.Set(s.day.Add(9 * time.Hour))
		env.Sweep(t)
		env.Sweep(t) // the same day again: nothing new
		if n := count(titles(t, env, webtest.PartnerA), s.partner); n != 1 {
			t.Errorf("on %s the partner has %d notices %q, want 1", s.day.Format(time.DateOnly), n, s.partner)
		}
		if n := count(titles(t, env, webtest.AccountManager), "Company A: "+s.partner); n != 1 {
			t.Errorf("on %s the account manager has %d notices %q, want 1", s.day.Format(time.DateOnly), n, "Company A: "+s.partner)
		}
		if s.released != "" {
			if n := count(titles(t, env, webtest.Consumer), s.released); n != 1 {
				t.Errorf("on %s the consumer has %d notices %q, want 1", s.day.Format(time.DateOnly), n, s.released)
			}
		}
	}

	// The account manager renews: the partner hears of it, the consumer gets the product back.
	am := env.SignedIn(t, webtest.AccountManager)
	company := env.CompanyID(t, "Company A")
	var version int32
	if err := env.Pool.QueryRow(context.Background(), "SELECT version FROM services WHERE id = $1", plan.ServiceID).Scan(&version); err != nil {
		t.Fatal(err)
	}
	path := "/admin/partners/" + webtest.Itoa(company) + "/services/" + webtest.Itoa(plan.ServiceID) + "/renew"
	if r := am.PostForm(t, path, url.Values{"version": {webtest.Itoa(int64(version))}, "term_months": {"6"}, "cap_percent": {"10"},
		"message_quota": {"100000"}, "device_quota": {"500"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("renew: %d\n%s", r.StatusCode, r.Text("main"))
	}
	env.Settle(t)
	renewedUntil := plan.ExpiredFrom.AddDate(0, 6, -1)
	if n := count(titles(t, env, webtest.PartnerA), name+" is renewed until "+ui.LongDate(renewedUntil)); n != 1 {
		t.Errorf("the partner has %d renewal notices, want 1: %q", n, titles(t, env, webtest.PartnerA))
	}
	if n := count(titles(t, env, webtest.AccountManager), "Company A: "+name+" is renewed until "+ui.LongDate(renewedUntil)); n != 0 {
		t.Errorf("the account manager who renewed is told of it %d times, want 0", n)
	}
	if n := count(titles(t, env, webtest.Consumer), "FleetPulse Telematics can be used again"); n != 1 {
		t.Errorf("the consumer has %d restoration notices, want 1: %q", n, titles(t, env, webtest.Consumer))
	}

	// Every notice went by e-mail too (and the account manager's morning digest), once: the
	// SMTP server holds exactly one message per one written, each with its Message-ID once.
	var mails, notices int
	var got []smtptest.Received
	// Jobs of their own (the morning digest) may still be writing: wait until what was written
	// and what arrived agree, then look for a duplicate.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		env.Settle(t)
		if err := env.Pool.QueryRow(context.Background(), `SELECT (SELECT count(*) FROM mail_messages),
			(SELECT count(*) FROM notifications)`).Scan(&mails, &notices); err != nil {
			t.Fatal(err)
		}
		if got = smtp.Messages(); len(got) == mails || time.Now().After(deadline) {
			break
		}
	}
	if mails < notices {
		t.Errorf("%d e-mails written for %d notices", mails, notices)
	}
	time.Sleep(200 * time.Millisecond) // a duplicate would arrive about now
	// Nothing lost: every message written by then arrived (a job of its own may add one more);
	// nothing twice: each Message-ID once, below.
	if got = smtp.Messages(); len(got) < mails {
		t.Errorf("the SMTP server received %d messages, %d were written", len(got), mails)
	}
	ids := map[string]bool{}
	for _, m := range got {
		id := m.Header.Get("Message-Id")
		if ids[id] {
			t.Errorf("message %s (%q) arrived twice", id, m.Subject)
		}
		ids[id] = true
	}
	for _, s := range steps {
		if n := count(subjectsTo(got, webtest.PartnerA), s.partner); n != 1 {
			t.Errorf("the partner received %d e-mails %q, want 1", n, s.partner)
		}
	}
	if n := count(subjectsTo(got, webtest.Consumer), "FleetPulse Telematics is released by Company A"); n != 1 {
		t.Errorf("the consumer received %d release e-mails, want 1", n)
	}
}
