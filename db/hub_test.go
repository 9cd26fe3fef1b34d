package db_test

import (
	"context"
	"testing"

	"partnerportal/db"
	"partnerportal/db/dbtest"
)

// TestHubVisibleAndPurchasable is SPEC §5 for the Solutions Hub over every pair of states: a
// listing is visible iff neither the company's Solutions Hub nor the product's plan is hidden,
// and purchasable iff both can be used.
func TestHubVisibleAndPurchasable(t *testing.T) {
	pool := dbtest.New(t)
	ctx := context.Background()
	shown := map[db.ServiceState]bool{active: true, grace: true, expired: true, exhausted: true}
	usable := map[db.ServiceState]bool{active: true, grace: true}
	for _, hub := range db.AllServiceStateValues() {
		for _, plan := range db.AllServiceStateValues() {
			var visible, purchasable bool
			if err := pool.QueryRow(ctx, "SELECT hub_visible($1, $2), hub_purchasable($1, $2)", hub, plan).Scan(&visible, &purchasable); err != nil {
				t.Fatal(err)
			}
			if visible != (shown[hub] && shown[plan]) || purchasable != (usable[hub] && usable[plan]) {
				t.Errorf("hub %s, plan %s: visible %v, purchasable %v", hub, plan, visible, purchasable)
			}
		}
	}
	// no state (no day to ask about) opens nothing
	var visible, purchasable bool
	if err := pool.QueryRow(ctx, "SELECT hub_visible(NULL, 'active'), hub_purchasable('active', NULL)").Scan(&visible, &purchasable); err != nil || visible || purchasable {
		t.Errorf("a NULL state: visible %v, purchasable %v (err %v)", visible, purchasable, err)
	}
}

func TestCompanySlug(t *testing.T) {
	pool := dbtest.New(t)
	for name, want := range map[string]string{
		"Company A":             "company-a",
		"  ACME  Sensors, Inc.": "acme-sensors-inc",
		"Société Générale":      "societe-generale",
		"---":                   "company",
	} {
		var got string
		if err := pool.QueryRow(context.Background(), "SELECT company_slug($1)", name).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("company_slug(%q) = %q, want %q", name, got, want)
		}
	}
}
