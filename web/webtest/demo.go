package webtest

import (
	"context"
	"testing"
	"time"
)

// CompanyID is the id of a demo company, by name ("Company A").
func (e *Env) CompanyID(t testing.TB, name string) int64 {
	t.Helper()
	var id int64
	if err := e.Pool.QueryRow(context.Background(), "SELECT id FROM partner_companies WHERE name = $1", name).Scan(&id); err != nil {
		t.Fatalf("company %s: %v", name, err)
	}
	return id
}

// Service is the id and version of a company's service; environment is "" for the modules
// without plans.
func (e *Env) Service(t testing.TB, company, module, environment string) (id int64, version int32) {
	t.Helper()
	err := e.Pool.QueryRow(context.Background(), `SELECT s.id, s.version FROM services s
		JOIN partner_companies c ON c.id = s.company_id
		WHERE c.name = $1 AND s.module = $2 AND s.environment IS NOT DISTINCT FROM nullif($3, '')::environment`,
		company, module, environment).Scan(&id, &version)
	if err != nil {
		t.Fatalf("service %s %s %s: %v", company, module, environment, err)
	}
	return id, version
}

// Plan is a company's plan (a software or hardware service of one environment) with its
// latest term.
type Plan struct {
	ServiceID, TermID int64
	// ValidUntil is the term's last day, ExpiredFrom the first day past its grace.
	ValidUntil, ExpiredFrom time.Time
}

// Plan looks up a company's plan and its latest term.
func (e *Env) Plan(t testing.TB, company, module, environment string) Plan {
	t.Helper()
	var p Plan
	err := e.Pool.QueryRow(context.Background(), `SELECT s.id, t.id, t.valid_until, f.expired_from FROM services s
		JOIN partner_companies c ON c.id = s.company_id
		JOIN service_terms t ON t.service_id = s.id
		JOIN service_term_figures f ON f.term_id = t.id
		WHERE c.name = $1 AND s.module = $2 AND s.environment = $3
		ORDER BY t.valid_from DESC LIMIT 1`, company, module, environment).Scan(&p.ServiceID, &p.TermID, &p.ValidUntil, &p.ExpiredFrom)
	if err != nil {
		t.Fatalf("%s %s %s plan: %v", company, module, environment, err)
	}
	return p
}

// ProductID is the id of a company's product, by slug.
func (e *Env) ProductID(t testing.TB, company, slug string) int64 {
	t.Helper()
	var id int64
	if err := e.Pool.QueryRow(context.Background(), `SELECT p.id FROM products p JOIN partner_companies c ON c.id = p.company_id
		WHERE c.name = $1 AND p.slug = $2`, company, slug).Scan(&id); err != nil {
		t.Fatalf("product %s/%s: %v", company, slug, err)
	}
	return id
}

// Exec runs SQL that puts the database in the state a test needs, and fails the test on error.
func (e *Env) Exec(t testing.TB, sql string, args ...any) {
	t.Helper()
	if _, err := e.Pool.Exec(context.Background(), sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// SetModuleState gives a company's service of module the wanted state as of the test clock's
// day, replacing what it had: "none" (no service), "inactive", "scheduled", "active", "grace",
// "expired" or "exhausted". Software and hardware get one production plan.
func (e *Env) SetModuleState(t testing.TB, companyID int64, module, state string) {
	t.Helper()
	ctx := context.Background()
	today := e.Clock.Now().UTC().Truncate(24 * time.Hour)
	for _, q := range []string{
		"DELETE FROM renewal_requests WHERE service_id IN (SELECT id FROM services WHERE company_id = $1 AND module = $2)",
		"DELETE FROM service_terms WHERE service_id IN (SELECT id FROM services WHERE company_id = $1 AND module = $2)",
		"DELETE FROM services WHERE company_id = $1 AND module = $2",
	} {
		if _, err := e.Pool.Exec(ctx, q, companyID, module); err != nil {
			t.Fatal(err)
		}
	}
	if state == "none" {
		return
	}
	metered := module == "software" || module == "hardware"
	var environment any
	if metered {
		environment = "production"
	}
	status, from, capPercent, quota, used := "active", today.AddDate(0, 0, -10), 0, any(nil), 0
	switch state {
	case "inactive":
		status = "inactive"
	case "scheduled":
		from = today.AddDate(0, 0, 5)
	case "grace":
		from, capPercent = today.AddDate(0, -3, -2), 10
	case "expired":
		from = today.AddDate(0, -6, 0)
	case "exhausted":
		quota, used = 100, 100
	}
	if metered && quota == nil {
		quota = 1000
	}
	if _, err := e.Pool.Exec(ctx, `WITH s AS (
		INSERT INTO services (company_id, module, environment, status) VALUES ($1, $2, $3, $4) RETURNING id, module)
		INSERT INTO service_terms (service_id, module, valid_from, term_months, cap_percent, message_quota, messages_used)
		SELECT id, module, $5, 3, $6, $7, $8 FROM s`, companyID, module, environment, status, from, capPercent, quota, used); err != nil {
		t.Fatalf("set %s %s: %v", module, state, err)
	}
}
