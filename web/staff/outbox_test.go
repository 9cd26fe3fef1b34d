package staff_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"partnerportal/web/jobs"
	"partnerportal/web/webtest"
)

// TestOutboxKeepsEveryMessageWithoutSMTP: with no mail server, the notices of Company A's
// production plan (a reminder 30 days ahead, then the read-only day) stay in the outbox. The
// admin sees them newest first, each with its subject, recipient and "In the outbox"; a
// message's page shows whom it is for, its text with the portal link, and List-Unsubscribe.
func TestOutboxKeepsEveryMessageWithoutSMTP(t *testing.T) {
	t.Parallel()
	env := webtest.NewWithJobs(t, jobs.Config{})
	plan := env.Plan(t, "Company A", "software", "production")
	for _, d := range []time.Time{plan.ValidUntil.AddDate(0, 0, -30), plan.ExpiredFrom} {
		env.Clock.Set(d.Add(9 * time.Hour))
		env.Sweep(t)
	}
	admin := env.SignedIn(t, webtest.Admin)
	list := admin.Get(t, "/admin/outbox")
	if list.StatusCode != http.StatusOK {
		t.Fatalf("GET /admin/outbox: %d", list.StatusCode)
	}
	const (
		reminder = "Software products · Production ends in 30 days"
		released = "FleetPulse Telematics is released by Company A"
	)
	row := func(subject, to string) int {
		at := -1
		list.Doc.Find("tbody tr").EachWithBreak(func(i int, tr *goquery.Selection) bool {
			if strings.TrimSpace(tr.Find("th a").Text()) == subject && strings.TrimSpace(tr.Find("td").First().Text()) == to {
				at = i
				if got := strings.TrimSpace(tr.Find(".badge").Text()); !strings.Contains(got, "In the outbox") {
					t.Errorf("%q to %s has status %q, want In the outbox", subject, to, got)
				}
			}
			return at < 0
		})
		if at < 0 {
			t.Errorf("the outbox lists no %q to %s; it lists %q", subject, to, list.Text("tbody th a"))
		}
		return at
	}
	first, later := row(reminder, "Anna Andersen <"+webtest.PartnerA+">"), row(released, "Carlos Consumer <"+webtest.Consumer+">")
	if first >= 0 && later >= 0 && later > first {
		t.Errorf("the release (row %d) is listed after the older reminder (row %d), want newest first", later, first)
	}

	href := list.Doc.Find(`tbody tr:contains("`+released+`") th a`).AttrOr("href", "")
	msg := admin.Get(t, href)
	facts := map[string]string{}
	msg.Doc.Find("dl.facts > div").Each(func(_ int, d *goquery.Selection) {
		facts[strings.TrimSpace(d.Find("dt").Text())] = strings.TrimSpace(d.Find("dd").Text())
	})
	if got := facts["To"]; got != "Carlos Consumer <"+webtest.Consumer+">" {
		t.Errorf("To %q, want Carlos Consumer <%s>", got, webtest.Consumer)
	}
	if got, want := facts["List-Unsubscribe"], env.URL+"/account#notifications"; got != want {
		t.Errorf("List-Unsubscribe %q, want %q", got, want)
	}
	text := msg.Text("pre.mail-text")
	for _, want := range []string{"Hello Carlos Consumer", "Your purchase cannot be used for now", env.URL + "/purchases"} {
		if !strings.Contains(text, want) {
			t.Errorf("the text does not say %q:\n%s", want, text)
		}
	}
	if got := msg.Doc.Find(`a:contains("Open the HTML version")`).AttrOr("href", ""); got != href+"/html" {
		t.Errorf("the HTML version is linked as %q, want %q", got, href+"/html")
	}
}

// TestOutboxHTMLVersionIsSandboxedAndAdminsOnly: a message's HTML version is served to the
// admin under a sandbox policy, so nothing in it runs; account managers and partners do not
// find it, nor the outbox.
func TestOutboxHTMLVersionIsSandboxedAndAdminsOnly(t *testing.T) {
	t.Parallel()
	env := webtest.NewWithJobs(t, jobs.Config{})
	env.Clock.Set(env.Plan(t, "Company A", "software", "production").ExpiredFrom.Add(9 * time.Hour))
	env.Sweep(t)
	admin := env.SignedIn(t, webtest.Admin)
	href := admin.Get(t, "/admin/outbox").Doc.Find("tbody tr th a").First().AttrOr("href", "")
	if href == "" {
		t.Fatal("the outbox is empty after the sweep")
	}
	tests := []struct {
		name, who, path string
		want            int
	}{
		{"admin, HTML version", webtest.Admin, href + "/html", http.StatusOK},
		{"account manager, HTML version", webtest.AccountManager, href + "/html", http.StatusNotFound},
		{"partner, HTML version", webtest.PartnerA, href + "/html", http.StatusNotFound},
		{"account manager, message", webtest.AccountManager, href, http.StatusNotFound},
		{"partner, outbox", webtest.PartnerA, "/admin/outbox", http.StatusNotFound},
		{"admin, no such message", webtest.Admin, "/admin/outbox/999999999/html", http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := env.SignedIn(t, tt.who).Get(t, tt.path)
			if r.StatusCode != tt.want {
				t.Fatalf("GET %s: %d, want %d", tt.path, r.StatusCode, tt.want)
			}
			csp := r.Header.Get("Content-Security-Policy")
			if tt.want == http.StatusOK && !strings.Contains(csp, "sandbox") {
				t.Errorf("Content-Security-Policy %q has no sandbox", csp)
			}
			if tt.want != http.StatusOK && strings.Contains(r.Body, "Open in the portal") {
				t.Error("the refusal shows the message")
			}
		})
	}
}

// TestOutboxPageNumbersNeverFail: any page number answers with a page, never an error; past
// the last page the outbox says this page is empty (not that there is no e-mail) and leads
// back to the first.
func TestOutboxPageNumbersNeverFail(t *testing.T) {
	t.Parallel()
	env := webtest.NewWithJobs(t, jobs.Config{})
	env.Clock.Set(env.Plan(t, "Company A", "software", "production").ExpiredFrom.Add(9 * time.Hour))
	env.Sweep(t)
	admin := env.SignedIn(t, webtest.Admin)
	tests := []struct {
		page     string
		wantRows bool
	}{
		{"1", true}, {"2", false}, {"10001", false}, {"2147483648", false},
		{"99999999999999999999", false}, {"-1", true}, {"0", true}, {"abc", true},
	}
	for _, tt := range tests {
		t.Run("page="+tt.page, func(t *testing.T) {
			t.Parallel()
			r := admin.Get(t, "/admin/outbox?page="+tt.page)
			if r.StatusCode != http.StatusOK {
				t.Fatalf("status %d, want 200", r.StatusCode)
			}
			if got := r.Doc.Find("tbody tr").Length() > 0; got != tt.wantRows {
				t.Errorf("lists messages: %v, want %v", got, tt.wantRows)
			}
			if !tt.wantRows && (r.Text(".empty-state p") != "There are no messages on this page." ||
				r.Doc.Find(`.empty-state a[href="/admin/outbox"]`).Length() != 1) {
				t.Errorf("past the last page the outbox says %q, want no messages on this page and a link to the first", r.Text(".empty-state"))
			}
		})
	}
}
