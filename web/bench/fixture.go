package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/jackc/pgx/v5/pgxpool"

	"partnerportal/db/seed"
)

// fixture is what the targets need from the database.
type fixture struct {
	companyA, companyB int64
	// scaleManager is set when the scale data set is there.
	scaleManager string
}

// prepare finds the demo companies and gives Company B's production plan room for every report
// the run may send, so the usage API counts each one instead of refusing it.
func prepare(ctx context.Context, pool *pgxpool.Pool) (fixture, error) {
	var f fixture
	err := pool.QueryRow(ctx, `SELECT (SELECT id FROM partner_companies WHERE name = 'Company A'),
		(SELECT id FROM partner_companies WHERE name = 'Company B')`).Scan(&f.companyA, &f.companyB)
	if err != nil {
		return f, fmt.Errorf("find the demo companies: %w", err)
	}
	_, err = pool.Exec(ctx, `UPDATE service_terms st SET message_quota = 2000000000
		FROM services s WHERE s.id = st.service_id AND s.company_id = $1 AND s.module = 'software'`, f.companyB)
	if err != nil {
		return f, fmt.Errorf("make room for the usage reports: %w", err)
	}
	var manager string
	if err := pool.QueryRow(ctx, `SELECT coalesce((SELECT email FROM users WHERE email = $1), '')`, seed.ScaleManagerEmail).Scan(&manager); err != nil {
		return f, err
	}
	f.scaleManager = manager
	return f, nil
}

var listingHref = regexp.MustCompile(`^/hub/[^/?]+/[^/?]+$`)

// targetsOf signs everybody in and lists the targets.
func targetsOf(base string, tr http.RoundTripper, f fixture, o Options) ([]target, error) {
	p := people{anonymous: newClient(base, tr)}
	for _, s := range []struct {
		c     **client
		email string
	}{
		{&p.partnerA, "a@company-a.example"}, {&p.partnerB, "b@company-b.example"},
		{&p.consumer, "consumer@example.com"}, {&p.manager, "am@example.com"}, {&p.admin, "admin@example.com"},
	} {
		*s.c = newClient(base, tr)
		if err := (*s.c).signIn(s.email, seed.DemoPassword); err != nil {
			return nil, err
		}
	}
	doc, err := p.anonymous.get("/hub")
	if err != nil {
		return nil, err
	}
	var listing string
	doc.Find("a[href]").EachWithBreak(func(_ int, a *goquery.Selection) bool {
		href, _ := a.Attr("href")
		if listingHref.MatchString(href) {
			listing = href
			return false
		}
		return true
	})
	if listing == "" {
		return nil, fmt.Errorf("the Hub shows no listing to load")
	}
	key, err := p.partnerB.createAPIKey("Benchmark", "production")
	if err != nil {
		return nil, err
	}
	var extra []target
	if f.scaleManager != "" {
		big := newClient(base, tr)
		if err := big.signIn(f.scaleManager, seed.ScalePassword); err != nil {
			return nil, err
		}
		for _, pg := range []struct {
			name string
			c    *client
			path string
		}{
			{"/admin (account manager of 200 companies)", big, "/admin"},
			{"/admin (admin, every company)", p.admin, "/admin"},
			{"/admin/companies (admin)", p.admin, "/admin/companies"},
			{"/hub?q=smart (every listing)", p.anonymous, "/hub?q=smart"},
		} {
			mk, hc := pg.c.pageRequest(pg.path, nil)
			extra = append(extra, target{name: pg.name, group: groupPages, make: mk, client: hc, want: http.StatusOK})
		}
	}
	bare := &http.Client{Transport: tr}
	return append(pageTargets(p, listing, f.companyA, extra), usageTargets(base, bare, bare, key)...), nil
}

// sweepAtScale times the daily sweep of every service, as the hourly job runs it.
func sweepAtScale(ctx context.Context, pool *pgxpool.Pool, today time.Time, out io.Writer) error {
	var services, recorded int64
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM services`).Scan(&services); err != nil {
		return err
	}
	t0 := time.Now()
	if err := pool.QueryRow(ctx, `SELECT record_events($1, now(), NULL)`, today).Scan(&recorded); err != nil {
		return fmt.Errorf("the sweep: %w", err)
	}
	fmt.Fprintf(out, "\ndaily sweep over %d services: %d events recorded in %s\n", services, recorded, time.Since(t0).Round(time.Millisecond))
	return nil
}
