package shop_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"partnerportal/web/webtest"
)

// TestPurchasesAreReleasedAndRestoredWithThePlan: SPEC §5 from the consumer's side. Carlos
// bought FleetPulse Telematics (Company A's production software plan: 6 months, cap 10%). Past
// the term and its grace his purchase reads "Released by the partner on DATE"; the account
// manager's renewal makes it usable again; switching the plan off releases it with no date.
func TestPurchasesAreReleasedAndRestoredWithThePlan(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	plan := env.Plan(t, "Company A", "software", "production") // FleetPulse Telematics, which the demo consumer bought
	serviceID, validUntil, expiredFrom := plan.ServiceID, plan.ValidUntil, plan.ExpiredFrom
	c := env.SignedIn(t, webtest.Consumer)
	access := func() string {
		t.Helper()
		r := c.Get(t, "/purchases")
		if r.StatusCode != http.StatusOK {
			t.Fatalf("My purchases: %d", r.StatusCode)
		}
		cell := r.Doc.Find(`tbody tr:contains("FleetPulse Telematics") .consumer-access`)
		return strings.TrimSpace(cell.Find(".badge").Text()) + " / " + strings.TrimSpace(cell.Find("span:not(.badge):not(.badge__icon)").Text())
	}
	steps := []struct {
		when string
		do   func()
		want string
	}{
		{"during the term", func() {}, "✓Active / Can use it"},
		{"in grace after valid_until", func() { env.Clock.Set(validUntil.AddDate(0, 0, 1).Add(9 * time.Hour)) }, "✓Active / Can use it"},
		{"past valid_until and its grace", func() { env.Clock.Set(expiredFrom.Add(9 * time.Hour)) },
			"⊘Released / Released by the partner on " + expiredFrom.Format("2 Jan 2006")},
		{"after the renewal", func() {
			env.Exec(t, `INSERT INTO service_terms (service_id, module, valid_from, term_months, cap_percent, message_quota, device_quota)
				VALUES ($1, 'software', $2, 6, 10, 100000, 500)`, serviceID, expiredFrom)
		}, "✓Active / Can use it"},
		{"switched off", func() {
			env.Exec(t, "UPDATE services SET status = 'inactive', version = version + 1 WHERE id = $1", serviceID)
		},
			"⊘Released / Released by the partner"},
	}
	for _, s := range steps {
		s.do()
		if got := access(); got != s.want {
			t.Errorf("%s: %q, want %q", s.when, got, s.want)
		}
	}
	// the other purchases follow their own plans: Company B's 12-month plan is still active
	if r := c.Get(t, "/purchases"); !strings.Contains(r.Doc.Find(`tbody tr:contains("RetailFlow Footfall")`).Text(), "Active") {
		t.Error("a purchase of another plan was released too")
	}
}

// TestDemoConsumerHasPastOrders: the demo's consumer sees their orders and purchases, among
// them a Company A product whose plan is active (though Company A's Solutions Hub is not).
func TestDemoConsumerHasPastOrders(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.Consumer)
	orders := c.Get(t, "/orders")
	if n := orders.Doc.Find("tbody tr").Length(); n != 4 {
		t.Errorf("%d past orders, want 4", n)
	}
	if got := orders.Text("tbody tr:nth-child(2)"); !strings.Contains(got, "€634.00") || !strings.Contains(got, "11") {
		t.Errorf("the TrackTag and SenseHub order reads %q, want 11 items for €634.00", got)
	}
	order := orders.Doc.Find("tbody tr:nth-child(2) a").AttrOr("href", "")
	page := c.Get(t, order)
	if got := page.Text("tbody"); !strings.Contains(got, "TrackTag Mini") || !strings.Contains(got, "€345.00") || !strings.Contains(got, "SenseHub Gateway") {
		t.Errorf("order page %q", got)
	}
	mine := c.Get(t, "/purchases")
	if got := mine.Text(`tbody tr:contains("TrackTag Mini")`); !strings.Contains(got, "€345.00") || !strings.Contains(got, "€34.50 each") || !strings.Contains(got, "Active") {
		t.Errorf("TrackTag purchase %q", got)
	}
	if n := mine.Doc.Find("tbody tr").Length(); n != 5 {
		t.Errorf("%d purchases, want 5", n)
	}
}
