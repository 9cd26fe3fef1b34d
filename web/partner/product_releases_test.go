package partner_test

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"partnerportal/web/jobs"
	"partnerportal/web/ui"
	"partnerportal/web/webtest"
)

// TestProductPageTellsReleasesAndRestorations: FleetPulse Telematics follows Company A's
// production software plan. After the plan passes its term and grace, and again after the
// account manager renews it the next day, the product's page lists, newest first, whose
// purchase was released or restored, when and why; no other company's partner finds the page.
func TestProductPageTellsReleasesAndRestorations(t *testing.T) {
	t.Parallel()
	env := webtest.NewWithJobs(t, jobs.Config{})
	plan := env.Plan(t, "Company A", "software", "production")
	path := "/products/" + webtest.Itoa(env.ProductID(t, "Company A", "fleetpulse-telematics"))
	partner := env.SignedIn(t, webtest.PartnerA)
	released := "Released Carlos Consumer · " + ui.LongDate(plan.ExpiredFrom) +
		" · your plan ended (its term and grace ran until " + ui.LongDate(plan.ExpiredFrom.AddDate(0, 0, -1)) + ")"
	restored := "Restored Carlos Consumer · " + ui.LongDate(plan.ExpiredFrom.AddDate(0, 0, 1)) + " · your plan can be used again"

	steps := []struct {
		name string
		do   func(t *testing.T)
		want []string // newest first
	}{
		{"during the term", func(*testing.T) {}, nil},
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
		r := partner.Get(t, path)
		if r.StatusCode != http.StatusOK {
			t.Fatalf("%s: the product page answers %d", s.name, r.StatusCode)
		}
		if got := r.PurchaseEvents("releases-title"); !slices.Equal(got, s.want) {
			t.Errorf("%s: the page lists\n%q\nwant\n%q", s.name, got, s.want)
		}
	}

	for _, other := range []string{webtest.PartnerB, webtest.PartnerC} {
		r := env.SignedIn(t, other).Get(t, path)
		if r.StatusCode != http.StatusNotFound || len(r.PurchaseEvents("releases-title")) != 0 {
			t.Errorf("%s opens Company A's product: %d with %q, want 404 and nothing of it", other, r.StatusCode, r.PurchaseEvents("releases-title"))
		}
	}
}
