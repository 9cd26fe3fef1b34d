package web_test

import (
	"context"
	"net/url"
	"testing"
	"time"

	"partnerportal/web/webtest"
)

// companyID is the id of a demo company.
func companyID(t *testing.T, env *webtest.Env, name string) int64 {
	t.Helper()
	var id int64
	if err := env.Pool.QueryRow(context.Background(), "SELECT id FROM partner_companies WHERE name = $1", name).Scan(&id); err != nil {
		t.Fatalf("company %s: %v", name, err)
	}
	return id
}

// serviceOf is the id and version of a company's service; env is "" for modules without plans.
func serviceOf(t *testing.T, env *webtest.Env, company, module, environment string) (id int64, version int32) {
	t.Helper()
	err := env.Pool.QueryRow(context.Background(), `SELECT s.id, s.version FROM services s
		JOIN partner_companies c ON c.id = s.company_id
		WHERE c.name = $1 AND s.module = $2 AND s.environment IS NOT DISTINCT FROM nullif($3, '')::environment`,
		company, module, environment).Scan(&id, &version)
	if err != nil {
		t.Fatalf("service %s %s %s: %v", company, module, environment, err)
	}
	return id, version
}

func version(t *testing.T, env *webtest.Env, serviceID int64) int32 {
	t.Helper()
	var v int32
	if err := env.Pool.QueryRow(context.Background(), "SELECT version FROM services WHERE id = $1", serviceID).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// replaceTerms gives a service one term instead of the ones it had.
func replaceTerms(t *testing.T, env *webtest.Env, serviceID int64, from time.Time, months, capPercent int, messageQuota any, messagesUsed int) {
	t.Helper()
	ctx := context.Background()
	if _, err := env.Pool.Exec(ctx, "DELETE FROM service_terms WHERE service_id = $1", serviceID); err != nil {
		t.Fatal(err)
	}
	addTerm(t, env, serviceID, from, months, capPercent, messageQuota, messagesUsed)
}

// addTerm adds a term to a service.
func addTerm(t *testing.T, env *webtest.Env, serviceID int64, from time.Time, months, capPercent int, messageQuota any, messagesUsed int) {
	t.Helper()
	if _, err := env.Pool.Exec(context.Background(), `INSERT INTO service_terms (service_id, module, valid_from, term_months, cap_percent, message_quota, messages_used)
		SELECT id, module, $2, $3, $4, $5, $6 FROM services WHERE id = $1`, serviceID, from, months, capPercent, messageQuota, messagesUsed); err != nil {
		t.Fatal(err)
	}
}

// auditRows counts the audit events of an action about a service (0 for any service).
func auditRows(t *testing.T, env *webtest.Env, action string, serviceID int64) int {
	t.Helper()
	var n int
	if err := env.Pool.QueryRow(context.Background(), `SELECT count(*) FROM audit_events
		WHERE action = $1 AND ($2 = 0 OR service_id = $2)`, action, serviceID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// day is a date of the test calendar, which starts on webtest.Start (25 Nov 2026).
func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// servicePath is the address of an action on a service of the partner page.
func servicePath(companyID, serviceID int64, action string) string {
	return "/admin/partners/" + itoa(companyID) + "/services/" + itoa(serviceID) + "/" + action
}

func form(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v
}
