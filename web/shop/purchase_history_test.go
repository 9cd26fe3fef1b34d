package shop_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"partnerportal/web/jobs"
	"partnerportal/web/ui"
	"partnerportal/web/webtest"
)

// TestPurchaseHistoryTellsReleasesAndRestorations: Carlos bought FleetPulse Telematics, on
// Company A's production software plan. When the plan is past its term and grace, My
// purchases records under "Releases and restorations" that it was released, when and why in
// words; the next day the account manager renews the plan, and a "Restored" line comes on top.
func TestPurchaseHistoryTellsReleasesAndRestorations(t *testing.T) {
	t.Parallel()
	env := webtest.NewWithJobs(t, jobs.Config{})
	plan := env.Plan(t, "Company A", "software", "production")
	consumer := env.SignedIn(t, webtest.Consumer)
	const product = "FleetPulse Telematics by Company A"
	released := "Released " + product + " · " + ui.LongDate(plan.ExpiredFrom) +
		" · the partner's plan ended (its term and grace ran until " + ui.LongDate(plan.ExpiredFrom.AddDate(0, 0, -1)) + ")"
	restored := "Restored " + product + " · " + ui.LongDate(plan.ExpiredFrom.AddDate(0, 0, 1)) + " · the partner's plan can be used again"

	steps := []struct {
		name string
		do   func(t *testing.T)
		want []string // newest first
	}{
		{"before the end of the term", func(*testing.T) {}, nil},
		{"past the term and its grace", func(t *testing.T) {
			env.Clock.Set(plan.ExpiredFrom.Add(9 * time.Hour))
			env.Sweep(t)
		}, []string{released}},
		{"renewed the next day", func(t *testing.T) {
			env.Clock.Set(plan.ExpiredFrom.AddDate(0, 0, 1).Add(9 * time.Hour))
			env.RenewPlan(t, "Company A", "software", "production")
			env.Settle(t)
		}, []string{restored, released}},
	}
	for _, s := range steps {
		s.do(t)
		r := consumer.Get(t, "/purchases")
		if r.StatusCode != http.StatusOK {
			t.Fatalf("%s: My purchases answers %d", s.name, r.StatusCode)
		}
		// Company A's hardware plan ends the same day: its products have lines of their own.
		var got []string
		for _, line := range r.PurchaseEvents("purchase-history-title") {
			if strings.Contains(line, " "+product+" · ") {
				got = append(got, line)
			}
		}
		if !slices.Equal(got, s.want) {
			t.Errorf("%s: the history of %s reads\n%q\nwant\n%q", s.name, product, got, s.want)
		}
		if s.want != nil && r.Text("#purchase-history-title") != "Releases and restorations" {
			t.Errorf("%s: the history is headed %q", s.name, r.Text("#purchase-history-title"))
		}
	}
}
