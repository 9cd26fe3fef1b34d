package partner_test

import (
	"context"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"partnerportal/web/webtest"
)

func TestMyServicesShowsEachDemoCompanysServices(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	today := webtest.Start
	expiredOn := today.AddDate(0, 0, -13).Format("2 Jan 2006")
	tests := []struct {
		email         string
		want          map[string][]string // card title → phrases it must contain
		notSubscribed []string
		absent        []string
	}{
		{
			email: webtest.PartnerA,
			want: map[string][]string{
				"Software products · Sandbox":    {"Active", "95 of 100 messages used", "5 messages left in your quota", "30%", "3 months", "cap allowance 130"},
				"Software products · Production": {"Active", "6 months", "41,250 of 100,000 messages used", "212 of 500 devices used"},
				"Hardware products · Production": {"Active", "380 of 1,000 devices used"},
				"IoTConnect DevLab":              {"Active until"},
				"ExpressConnect":                 {"Expired · read-only", "Expired on " + expiredOn + " — read-only"},
				"Solutions Hub visibility":       {"Expired · read-only", "Expired on " + expiredOn + " — read-only"},
				"Support":                        {"Active until", "(120 days left)"},
			},
			notSubscribed: []string{"AppConnect"},
		},
		{
			email: webtest.PartnerB,
			want: map[string][]string{
				"Software products · Sandbox":    {"Active"},
				"Software products · Production": {"Active", "12 months"},
				"IoTConnect DevLab":              {"Active"},
				"ExpressConnect":                 {"Active"},
				"AppConnect":                     {"Active"},
				"Solutions Hub visibility":       {"Active"},
				"Support":                        {"Active"},
			},
			notSubscribed: []string{"Hardware products"},
		},
		{
			email: webtest.PartnerC,
			want: map[string][]string{
				"Hardware products · Production": {"Active", "95 of 800 devices used"},
				"ExpressConnect":                 {"Active", "12 months"},
				"Solutions Hub visibility":       {"Inactive", "Inactive — renew to use"},
				"Support":                        {"Active"},
			},
			notSubscribed: []string{"Software products", "IoTConnect DevLab", "AppConnect"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.email, func(t *testing.T) {
			r := env.SignedIn(t, tt.email).Get(t, "/services")
			if r.StatusCode != http.StatusOK {
				t.Fatalf("status %d", r.StatusCode)
			}
			got := r.ServiceCards()
			if len(got) != len(tt.want) {
				t.Errorf("%d cards %v, want %d", len(got), slices.Sorted(maps.Keys(got)), len(tt.want))
			}
			for title, phrases := range tt.want {
				text, ok := got[title]
				if !ok {
					t.Errorf("no card %q; cards: %v", title, slices.Sorted(maps.Keys(got)))
					continue
				}
				for _, p := range phrases {
					if !strings.Contains(text, p) {
						t.Errorf("card %q lacks %q:\n%s", title, p, text)
					}
				}
			}
			ns := r.Text("ul.not-subscribed")
			for _, m := range tt.notSubscribed {
				if !strings.Contains(ns, m) {
					t.Errorf("%s not offered as not subscribed: %q", m, ns)
				}
			}
			if n := r.Doc.Find("ul.not-subscribed li").Length(); n != len(tt.notSubscribed) {
				t.Errorf("%d modules listed as not subscribed, want %d", n, len(tt.notSubscribed))
			}
			if !strings.Contains(ns, "Not subscribed — ask your account manager") && len(tt.notSubscribed) > 0 {
				t.Errorf("not-subscribed wording missing: %q", ns)
			}
			// Every badge says its state in words.
			r.Doc.Find(".badge").Each(func(_ int, s *goquery.Selection) {
				if strings.TrimSpace(strings.ReplaceAll(s.Text(), s.Find(".badge__icon").Text(), "")) == "" {
					t.Errorf("a badge without words: %q", s.Text())
				}
			})
		})
	}
}

func TestNavigationShowsOnlyVisibleModules(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	tests := []struct {
		email   string
		want    []string
		missing []string
	}{
		{webtest.PartnerA, []string{"My Services", "My Products", "DevLab", "ExpressConnect", "Hub listings", "Support"}, []string{"AppConnect"}},
		{webtest.PartnerB, []string{"My Services", "My Products", "DevLab", "ExpressConnect", "AppConnect", "Hub listings", "Support"}, nil},
		{webtest.PartnerC, []string{"My Services", "My Products", "ExpressConnect", "Support"}, []string{"DevLab", "AppConnect", "Hub listings"}},
	}
	for _, tt := range tests {
		t.Run(tt.email, func(t *testing.T) {
			nav := env.SignedIn(t, tt.email).Get(t, "/services").Text("nav.main-nav")
			for _, w := range tt.want {
				if !strings.Contains(nav, w) {
					t.Errorf("navigation %q lacks %s", nav, w)
				}
			}
			for _, m := range tt.missing {
				if strings.Contains(nav, m) {
					t.Errorf("navigation %q shows hidden %s", nav, m)
				}
			}
		})
	}
}

func TestRequestingARenewal(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerA)
	ctx := context.Background()
	var hubID, otherCompanysService int64
	if err := env.Pool.QueryRow(ctx, `SELECT s.id FROM services s JOIN partner_companies c ON c.id = s.company_id
		WHERE c.name = 'Company A' AND s.module = 'solutions_hub'`).Scan(&hubID); err != nil {
		t.Fatal(err)
	}
	if err := env.Pool.QueryRow(ctx, `SELECT s.id FROM services s JOIN partner_companies c ON c.id = s.company_id
		WHERE c.name = 'Company B' AND s.module = 'support'`).Scan(&otherCompanysService); err != nil {
		t.Fatal(err)
	}
	page := c.Get(t, "/services")
	if page.Doc.Find("#renewal-"+webtest.Itoa(hubID)+" form").Length() != 1 {
		t.Fatal("the Solutions Hub card offers no renewal form")
	}
	path := "/services/" + webtest.Itoa(hubID) + "/renewal-requests"

	bad := c.PostForm(t, path, url.Values{"term_months": {"5"}})
	if bad.StatusCode != http.StatusSeeOther || !strings.Contains(c.Get(t, "/services").Text("#flash"), "3, 6 or 12 months") {
		t.Errorf("a 5-month wish: status %d, want a redirect with the reason", bad.StatusCode)
	}

	c.Header.Set("HX-Request", "true")
	r := c.PostForm(t, path, url.Values{"term_months": {"6"}, "message": {"We need the Hub for the spring campaign."}})
	if r.StatusCode != http.StatusOK {
		t.Fatalf("htmx request: status %d\n%s", r.StatusCode, r.Body)
	}
	if got := r.Text(".renewal__done"); got != "✉Renewal requested on 25 Nov 2026" {
		t.Errorf("the button became %q, want Renewal requested on 25 Nov 2026", got)
	}
	again := c.PostForm(t, path, url.Values{"term_months": {"3"}})
	if again.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(again.Text(".form__error"), "already asked") {
		t.Errorf("second request: status %d, message %q; want 422 and a polite refusal", again.StatusCode, again.Text(".form__error"))
	}
	var open int
	if err := env.Pool.QueryRow(ctx, "SELECT count(*) FROM renewal_requests WHERE service_id = $1", hubID).Scan(&open); err != nil || open != 1 {
		t.Errorf("%d requests stored (err %v), want exactly 1", open, err)
	}
	c.Header.Del("HX-Request")

	// Without JavaScript: a redirect back to the card, and the card remembers.
	var supportID int64
	_ = env.Pool.QueryRow(ctx, `SELECT s.id FROM services s JOIN partner_companies c ON c.id = s.company_id WHERE c.name = 'Company A' AND s.module = 'support'`).Scan(&supportID)
	plain := c.PostForm(t, "/services/"+webtest.Itoa(supportID)+"/renewal-requests", url.Values{})
	if plain.StatusCode != http.StatusSeeOther || plain.Header.Get("Location") != "/services#service-"+webtest.Itoa(supportID) {
		t.Errorf("plain request: %d to %q", plain.StatusCode, plain.Header.Get("Location"))
	}
	after := c.Get(t, "/services")
	if !strings.Contains(after.Text("#flash"), "Renewal requested") {
		t.Errorf("no confirmation after the plain request: %q", after.Text("#flash"))
	}
	for _, id := range []int64{hubID, supportID} {
		if got := after.Text("#renewal-" + webtest.Itoa(id) + " .renewal__done"); !strings.Contains(got, "Renewal requested on 25 Nov 2026") {
			t.Errorf("card %d shows %q after the request", id, got)
		}
	}

	// History.
	hist := c.Get(t, "/services/requests")
	if rows := hist.Doc.Find("tbody tr").Length(); rows != 2 {
		t.Errorf("history has %d rows, want 2", rows)
	}
	if text := hist.Text("tbody"); !strings.Contains(text, "We need the Hub for the spring campaign.") || !strings.Contains(text, "6 months") || !strings.Contains(text, "Open") {
		t.Errorf("history lacks the request's details: %q", text)
	}
	// An answer shows up on My Services and in the history.
	if _, err := env.Pool.Exec(ctx, `UPDATE renewal_requests SET status = 'declined', answer = 'Budget review in January.',
		answered_by = (SELECT id FROM users WHERE email = 'am@example.com'), answered_at = $2 WHERE service_id = $1`, hubID, env.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	if got := c.Get(t, "/services").Text("#renewal-" + webtest.Itoa(hubID)); !strings.Contains(got, "declined on 25 Nov 2026: Budget review in January.") {
		t.Errorf("card after the answer: %q", got)
	}
	if got := c.Get(t, "/services/requests").Text("tbody"); !strings.Contains(got, "Declined") || !strings.Contains(got, "Budget review in January.") {
		t.Errorf("history after the answer: %q", got)
	}

	// Another company's service is not there at all.
	if r := c.PostForm(t, "/services/"+webtest.Itoa(otherCompanysService)+"/renewal-requests", url.Values{}); r.StatusCode != http.StatusNotFound {
		t.Errorf("renewal of another company's service: %d, want 404", r.StatusCode)
	}
}

func TestMovingTheClockPastValidUntilExpiresAServiceAndChangesNothingElse(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerA)
	ctx := context.Background()
	snapshot := func() string {
		var s string
		if err := env.Pool.QueryRow(ctx, `SELECT string_agg(row_to_json(x)::text, E'\n' ORDER BY x.id)
			FROM (SELECT s.id, s.status, s.version, t.valid_from, t.valid_until, t.cap_percent, t.messages_used, t.devices_used
			      FROM services s JOIN service_terms t ON t.service_id = s.id) x`).Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	before := snapshot()
	if got := c.Get(t, "/services").ServiceCards()["Support"]; !strings.Contains(got, "Active until 24 Mar 2027") {
		t.Fatalf("Support before: %q", got)
	}
	// Support ends on 24 Mar 2027 with cap 0: the next day it is expired.
	env.Clock.Set(time.Date(2027, 3, 24, 23, 0, 0, 0, time.UTC))
	if got := c.Get(t, "/services").ServiceCards()["Support"]; !strings.Contains(got, "Active until 24 Mar 2027 (1 day left)") {
		t.Errorf("Support on its last day: %q", got)
	}
	env.Clock.Set(time.Date(2027, 3, 25, 0, 0, 1, 0, time.UTC))
	r := c.Get(t, "/services")
	if got := r.ServiceCards()["Support"]; !strings.Contains(got, "Expired on 25 Mar 2027 — read-only") {
		t.Errorf("Support the day after: %q", got)
	}
	if support := c.Get(t, "/support"); support.Doc.Find(".banner--readonly").Length() != 1 {
		t.Errorf("/support the day after valid_until has no read-only banner")
	}
	if after := snapshot(); after != before {
		t.Errorf("moving the clock changed stored data:\nbefore %s\nafter  %s", before, after)
	}
}
