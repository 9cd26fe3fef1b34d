package db_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"partnerportal/db"
	"partnerportal/db/dbtest"
)

// newCompany adds a partner company named for the test that owns it.
func newCompany(t *testing.T, q *db.Queries, name string) int64 {
	t.Helper()
	c, err := q.UpsertPartnerCompany(context.Background(), db.UpsertPartnerCompanyParams{
		Name: name, IsHardware: true, IsSoftware: true})
	if err != nil {
		t.Fatal(err)
	}
	return c.ID
}

// grant gives a company a service with one term, the way an account manager does.
func grant(t *testing.T, q *db.Queries, company int64, module db.ModuleKey, env *db.Environment,
	tm term, cap, mq, dq int32) (db.Service, db.ServiceTerm) {
	t.Helper()
	ctx := context.Background()
	s, err := q.CreateService(ctx, db.CreateServiceParams{
		CompanyID: company, Module: module, Environment: env, Status: db.ServiceStatusActive})
	if err != nil {
		t.Fatal(err)
	}
	return s, addTerm(t, q, s.ID, tm, cap, mq, dq)
}

// addTerm adds a term to a service: the first grant, or a renewal.
func addTerm(t *testing.T, q *db.Queries, service int64, tm term, cap, mq, dq int32) db.ServiceTerm {
	t.Helper()
	st, err := q.CreateServiceTerm(context.Background(), db.CreateServiceTermParams{
		ServiceID: service, ValidFrom: day(t, tm.from), TermMonths: tm.months, CapPercent: cap,
		MessageQuota: optional(mq), DeviceQuota: optional(dq)})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// setUsage stands in for the metering code, which is not written yet.
func setUsage(t *testing.T, pool *pgxpool.Pool, termID, messages int64, devices int32) {
	t.Helper()
	_, err := pool.Exec(context.Background(),
		"UPDATE service_terms SET messages_used = $2, devices_used = $3 WHERE id = $1", termID, messages, devices)
	if err != nil {
		t.Fatal(err)
	}
}

func env(e db.Environment) *db.Environment { return &e }

// usabilities is state_usability's ranking: lower is more usable, read-only states alike.
var usabilities = map[db.ServiceState]int32{active: 1, grace: 2, expired: 3, exhausted: 3, scheduled: 4,
	inactive: 5, db.ServiceStateNone: 6}

// TestListingAgreesWithTheRule runs the table of state_test.go through the queries pages use:
// one company per case, holding the case's service (a software sandbox plan when the case
// meters something, Support otherwise).
func TestListingAgreesWithTheRule(t *testing.T) {
	pool := dbtest.New(t)
	q := db.New(pool)
	ctx := context.Background()
	for i, c := range stateCases {
		t.Run(c.name, func(t *testing.T) {
			company := newCompany(t, q, fmt.Sprintf("Case %d", i))
			module, plan := db.ModuleKeySupport, (*db.Environment)(nil)
			if c.mq != 0 || c.dq != 0 {
				module, plan = db.ModuleKeySoftware, env(db.EnvironmentSandbox)
			}
			if !c.none {
				s, st := grant(t, q, company, module, plan, c.term, c.cap, c.mq, c.dq)
				setUsage(t, pool, st.ID, c.mu, c.du)
				if c.inactive {
					if _, err := q.UpdateServiceStatus(ctx, db.UpdateServiceStatusParams{
						ID: s.ID, Status: db.ServiceStatusInactive, ExpectedVersion: s.Version}); err != nil {
						t.Fatal(err)
					}
				}
			}
			today := day(t, c.today)
			rows, err := q.ListCompanyServices(ctx, db.ListCompanyServicesParams{CompanyID: company, Today: today})
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != len(db.AllModuleKeyValues()) {
				t.Fatalf("ListCompanyServices gave %d rows, want one per module (%d)", len(rows), len(db.AllModuleKeyValues()))
			}
			for _, r := range rows {
				want := db.ServiceStateNone
				if r.Module == module {
					want = c.want
				}
				if r.State != want {
					t.Errorf("ListCompanyServices %s: state %s, want %s", r.Module, r.State, want)
				}
				if r.Module != module || c.none {
					continue
				}
				if !sameOptional(r.GraceDays, c.grace) || !sameOptional(r.MessageAllowance, c.msgAllow) ||
					!sameOptional(r.DeviceAllowance, c.devAllow) {
					t.Errorf("grace/allowances = %v/%v/%v, want %d/%d/%d", deref(r.GraceDays),
						deref(r.MessageAllowance), deref(r.DeviceAllowance), c.grace, c.msgAllow, c.devAllow)
				}
			}
			got, err := q.GetCompanyModuleState(ctx, db.GetCompanyModuleStateParams{
				CompanyID: company, Module: module, Environment: plan, Today: today})
			if err != nil {
				t.Fatal(err)
			}
			if got.State != c.want {
				t.Errorf("GetCompanyModuleState: %s, want %s", got.State, c.want)
			}
			// the lookup the Solutions Hub, carts and purchases use
			var hubState db.ServiceState
			if err := pool.QueryRow(ctx, "SELECT company_module_state($1, $2, $3, $4)", company, module, plan, today).Scan(&hubState); err != nil {
				t.Fatal(err)
			} else if hubState != c.want {
				t.Errorf("company_module_state: %s, want %s", hubState, c.want)
			}
			// the lookup every signed-in partner page makes (navigation and module gating)
			key := string(module)
			if plan != nil {
				key += ":" + string(*plan)
			}
			var access db.ServiceState
			var usability int32
			if err := pool.QueryRow(ctx, "SELECT state, usability FROM company_access($1, $2) WHERE key = $3",
				company, today, key).Scan(&access, &usability); err != nil {
				t.Fatal(err)
			} else if access != c.want || usability != usabilities[c.want] {
				t.Errorf("company_access[%s]: %s with usability %d, want %s with %d", key, access, usability, c.want, usabilities[c.want])
			}
			if wantSince := c.want == expired; (got.ReadOnlySince != nil) != wantSince {
				t.Errorf("read_only_since = %v in state %s", deref(got.ReadOnlySince), got.State)
			} else if wantSince && !got.ReadOnlySince.Equal(got.ValidUntil.AddDate(0, 0, int(c.grace)+1)) {
				t.Errorf("read_only_since = %v, want valid_until %v + %d grace days + 1",
					got.ReadOnlySince, got.ValidUntil, c.grace)
			}
		})
	}
}

// isViolation reports whether err is PostgreSQL refusing a row by the named constraint.
func isViolation(err error, constraint string) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.ConstraintName == constraint
}

func TestCreateServiceTermNeedsAService(t *testing.T) {
	q := db.New(dbtest.New(t))
	_, err := q.CreateServiceTerm(context.Background(), db.CreateServiceTermParams{
		ServiceID: 404, ValidFrom: day(t, "2026-01-01"), TermMonths: 3})
	if !errors.Is(err, pgx.ErrNoRows) {
		t.Errorf("term for a missing service: err = %v, want pgx.ErrNoRows", err)
	}
}

func TestUpdateServiceStatusRefusesAStaleVersion(t *testing.T) {
	pool := dbtest.New(t)
	q := db.New(pool)
	ctx := context.Background()
	s, _ := grant(t, q, newCompany(t, q, "Versioned"), db.ModuleKeyDevlab, nil, jan3, 0, 0, 0)
	updated, err := q.UpdateServiceStatus(ctx, db.UpdateServiceStatusParams{
		ID: s.ID, Status: db.ServiceStatusInactive, ExpectedVersion: s.Version})
	if err != nil {
		t.Fatal(err)
	}
	if updated.Version != s.Version+1 || updated.Status != db.ServiceStatusInactive {
		t.Errorf("after update: version %d status %s, want %d inactive", updated.Version, updated.Status, s.Version+1)
	}
	_, err = q.UpdateServiceStatus(ctx, db.UpdateServiceStatusParams{
		ID: s.ID, Status: db.ServiceStatusActive, ExpectedVersion: s.Version})
	if !errors.Is(err, pgx.ErrNoRows) {
		t.Errorf("update with a stale version: err = %v, want pgx.ErrNoRows", err)
	}
	err = db.Transact(ctx, pool, func(q *db.Queries) error {
		locked, err := q.GetServiceForUpdate(ctx, s.ID)
		if err == nil && locked.Status != db.ServiceStatusInactive {
			err = fmt.Errorf("GetServiceForUpdate status %s, want inactive", locked.Status)
		}
		return err
	})
	if err != nil {
		t.Error(err)
	}
}

func TestRenewalRequests(t *testing.T) {
	pool := dbtest.New(t)
	q := db.New(pool)
	ctx := context.Background()
	company := newCompany(t, q, "Asking")
	s, _ := grant(t, q, company, db.ModuleKeySupport, nil, jan3, 0, 0, 0)
	u, err := q.CreateUser(ctx, db.CreateUserParams{Email: "p@asking.test", Name: "Pat", PasswordHash: "x",
		Role: db.UserRolePartner, CompanyID: &company})
	if err != nil {
		t.Fatal(err)
	}
	six := int32(6)
	ask := db.CreateRenewalRequestParams{ServiceID: s.ID, RequestedBy: u.ID, Message: "Please renew", TermMonths: &six}
	first, err := q.CreateRenewalRequest(ctx, ask)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := q.CreateRenewalRequest(ctx, ask); !isViolation(err, "renewal_requests_one_open_idx") {
		t.Errorf("second open request: err = %v, want renewal_requests_one_open_idx", err)
	}
	if _, err := pool.Exec(ctx, `UPDATE renewal_requests SET status = 'declined', answered_by = $2,
		answered_at = now() WHERE id = $1`, first.ID, u.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := q.CreateRenewalRequest(ctx, ask); err != nil {
		t.Errorf("a new request once the first is answered: %v", err)
	}
	list, err := q.ListRenewalRequestsForCompany(ctx, company)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[1].ID != first.ID || list[0].Status != db.RenewalRequestStatusOpen ||
		list[0].ModuleName != "Support" || list[0].RequestedByName != "Pat" {
		t.Errorf("ListRenewalRequestsForCompany = %+v, want the open one, then the declined one", list)
	}
}

// dates makes a comparable string of a nullable date column.
func dates(d *time.Time) string {
	if d == nil {
		return "NULL"
	}
	return d.Format(time.DateOnly)
}

func TestConstraintsRejectImpossibleData(t *testing.T) {
	pool := dbtest.New(t)
	q := db.New(pool)
	ctx := context.Background()
	company := newCompany(t, q, "Strict")
	sw, _ := grant(t, q, company, db.ModuleKeySoftware, env(db.EnvironmentSandbox), jan3, 0, 100, 0)
	sup, _ := grant(t, q, company, db.ModuleKeySupport, nil, jan3, 0, 0, 0)
	const insTerm = `INSERT INTO service_terms (service_id, module, valid_from, term_months, cap_percent,
		message_quota, device_quota, messages_used, devices_used) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`
	term := func(s db.Service, from string, months, cap int32, mq, dq *int32, mu int64, du int32) func() error {
		return func() error {
			_, err := pool.Exec(ctx, insTerm, s.ID, s.Module, day(t, from), months, cap, mq, dq, mu, du)
			return err
		}
	}
	service := func(module db.ModuleKey, e *db.Environment) func() error {
		return func() error {
			_, err := q.CreateService(ctx, db.CreateServiceParams{CompanyID: company, Module: module,
				Environment: e, Status: db.ServiceStatusActive})
			return err
		}
	}
	zero, hundred := int32(0), int32(100)
	tests := []struct {
		name, constraint string
		insert           func() error
	}{
		{"a 5-month term", "service_terms_term_months_check", term(sw, "2026-05-01", 5, 0, nil, nil, 0, 0)},
		{"a cap of 101%", "service_terms_cap_percent_check", term(sw, "2026-05-01", 3, 101, nil, nil, 0, 0)},
		{"a cap of -1%", "service_terms_cap_percent_check", term(sw, "2026-05-01", 3, -1, nil, nil, 0, 0)},
		{"negative messages used", "service_terms_messages_used_check", term(sw, "2026-05-01", 3, 0, &hundred, nil, -1, 0)},
		{"negative devices used", "service_terms_devices_used_check", term(sw, "2026-05-01", 3, 0, nil, &hundred, 0, -1)},
		{"a message quota of 0", "service_terms_message_quota_check", term(sw, "2026-05-01", 3, 0, &zero, nil, 0, 0)},
		{"a device quota of 0", "service_terms_device_quota_check", term(sw, "2026-05-01", 3, 0, nil, &zero, 0, 0)},
		{"a quota on a non-metered module's term", "service_terms_quotas_only_on_plans", term(sup, "2026-05-01", 3, 0, &hundred, nil, 0, 0)},
		{"two terms of a service starting the same day", "service_terms_service_from_key", term(sw, jan3.from, 6, 0, nil, nil, 0, 0)},
		{"a term naming another module than its service", "service_terms_service_fkey",
			term(db.Service{ID: sw.ID, Module: db.ModuleKeySupport}, "2026-05-01", 3, 0, nil, nil, 0, 0)},
		{"an environment on a non-metered module", "services_environment_iff_plan", service(db.ModuleKeyDevlab, env(db.EnvironmentSandbox))},
		{"software without an environment", "services_environment_iff_plan", service(db.ModuleKeySoftware, nil)},
		{"a second software sandbox plan", "services_one_per_plan", service(db.ModuleKeySoftware, env(db.EnvironmentSandbox))},
		{"a second Support service", "services_one_per_plan", service(db.ModuleKeySupport, nil)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.insert(); !isViolation(err, tt.constraint) {
				t.Errorf("err = %v, want a violation of %s", err, tt.constraint)
			}
		})
	}
	if err := service(db.ModuleKeySoftware, env(db.EnvironmentProduction))(); err != nil {
		t.Errorf("the production plan beside the sandbox one: %v", err)
	}
}

// TestCurrentTerm: a renewal made while the service is usable waits for its valid_from.
func TestCurrentTerm(t *testing.T) {
	pool := dbtest.New(t)
	q := db.New(pool)
	ctx := context.Background()
	company := newCompany(t, q, "Renewing")
	sup, first := grant(t, q, company, db.ModuleKeySupport, nil, jan3, 0, 0, 0)
	renewal := addTerm(t, q, sup.ID, term{"2026-04-01", 6}, 10, 0, 0)
	_, future := grant(t, q, company, db.ModuleKeyDevlab, nil, term{"2026-05-01", 3}, 0, 0, 0)
	tests := []struct {
		today              string
		supTerm, devTerm   int64
		supNext, devNext   string
		supState, devState db.ServiceState
	}{
		{"2026-03-31", first.ID, future.ID, "2026-04-01", "NULL", active, scheduled},
		{"2026-04-01", renewal.ID, future.ID, "NULL", "NULL", active, scheduled},
		{"2026-05-01", renewal.ID, future.ID, "NULL", "NULL", active, active},
	}
	for _, tt := range tests {
		rows, err := q.ListCompanyServices(ctx, db.ListCompanyServicesParams{CompanyID: company, Today: day(t, tt.today)})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			want := map[db.ModuleKey]struct {
				term  int64
				next  string
				state db.ServiceState
			}{
				db.ModuleKeySupport: {tt.supTerm, tt.supNext, tt.supState},
				db.ModuleKeyDevlab:  {tt.devTerm, tt.devNext, tt.devState},
			}[r.Module]
			if want.term == 0 {
				continue
			}
			if *r.TermID != want.term || dates(r.NextTermFrom) != want.next || r.State != want.state {
				t.Errorf("%s on %s: term %d, next %s, %s; want term %d, next %s, %s", r.Module, tt.today,
					*r.TermID, dates(r.NextTermFrom), r.State, want.term, want.next, want.state)
			}
		}
	}
	terms := serviceTerms(t, pool, sup.ID)
	if len(terms) != 2 || terms[0].ID != renewal.ID || terms[0].GraceDays != 19 || terms[1].TermDays != 90 {
		t.Errorf("terms = %+v, want the renewal (19 grace days) then the 90-day first term", terms)
	}
}

func TestListCompanyServicesSaysWhatIsLeft(t *testing.T) {
	pool := dbtest.New(t)
	q := db.New(pool)
	ctx := context.Background()
	company := newCompany(t, q, "Counting")
	_, st := grant(t, q, company, db.ModuleKeySoftware, env(db.EnvironmentSandbox), jan3, 30, 100, 5)
	setUsage(t, pool, st.ID, 110, 2)
	grant(t, q, company, db.ModuleKeySoftware, env(db.EnvironmentProduction), jan6, 0, 0, 0)
	// jan3 ends 2026-03-31; cap 30 gives 27 grace days, so 2026-04-28 is the first expired day
	tests := []struct {
		today                 string
		state                 db.ServiceState
		daysLeft, graceLeft   int32
		msgLeft, msgLeftAllow int64
		devLeft               int32
		devLeftAllow          int64
	}{
		{"2026-03-30", grace, 2, 0, 0, 20, 3, 4},
		{"2026-03-31", grace, 1, 0, 0, 20, 3, 4},
		{"2026-04-01", grace, 0, 27, 0, 20, 3, 4},
		{"2026-04-27", grace, 0, 1, 0, 20, 3, 4},
		{"2026-04-28", expired, 0, 0, 0, 20, 3, 4},
	}
	for _, tt := range tests {
		rows, err := q.ListCompanyServices(ctx, db.ListCompanyServicesParams{CompanyID: company, Today: day(t, tt.today)})
		if err != nil {
			t.Fatal(err)
		}
		var order []string
		for _, r := range rows {
			order = append(order, string(r.Module)+"/"+fmt.Sprint(deref(r.Environment)))
		}
		if got := fmt.Sprint(order); got != "[software/sandbox software/production hardware/NULL devlab/NULL "+
			"expressconnect/NULL appconnect/NULL solutions_hub/NULL support/NULL]" {
			t.Fatalf("rows in order %s, want the catalogue with one row per software plan", got)
		}
		sb, prod := rows[0], rows[1]
		got := []any{sb.State, sb.DaysLeft, sb.GraceDaysLeft, *sb.MessagesLeft, *sb.MessagesLeftAllowance,
			*sb.DevicesLeft, *sb.DevicesLeftAllowance}
		want := []any{tt.state, tt.daysLeft, tt.graceLeft, tt.msgLeft, tt.msgLeftAllow, tt.devLeft, tt.devLeftAllow}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s sandbox: state, days left, grace days left, messages/allowance left, devices/allowance left = %v, want %v",
				tt.today, got, want)
		}
		if prod.MessagesLeft != nil || prod.DevicesLeftAllowance != nil || prod.State != active {
			t.Errorf("%s production (unmetered): %s, messages left %v, want active with nothing metered",
				tt.today, prod.State, deref(prod.MessagesLeft))
		}
	}
}

// TestGetCompanyModuleStatePicksTheBestPlan: navigation asks for a module without an
// environment and gets the most usable of its plans.
func TestGetCompanyModuleStatePicksTheBestPlan(t *testing.T) {
	pool := dbtest.New(t)
	q := db.New(pool)
	ctx := context.Background()
	company := newCompany(t, q, "Two plans")
	grant(t, q, company, db.ModuleKeySoftware, env(db.EnvironmentSandbox), jan3, 0, 0, 0)
	grant(t, q, company, db.ModuleKeySoftware, env(db.EnvironmentProduction), jan6, 0, 0, 0)
	hw, _ := grant(t, q, company, db.ModuleKeyHardware, env(db.EnvironmentSandbox), jan6, 0, 0, 0)
	if _, err := q.UpdateServiceStatus(ctx, db.UpdateServiceStatusParams{
		ID: hw.ID, Status: db.ServiceStatusInactive, ExpectedVersion: hw.Version}); err != nil {
		t.Fatal(err)
	}
	grant(t, q, company, db.ModuleKeyHardware, env(db.EnvironmentProduction), term{"2026-05-01", 3}, 0, 0, 0)
	_, used := grant(t, q, company, db.ModuleKeyDevlab, nil, jan3, 0, 0, 0)
	setUsage(t, pool, used.ID, 0, 0)
	tests := []struct {
		module    db.ModuleKey
		env       *db.Environment
		today     string
		want      db.ServiceState
		wantEnv   string
		wantSince string
	}{
		{db.ModuleKeySoftware, nil, "2026-04-15", active, "production", "NULL"},
		{db.ModuleKeySoftware, env(db.EnvironmentSandbox), "2026-04-15", expired, "sandbox", "2026-04-01"},
		{db.ModuleKeySoftware, nil, "2026-07-02", expired, "sandbox", "2026-04-01"},
		{db.ModuleKeyHardware, nil, "2026-04-15", scheduled, "production", "NULL"},
		{db.ModuleKeyHardware, nil, "2026-05-01", active, "production", "NULL"},
		{db.ModuleKeyHardware, env(db.EnvironmentSandbox), "2026-05-01", inactive, "sandbox", "NULL"},
		{db.ModuleKeyDevlab, nil, "2026-04-01", expired, "NULL", "2026-04-01"},
		{db.ModuleKeyAppconnect, nil, "2026-04-01", db.ServiceStateNone, "NULL", "NULL"},
	}
	for _, tt := range tests {
		got, err := q.GetCompanyModuleState(ctx, db.GetCompanyModuleStateParams{
			CompanyID: company, Module: tt.module, Environment: tt.env, Today: day(t, tt.today)})
		if err != nil {
			t.Fatal(err)
		}
		if got.State != tt.want || fmt.Sprint(deref(got.Environment)) != tt.wantEnv || dates(got.ReadOnlySince) != tt.wantSince {
			t.Errorf("%s (%v) on %s: %s, plan %v, read-only since %s; want %s, %s, %s", tt.module, deref(tt.env),
				tt.today, got.State, deref(got.Environment), dates(got.ReadOnlySince), tt.want, tt.wantEnv, tt.wantSince)
		}
	}
}

// TestLoadRequestSessionReadsWhatTheQueriesRead: the batch that loads a request's session reads
// by position into the generated row types; it must give exactly what the two queries give on
// their own, for a partner (with access rows), a consumer and a visitor, and nothing for an
// unknown or expired token.
func TestLoadRequestSessionReadsWhatTheQueriesRead(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	q := db.New(pool)
	today := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	company := newCompany(t, q, "Batch Co")
	grant(t, q, company, db.ModuleKeySoftware, env(db.EnvironmentSandbox), term{from: "2026-11-01", months: 3}, 0, 100, 0)
	grant(t, q, company, db.ModuleKeySoftware, env(db.EnvironmentProduction), term{from: "2026-11-01", months: 3}, 0, 100, 0)
	partner, err := q.CreateUser(ctx, db.CreateUserParams{Email: "batch@example.com", Name: "Batch", PasswordHash: "x", Role: db.UserRolePartner, CompanyID: &company})
	if err != nil {
		t.Fatal(err)
	}
	consumer, err := q.CreateUser(ctx, db.CreateUserParams{Email: "shopper@example.com", Name: "Shopper", PasswordHash: "x", Role: db.UserRoleConsumer})
	if err != nil {
		t.Fatal(err)
	}
	visitorKey := "visitor-key-0123456789"
	sessions := []db.SaveSessionParams{
		{Token: "partner", UserID: &partner.ID},
		{Token: "consumer", UserID: &consumer.ID},
		{Token: "visitor", CartKey: &visitorKey},
		{Token: "expired", UserID: &partner.ID, Expiry: now.Add(-time.Second)},
	}
	for _, s := range sessions {
		s.Data = []byte("data of " + s.Token)
		if s.Expiry.IsZero() {
			s.Expiry = now.Add(time.Hour)
		}
		if err := q.SaveSession(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	for _, token := range []string{"partner", "consumer", "visitor"} {
		got, err := db.LoadRequestSession(ctx, pool, token, now, today)
		if err != nil {
			t.Fatalf("LoadRequestSession(%s): %v", token, err)
		}
		wantRow, err := q.GetRequestSession(ctx, db.GetRequestSessionParams{Token: token, Now: now})
		if err != nil {
			t.Fatal(err)
		}
		wantAccess, err := q.ListRequestSessionAccess(ctx, db.ListRequestSessionAccessParams{Token: token, Now: now, Today: today})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(db.RequestSession{GetRequestSessionRow: wantRow, Access: wantAccess}, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("LoadRequestSession(%s) differs from the queries (-want +got):\n%s", token, diff)
		}
		if string(got.Data) != "data of "+token {
			t.Errorf("LoadRequestSession(%s) data %q", token, got.Data)
		}
	}
	if got, _ := db.LoadRequestSession(ctx, pool, "partner", now, today); len(got.Access) != 7+2 || got.Email == nil || *got.Email != "batch@example.com" {
		t.Errorf("partner session: %d access rows, user %v; want 9 (one per module and per plan held) and batch@example.com", len(got.Access), got.Email)
	}
	if got, _ := db.LoadRequestSession(ctx, pool, "visitor", now, today); got.UserID != nil || len(got.Access) != 0 || got.CartKey == nil {
		t.Errorf("visitor session: user %v, %d access rows, cart key %v; want no user, no access, the cart key", got.UserID, len(got.Access), got.CartKey)
	}
	for _, token := range []string{"expired", "unknown"} {
		if _, err := db.LoadRequestSession(ctx, pool, token, now, today); !errors.Is(err, pgx.ErrNoRows) {
			t.Errorf("%s session: err = %v, want pgx.ErrNoRows", token, err)
		}
	}
}

// termFigures is a term's length and grace as service_term_figures computes them.
type termFigures struct {
	ID                  int64
	ValidFrom           time.Time
	TermDays, GraceDays int32
}

// serviceTerms is a service's terms, newest first, with their figures.
func serviceTerms(t *testing.T, pool *pgxpool.Pool, serviceID int64) []termFigures {
	t.Helper()
	rows, err := pool.Query(context.Background(), `SELECT t.id, t.valid_from, f.term_days, f.grace_days
		FROM service_terms t JOIN service_term_figures f ON f.term_id = t.id
		WHERE t.service_id = $1 ORDER BY t.valid_from DESC`, serviceID)
	if err != nil {
		t.Fatal(err)
	}
	terms, err := pgx.CollectRows(rows, pgx.RowToStructByPos[termFigures])
	if err != nil {
		t.Fatal(err)
	}
	return terms
}
