package staff_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"partnerportal/web/webtest"
)

// spaced is a selection's text with its whitespace normalised.
func spaced(s *goquery.Selection) string { return strings.Join(strings.Fields(s.Text()), " ") }

// cells is a table row's cells, each spaced, joined by spaces.
func cells(row *goquery.Selection) string {
	var out []string
	row.Find("th, td").Each(func(_ int, c *goquery.Selection) { out = append(out, spaced(c)) })
	return strings.Join(out, " ")
}

// TestDashboardAndMyServicesAgreeOnGrace: the account manager's dashboard and the partner's My
// Services say the same days of grace for a plan whose term has ended, and none for a plan in
// grace because of its quota, where both say what is left of the cap allowance instead.
func TestDashboardAndMyServicesAgreeOnGrace(t *testing.T) {
	t.Parallel()
	env := webtest.New(t) // today is 25 Nov 2026
	// Time grace: the sandbox plan ends on 30 Nov with a 10% cap, and the clock moves past it.
	sandbox, _ := env.Service(t, "Company A", "software", "sandbox")
	replaceTerms(t, env, sandbox, day("2026-06-01"), 6, 10, 1000, 10)
	// Quota grace: the production plan runs until March, 110 of 100 messages used with a 20%
	// cap (an allowance of 120, so 10 left).
	production, _ := env.Service(t, "Company A", "software", "production")
	replaceTerms(t, env, production, day("2026-10-01"), 6, 20, 100, 110)
	env.Clock.Set(webtest.Start.AddDate(0, 0, 8))
	today := day("2026-12-03")
	// grace_days_left counts today: the days from today up to the first expired day.
	days := int(env.Plan(t, "Company A", "software", "sandbox").ExpiredFrom.Sub(today) / (24 * time.Hour))
	if days < 2 {
		t.Fatalf("the sandbox plan has %d days of grace left, want it well within its grace", days)
	}
	graceDays := fmt.Sprintf("%d days of grace left", days)

	dashboard := env.SignedIn(t, webtest.AccountManager).Get(t, "/admin")
	attention := func(t *testing.T, service string) string {
		t.Helper()
		row := dashboard.Doc.Find("#attention tbody tr").FilterFunction(func(_ int, s *goquery.Selection) bool {
			return strings.HasPrefix(cells(s), "Company A "+service+" ")
		})
		if row.Length() != 1 {
			t.Fatalf("the dashboard lists %d rows for Company A %s among %q", row.Length(), service, spaced(dashboard.Doc.Find("#attention tbody")))
		}
		return cells(row)
	}
	services := env.SignedIn(t, webtest.PartnerA).Get(t, "/services")
	card := func(t *testing.T, title string) (summary, left string) {
		t.Helper()
		c := services.Doc.Find("article.service-card").FilterFunction(func(_ int, s *goquery.Selection) bool {
			return spaced(s.Find(".card__title")) == title
		})
		if c.Length() != 1 {
			t.Fatalf("My Services shows %d cards titled %q", c.Length(), title)
		}
		return spaced(c.Find(".service-card__summary")), spaced(c.Find(".service-card__left"))
	}

	tests := []struct {
		name, dashboardService, cardTitle string
		// dashboard and myServices must be in what each page says; neither page may say noDays.
		dashboard, myServices []string
		noDays                bool
	}{
		{
			name:             "time grace",
			dashboardService: "Software products · sandbox", cardTitle: "Software products · Sandbox",
			dashboard:  []string{"◔Grace", graceDays},
			myServices: []string{fmt.Sprintf("cap allowance: %d days", days), graceDays},
		},
		{
			name:             "quota grace",
			dashboardService: "Software products · production", cardTitle: "Software products · Production",
			dashboard:  []string{"◔Grace", "10 messages left in the cap allowance"},
			myServices: []string{"cap allowance: 10 messages left", "10 messages left in your cap allowance"},
			noDays:     true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			row := attention(t, tt.dashboardService)
			summary, left := card(t, tt.cardTitle)
			mine := summary + " | " + left
			for _, want := range tt.dashboard {
				if !strings.Contains(row, want) {
					t.Errorf("the dashboard says %q, want %q in it", row, want)
				}
			}
			for _, want := range tt.myServices {
				if !strings.Contains(mine, want) {
					t.Errorf("My Services says %q, want %q in it", mine, want)
				}
			}
			if tt.noDays {
				for page, said := range map[string]string{"the dashboard": row, "My Services": mine} {
					if strings.Contains(said, "of grace left") || strings.Contains(said, " day") {
						t.Errorf("%s speaks of days of grace: %q", page, said)
					}
				}
			}
		})
	}
}
