package seed_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"partnerportal/db/seed"
)

// TestDemoAppConnect: five templates of 3–6 features and 4–8 parameters; Company B (AppConnect
// active) runs two finished deployments, one at its second revision, and has stopped a third;
// Company A (not subscribed) has none. Seeding again gives the same back, not twice as many.
func TestDemoAppConnect(t *testing.T) {
	ctx := context.Background()
	pool := demoDatabase(t)
	read := func(sql string) []string {
		rows, err := pool.Query(ctx, sql)
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
	templates := `SELECT concat_ws('|', t.slug, t.retired_at IS NULL,
			(SELECT count(*) FROM app_template_features f WHERE f.template_id = t.id) BETWEEN 3 AND 6,
			(SELECT count(*) FROM app_template_parameters p WHERE p.template_id = t.id) BETWEEN 4 AND 8)
		FROM app_templates t ORDER BY t.slug`
	deployments := `SELECT concat_ws('|', c.name, d.name, d.environment, d.status, d.revision, d.endpoint <> '',
			(SELECT string_agg(r.status || ':' || r.kind, ',' ORDER BY r.id) FROM app_runs r WHERE r.deployment_id = d.id),
			(SELECT count(*) FROM app_run_steps s JOIN app_runs r ON r.id = s.run_id WHERE r.deployment_id = d.id AND s.status <> 'done'),
			(SELECT count(*) FROM app_revision_devices v WHERE v.deployment_id = d.id AND v.revision = d.revision))
		FROM app_deployments d JOIN partner_companies c ON c.id = d.company_id ORDER BY c.name, d.name`
	wantTemplates := []string{
		"asset-tracking|t|t|t", "cold-chain|t|t|t", "predictive-maintenance|t|t|t", "smart-agriculture|t|t|t", "smart-building|t|t|t",
	}
	wantDeployments := []string{
		"Company B|HQ comfort monitor|sandbox|running|1|t|succeeded:deploy|0|2",
		"Company B|Riverside cold store|production|running|2|t|succeeded:deploy,succeeded:reconfigure|0|2",
		"Company B|Yard trailers pilot|sandbox|stopped|1|t|succeeded:deploy|0|1",
	}
	for _, pass := range []string{"first", "again"} {
		if pass == "again" {
			if _, err := seed.Demo(ctx, pool, plainHasher{}, today); err != nil {
				t.Fatal(err)
			}
		}
		if diff := cmp.Diff(wantTemplates, read(templates)); diff != "" {
			t.Errorf("%s: templates (-want +got):\n%s", pass, diff)
		}
		if diff := cmp.Diff(wantDeployments, read(deployments)); diff != "" {
			t.Errorf("%s: deployments (-want +got):\n%s", pass, diff)
		}
	}
}
