package staff_test

import (
	"context"
	"net/url"
	"testing"
	"time"

	"partnerportal/web/webtest"
)

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
	return "/admin/partners/" + webtest.Itoa(companyID) + "/services/" + webtest.Itoa(serviceID) + "/" + action
}

func form(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v
}
