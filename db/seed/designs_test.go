package seed_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"partnerportal/db/seed"
)

// TestDemoDesigns: Company A (ExpressConnect expired) has three designs, one with three
// versions; Company C (ExpressConnect active) two, each linked to one of its hardware products;
// Company B (a software partner) two linked to none.
// Running the seed again gives the same designs back, not twice as many.
func TestDemoDesigns(t *testing.T) {
	ctx := context.Background()
	pool := demoDatabase(t)
	designs := func() []string {
		rows, err := pool.Query(ctx, `SELECT concat_ws('|', c.name, d.name, d.version, count(v.version),
				bool_and(p.company_id = c.id AND p.module = 'hardware'), ss.state)
			FROM device_designs d
			JOIN partner_companies c ON c.id = d.company_id
			JOIN device_design_versions v ON v.design_id = d.id
			LEFT JOIN products p ON p.id = v.product_id
			JOIN service_states($1) ss ON ss.company_id = c.id AND ss.module = 'expressconnect'
			GROUP BY c.name, d.name, d.version, ss.state ORDER BY c.name, d.name`, today)
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
	want := []string{
		"Company A|PowerMeter Pro|1|1|t|expired",
		"Company A|SenseHub Gateway|1|1|t|expired",
		"Company A|TrackTag Mini telemetry|3|3|t|expired",
		"Company B|Reefer logger|1|1|active",
		"Company B|Room climate sensor|1|1|active",
		"Company C|AirQ Indoor Sensor|1|1|t|active",
		"Company C|FleetBox OBD Tracker|1|1|t|active",
	}
	if diff := cmp.Diff(want, designs()); diff != "" {
		t.Errorf("demo designs (-want +got):\n%s", diff)
	}
	if _, err := seed.Demo(ctx, pool, plainHasher{}, today); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, designs()); diff != "" {
		t.Errorf("after seeding again (-want +got):\n%s", diff)
	}
}
