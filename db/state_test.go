package db_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"partnerportal/db"
	"partnerportal/db/dbtest"
)

// term is a term as an account manager grants it; valid_until comes from the database.
type term struct {
	from   string
	months int32
}

var (
	jan3  = term{"2026-01-01", 3}  // until 2026-03-31, 90 days
	mar3  = term{"2026-03-01", 3}  // until 2026-05-31, 92 days
	jan6  = term{"2026-01-01", 6}  // until 2026-06-30
	jan12 = term{"2026-01-01", 12} // until 2026-12-31, 365 days
	eom3  = term{"2026-01-31", 3}  // until 2026-04-30
)

// stateCase is one row of the table that both the rule (service_state) and the listing
// queries are checked against. A quota of 0 means the dimension is not metered (a real
// quota is at least 1); msgAllow and devAllow are then 0 too.
type stateCase struct {
	name               string
	none, inactive     bool // no service at all; status set to inactive
	term               term
	cap                int32
	mq, dq             int32
	mu                 int64
	du                 int32
	today              string
	want               db.ServiceState
	grace              int32
	msgAllow, devAllow int64
}

const (
	active    = db.ServiceStateActive
	grace     = db.ServiceStateGrace
	expired   = db.ServiceStateExpired
	exhausted = db.ServiceStateExhausted
	inactive  = db.ServiceStateInactive
	scheduled = db.ServiceStateScheduled
)

var stateCases = []stateCase{
	// SPEC §4, one case per row
	{name: "row 1: no service", none: true, today: "2026-02-15", want: db.ServiceStateNone},
	{name: "row 2: inactive in the middle of its term", inactive: true, term: jan3, today: "2026-02-15", want: inactive},
	{name: "row 3: scheduled the day before valid_from", term: jan3, today: "2025-12-31", want: scheduled},
	{name: "row 3: active on valid_from itself", term: jan3, today: "2026-01-01", want: active},
	{name: "row 4: active in the middle of the term", term: jan3, cap: 10, today: "2026-02-15", want: active, grace: 9},
	{name: "row 5: expired past valid_until + grace", term: jan3, cap: 10, today: "2026-04-15", want: expired, grace: 9},
	{name: "row 6: exhausted within the term, cap 0", term: jan3, dq: 5, du: 5, today: "2026-02-15", want: exhausted, devAllow: 5},
	{name: "row 7: grace past valid_until within grace", term: jan3, cap: 10, today: "2026-04-01", want: grace, grace: 9},
	// valid_until and the last grace day, each with the day after
	{name: "cap 0: valid_until itself is active", term: jan3, today: "2026-03-31", want: active},
	{name: "cap 0: the day after valid_until is expired", term: jan3, today: "2026-04-01", want: expired},
	{name: "cap 10: valid_until itself is active", term: jan3, cap: 10, today: "2026-03-31", want: active, grace: 9},
	{name: "cap 10: last of 9 grace days", term: jan3, cap: 10, today: "2026-04-09", want: grace, grace: 9},
	{name: "cap 10: the day after the grace days is expired", term: jan3, cap: 10, today: "2026-04-10", want: expired, grace: 9},
	{name: "cap 30: last of 27 grace days", term: jan3, cap: 30, today: "2026-04-27", want: grace, grace: 27},
	{name: "cap 30: the day after the grace days is expired", term: jan3, cap: 30, today: "2026-04-28", want: expired, grace: 27},
	{name: "cap 100: last of 90 grace days", term: jan3, cap: 100, today: "2026-06-29", want: grace, grace: 90},
	{name: "cap 100: the day after the grace days is expired", term: jan3, cap: 100, today: "2026-06-30", want: expired, grace: 90},
	{name: "92-day term, cap 10: last of 10 grace days", term: mar3, cap: 10, today: "2026-06-10", want: grace, grace: 10},
	{name: "92-day term, cap 10: the day after is expired", term: mar3, cap: 10, today: "2026-06-11", want: expired, grace: 10},
	{name: "12-month term, cap 10: last of 37 grace days", term: jan12, cap: 10, today: "2027-02-06", want: grace, grace: 37},
	{name: "12-month term, cap 10: the day after is expired", term: jan12, cap: 10, today: "2027-02-07", want: expired, grace: 37},
	{name: "31 Jan + 3 months is valid until 30 Apr", term: eom3, today: "2026-04-30", want: active},
	{name: "31 Jan + 3 months is expired on 1 May", term: eom3, today: "2026-05-01", want: expired},
	// usage at Q−1, Q, allowance−1 and allowance
	{name: "cap 0: 99 of 100 messages is active", term: jan3, mq: 100, mu: 99, today: "2026-02-15", want: active, msgAllow: 100},
	{name: "cap 0: 100 of 100 messages is exhausted", term: jan3, mq: 100, mu: 100, today: "2026-02-15", want: exhausted, msgAllow: 100},
	{name: "cap 10: Q−1 messages is active", term: jan3, cap: 10, mq: 100, mu: 99, today: "2026-02-15", want: active, grace: 9, msgAllow: 110},
	{name: "cap 10: Q messages is grace", term: jan3, cap: 10, mq: 100, mu: 100, today: "2026-02-15", want: grace, grace: 9, msgAllow: 110},
	{name: "cap 10: allowance−1 messages is grace", term: jan3, cap: 10, mq: 100, mu: 109, today: "2026-02-15", want: grace, grace: 9, msgAllow: 110},
	{name: "cap 10: allowance messages is exhausted", term: jan3, cap: 10, mq: 100, mu: 110, today: "2026-02-15", want: exhausted, grace: 9, msgAllow: 110},
	{name: "cap 100: allowance−1 messages is grace", term: jan3, cap: 100, mq: 100, mu: 199, today: "2026-02-15", want: grace, grace: 90, msgAllow: 200},
	{name: "cap 100: allowance messages is exhausted", term: jan3, cap: 100, mq: 100, mu: 200, today: "2026-02-15", want: exhausted, grace: 90, msgAllow: 200},
	{name: "devices cap 30: 4 of 5 is active", term: jan3, cap: 30, dq: 5, du: 4, today: "2026-02-15", want: active, grace: 27, devAllow: 6},
	{name: "devices cap 30: 5 of 5 is grace", term: jan3, cap: 30, dq: 5, du: 5, today: "2026-02-15", want: grace, grace: 27, devAllow: 6},
	{name: "devices cap 30: 6 of 5 (the allowance) is exhausted", term: jan3, cap: 30, dq: 5, du: 6, today: "2026-02-15", want: exhausted, grace: 27, devAllow: 6},
	// several metered dimensions: the worst wins
	{name: "both dimensions under quota is active", term: jan3, cap: 30, mq: 100, mu: 99, dq: 5, du: 4, today: "2026-02-15", want: active, grace: 27, msgAllow: 130, devAllow: 6},
	{name: "messages under, devices at quota is grace", term: jan3, cap: 30, mq: 100, mu: 50, dq: 5, du: 5, today: "2026-02-15", want: grace, grace: 27, msgAllow: 130, devAllow: 6},
	{name: "messages used up, devices under is exhausted", term: jan3, cap: 30, mq: 100, mu: 130, dq: 5, du: 1, today: "2026-02-15", want: exhausted, grace: 27, msgAllow: 130, devAllow: 6},
	{name: "messages in grace, devices used up is exhausted", term: jan3, cap: 30, mq: 100, mu: 110, dq: 5, du: 6, today: "2026-02-15", want: exhausted, grace: 27, msgAllow: 130, devAllow: 6},
	{name: "over quota and past valid_until within grace is grace", term: jan3, cap: 30, mq: 100, mu: 120, today: "2026-04-10", want: grace, grace: 27, msgAllow: 130},
	{name: "used up within the grace days is exhausted", term: jan3, cap: 30, mq: 100, mu: 130, today: "2026-04-10", want: exhausted, grace: 27, msgAllow: 130},
	{name: "used up and past the grace days is expired (row 5 first)", term: jan3, cap: 30, mq: 100, mu: 130, today: "2026-05-01", want: expired, grace: 27, msgAllow: 130},
	// unmetered: no quota ever blocks
	{name: "unmetered: active in the term", term: jan3, today: "2026-03-15", want: active},
	{name: "unmetered: grace after valid_until with cap 10", term: jan3, cap: 10, today: "2026-04-05", want: grace, grace: 9},
	{name: "unmetered: expired after the grace days", term: jan3, cap: 10, today: "2026-04-10", want: expired, grace: 9},
	// inactive wins over everything after it
	{name: "inactive before valid_from is not scheduled", inactive: true, term: jan3, today: "2025-12-01", want: inactive},
	{name: "inactive past the grace days is not expired", inactive: true, term: jan3, cap: 10, today: "2026-05-01", want: inactive, grace: 9},
	{name: "inactive with the quota used up is not exhausted", inactive: true, term: jan3, mq: 100, mu: 100, today: "2026-02-15", want: inactive, msgAllow: 100},
	{name: "scheduled with a cap the day before valid_from", term: mar3, cap: 30, today: "2026-02-28", want: scheduled, grace: 28},
	{name: "scheduled term is active from valid_from", term: mar3, cap: 30, today: "2026-03-01", want: active, grace: 28},
	// SPEC §7
	{name: "S1: 6 months, cap 0, the last day is active", term: jan6, today: "2026-06-30", want: active},
	{name: "S1: 6 months, cap 0, the day after valid_until is expired", term: jan6, today: "2026-07-01", want: expired},
	{name: "S2: at month 4 a 6-month plan is active", term: jan6, mq: 1000, mu: 10, today: "2026-04-15", want: active, msgAllow: 1000},
	{name: "S2: at month 4 a 3-month module is expired", term: jan3, today: "2026-04-15", want: expired},
	{name: "S3: message 99 of 100 with cap 30 is active", term: jan3, cap: 30, mq: 100, mu: 99, today: "2026-02-15", want: active, grace: 27, msgAllow: 130},
	{name: "S3: from message 100 on it is grace", term: jan3, cap: 30, mq: 100, mu: 100, today: "2026-02-15", want: grace, grace: 27, msgAllow: 130},
	{name: "S3: message 129 is still grace", term: jan3, cap: 30, mq: 100, mu: 129, today: "2026-02-15", want: grace, grace: 27, msgAllow: 130},
	{name: "S3: message 130 makes it exhausted", term: jan3, cap: 30, mq: 100, mu: 130, today: "2026-02-15", want: exhausted, grace: 27, msgAllow: 130},
	{name: "S3: 92-day term past valid_until, last of ceil(92×0.3)=28 days", term: mar3, cap: 30, mq: 100, mu: 5, today: "2026-06-28", want: grace, grace: 28, msgAllow: 130},
	{name: "S3: 92-day term, the day after 28 grace days is expired", term: mar3, cap: 30, mq: 100, mu: 5, today: "2026-06-29", want: expired, grace: 28, msgAllow: 130},
	{name: "S4: Solutions Hub set inactive", inactive: true, term: jan3, today: "2026-02-15", want: inactive},
}

// day parses a test date; dates are UTC midnights, as pgx reads a date column.
func day(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// optional is nil for 0, the way the table spells "not metered".
func optional[T int32 | int64](v T) *T {
	if v == 0 {
		return nil
	}
	return &v
}

func TestServiceStateRule(t *testing.T) {
	if len(stateCases) < 40 {
		t.Fatalf("the table has %d cases; it must cover at least 40", len(stateCases))
	}
	pool := dbtest.New(t)
	const q = `SELECT service_state($1, $2, term_until($2, $3), $4, $5, $6, $7, $8, $9),
	                  grace_days($2, term_until($2, $3), $4), allowance($5, $4), allowance($7, $4)`
	for _, c := range stateCases {
		t.Run(c.name, func(t *testing.T) {
			var status *db.ServiceStatus
			var from *time.Time
			var months, cap *int32
			if !c.none {
				s, f := db.ServiceStatusActive, day(t, c.term.from)
				if c.inactive {
					s = db.ServiceStatusInactive
				}
				status, from, months, cap = &s, &f, &c.term.months, &c.cap
			}
			var got db.ServiceState
			var graceDays *int32
			var msgAllow, devAllow *int64
			err := pool.QueryRow(context.Background(), q, status, from, months, cap,
				optional(c.mq), c.mu, optional(c.dq), c.du, day(t, c.today)).
				Scan(&got, &graceDays, &msgAllow, &devAllow)
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("service_state = %s, want %s", got, c.want)
			}
			if c.none {
				return
			}
			if graceDays == nil || *graceDays != c.grace {
				t.Errorf("grace_days = %v, want %d", deref(graceDays), c.grace)
			}
			if !sameOptional(msgAllow, c.msgAllow) || !sameOptional(devAllow, c.devAllow) {
				t.Errorf("allowances = %v/%v, want %d/%d", deref(msgAllow), deref(devAllow), c.msgAllow, c.devAllow)
			}
		})
	}
}

// sameOptional compares a nullable column with the table's 0-means-NULL spelling.
func sameOptional[T int32 | int64](got *T, want T) bool {
	if got == nil {
		return want == 0
	}
	return *got == want
}

// deref prints a nullable column in a failure message.
func deref[T any](p *T) any {
	if p == nil {
		return "NULL"
	}
	return *p
}

func TestServiceStateClassifiesWithoutRecomputing(t *testing.T) {
	tests := []struct {
		state                             db.ServiceState
		hidden, readOnly, canView, canUse bool
		label                             string
	}{
		{db.ServiceStateNone, true, false, false, false, "Not subscribed"},
		{db.ServiceStateInactive, true, false, false, false, "Inactive"},
		{db.ServiceStateScheduled, true, false, false, false, "Scheduled"},
		{db.ServiceStateActive, false, false, true, true, "Active"},
		{db.ServiceStateGrace, false, false, true, true, "Grace"},
		{db.ServiceStateExpired, false, true, true, false, "Expired"},
		{db.ServiceStateExhausted, false, true, true, false, "Quota used up"},
		{db.ServiceState("bogus"), true, false, false, false, "Not subscribed"},
	}
	if got, want := len(db.AllServiceStateValues())+1, len(tests); got != want {
		t.Fatalf("%d states (plus one unknown) but %d cases: classify every state", got, want)
	}
	for _, tt := range tests {
		got := [4]bool{tt.state.Hidden(), tt.state.ReadOnly(), tt.state.CanView(), tt.state.CanUse()}
		want := [4]bool{tt.hidden, tt.readOnly, tt.canView, tt.canUse}
		if got != want {
			t.Errorf("%s: Hidden/ReadOnly/CanView/CanUse = %v, want %v", tt.state, got, want)
		}
		if got := tt.state.Label(); got != tt.label {
			t.Errorf("%s: Label() = %q, want %q", tt.state, got, tt.label)
		}
	}
}

// TestStateClassesAgreeWithGo: the SQL that lists, filters and meters by state classifies
// states exactly as db.ServiceState does in Go, for every state there is.
func TestStateClassesAgreeWithGo(t *testing.T) {
	pool := dbtest.New(t)
	ctx := context.Background()
	for _, s := range append(db.AllServiceStateValues(), "") {
		var canUse, readOnly, canView bool
		// "" stands for a missing state (no day to ask about), which allows nothing
		if err := pool.QueryRow(ctx, "SELECT state_can_use($1), state_read_only($1), state_can_view($1)",
			&db.NullServiceState{ServiceState: s, Valid: s != ""}).Scan(&canUse, &readOnly, &canView); err != nil {
			t.Fatal(err)
		}
		if got, want := [3]bool{canUse, readOnly, canView}, [3]bool{s.CanUse(), s.ReadOnly(), s.CanView()}; got != want {
			t.Errorf("%q: SQL can use, read-only, can view %v; Go %v", s, got, want)
		}
	}
}

// TestQuotaNearlyUsed is the 80 % of SPEC §6, in exact arithmetic at its edges.
func TestQuotaNearlyUsed(t *testing.T) {
	pool := dbtest.New(t)
	tests := []struct {
		used  int64
		quota *int64
		want  *bool
	}{
		{79, optional[int64](100), ptr(false)},
		{80, optional[int64](100), ptr(true)},
		{3, optional[int64](5), ptr(false)},
		{4, optional[int64](5), ptr(true)},
		{131, optional[int64](100), ptr(true)},
		{0, optional[int64](1), ptr(false)},
		{1, optional[int64](1), ptr(true)},
		{7, nil, nil},
	}
	for _, tt := range tests {
		var got *bool
		if err := pool.QueryRow(context.Background(), "SELECT quota_nearly_used($1, $2)", tt.used, tt.quota).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(deref(got)) != fmt.Sprint(deref(tt.want)) {
			t.Errorf("quota_nearly_used(%d, %v) = %v, want %v", tt.used, deref(tt.quota), deref(got), deref(tt.want))
		}
	}
}

func ptr[T any](v T) *T { return &v }

// TestValidUntil checks the calendar arithmetic of the generated column and the term figures.
func TestValidUntil(t *testing.T) {
	pool := dbtest.New(t)
	q := db.New(pool)
	ctx := context.Background()
	c, err := q.UpsertPartnerCompany(ctx, db.UpsertPartnerCompanyParams{Name: "Calendar", IsSoftware: true})
	if err != nil {
		t.Fatal(err)
	}
	s, err := q.CreateService(ctx, db.CreateServiceParams{CompanyID: c.ID, Module: db.ModuleKeySupport, Status: db.ServiceStatusActive})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		term             term
		cap              int32
		until            string
		termDays, graces int32
	}{
		{term{"2026-01-31", 3}, 0, "2026-04-30", 90, 0},
		{term{"2026-01-01", 3}, 10, "2026-03-31", 90, 9},
		{term{"2026-03-01", 3}, 10, "2026-05-31", 92, 10},
		{term{"2026-07-01", 6}, 30, "2026-12-31", 184, 56},
		{term{"2027-01-01", 12}, 10, "2027-12-31", 365, 37},
		{term{"2025-11-30", 3}, 0, "2026-02-28", 91, 0},
		{term{"2026-08-31", 6}, 0, "2027-02-28", 182, 0},
		{term{"2028-02-29", 12}, 100, "2029-02-28", 366, 366},
	}
	for _, tt := range tests {
		got, err := q.CreateServiceTerm(ctx, db.CreateServiceTermParams{ServiceID: s.ID,
			ValidFrom: day(t, tt.term.from), TermMonths: tt.term.months, CapPercent: tt.cap})
		if err != nil {
			t.Fatal(err)
		}
		if got.ValidUntil.Format(time.DateOnly) != tt.until {
			t.Errorf("%s + %d months: valid_until %s, want %s", tt.term.from, tt.term.months,
				got.ValidUntil.Format(time.DateOnly), tt.until)
		}
	}
	terms := serviceTerms(t, pool, s.ID)
	for _, got := range terms {
		for _, tt := range tests {
			if got.ValidFrom.Format(time.DateOnly) == tt.term.from && (got.TermDays != tt.termDays || got.GraceDays != tt.graces) {
				t.Errorf("%s + %d months: %d days, %d grace days; want %d, %d", tt.term.from, tt.term.months,
					got.TermDays, got.GraceDays, tt.termDays, tt.graces)
			}
		}
	}
}
