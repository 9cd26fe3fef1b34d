package account_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"

	"partnerportal/web/jobs"
	"partnerportal/web/webtest"
)

// choices are the e-mail choices the account page offers, as "label: on" or "label: off".
func choices(r *webtest.Response) []string {
	var out []string
	r.Doc.Find(`form[action="/account/notifications"] .choice`).Each(func(_ int, s *goquery.Selection) {
		state := "off"
		if _, on := s.Find(`input[type=checkbox][name=email]`).Attr("checked"); on {
			state = "on"
		}
		out = append(out, text(s.Find(".choice__label"))+": "+state)
	})
	return out
}

// TestAccountOffersTheTopicsOfEachRole: each user's account page lists the kinds of notice
// their role receives, each ticked to come by e-mail until they choose otherwise; only account
// managers get the daily digest without asking for it.
func TestAccountOffersTheTopicsOfEachRole(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	staff := []string{"Term reminders: on", "Changes to services: on", "Quota warnings: on", "Renewal requests: on", "Support tickets: on"}
	for _, tt := range []struct {
		name, email string
		want        []string
	}{
		{"partner", webtest.PartnerA, staff},
		{"account manager", webtest.AccountManager, append(staff[:5:5], "Daily digest: on")},
		{"admin", webtest.Admin, append(staff[:5:5], "Daily digest: off")},
		{"consumer", webtest.Consumer, []string{"Your purchases: on"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := env.SignedIn(t, tt.email).Get(t, "/account")
			if r.StatusCode != http.StatusOK {
				t.Fatalf("GET /account: %d", r.StatusCode)
			}
			if diff := cmp.Diff(tt.want, choices(r)); diff != "" {
				t.Errorf("e-mail choices (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRemindersCanStayOutOfTheInbox: the partner unticks "Term reminders" and saves. When a
// plan's term is 30 days from its end, the reminder is in the bell but writes no e-mail to
// the partner, while the account manager, who kept the choice, gets one; a change to a service
// still reaches the partner by e-mail.
func TestRemindersCanStayOutOfTheInbox(t *testing.T) {
	t.Parallel()
	env := webtest.NewWithJobs(t, jobs.Config{})
	env.Sweep(t)
	c := env.SignedIn(t, webtest.PartnerA)
	form := url.Values{}
	c.Get(t, "/account").Doc.Find(`input[name=email]:checked`).Each(func(_ int, s *goquery.Selection) {
		if v := s.AttrOr("value", ""); v != "reminders" {
			form.Add("email", v)
		}
	})
	r := c.PostForm(t, "/account/notifications", form)
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/account#notifications" {
		t.Fatalf("save: %d to %q, want 303 to /account#notifications", r.StatusCode, r.Header.Get("Location"))
	}
	page := c.Get(t, "/account")
	if got := page.Text("#flash .flash__text"); got != "Your e-mail choices are saved." {
		t.Errorf("after saving the flash says %q", got)
	}
	want := []string{"Term reminders: off", "Changes to services: on", "Quota warnings: on", "Renewal requests: on", "Support tickets: on"}
	if diff := cmp.Diff(want, choices(page)); diff != "" {
		t.Errorf("saved choices (-want +got):\n%s", diff)
	}

	plan := env.Plan(t, "Company A", "software", "production")
	env.Clock.Set(plan.ValidUntil.AddDate(0, 0, -30).Add(9 * time.Hour))
	env.Sweep(t)
	const reminder = "Software products · Production ends in 30 days"
	if got := c.Get(t, "/notifications").Text(".notice__title"); !strings.Contains(got, reminder) {
		t.Errorf("the partner's notices %q do not include %q", got, reminder)
	}
	if n := mails(t, env, webtest.PartnerA, "reminders", reminder); n != 0 {
		t.Errorf("the partner got %d e-mails %q after unticking reminders, want 0", n, reminder)
	}
	if n := mails(t, env, webtest.AccountManager, "reminders", "Company A: "+reminder); n != 1 {
		t.Errorf("the account manager got %d e-mails %q, want 1", n, "Company A: "+reminder)
	}

	setStatus(t, env, env.SignedIn(t, webtest.AccountManager), "support", "inactive")
	env.Settle(t)
	if n := mails(t, env, webtest.PartnerA, "changes", "Support is deactivated"); n != 1 {
		t.Errorf("the partner got %d e-mails of the deactivation, want 1", n)
	}
	var kept int
	if err := env.Pool.QueryRow(context.Background(), "SELECT count(*) FROM mail_messages WHERE status <> 'kept'").Scan(&kept); err != nil || kept != 0 {
		t.Errorf("%d e-mails left the outbox (%v) of a portal without an SMTP server", kept, err)
	}
}
