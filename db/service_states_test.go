package db_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"partnerportal/db"
	"partnerportal/db/dbtest"
)

// TestServiceStatesIsInlined: service_states must reach the services' indexes through the
// filter of the query that reads it. If PostgreSQL stops inlining it (a STRICT or SECURITY
// DEFINER, a second statement, a RETURNS that no longer matches the body), every page would
// evaluate every service of every company, which no functional test notices.
func TestServiceStatesIsInlined(t *testing.T) {
	pool := dbtest.New(t)
	ctx := context.Background()
	conn, err := pool.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Release()
	// An index that can serve the filter is then always taken; a sequential scan of services
	// means that the filter did not reach the table.
	for _, set := range []string{"SET enable_seqscan = off", "SET plan_cache_mode = force_generic_plan"} {
		if _, err := conn.Exec(ctx, set); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct{ name, query string }{
		{"one company", "SELECT state, days_left FROM service_states($1) WHERE company_id = $2"},
		{"one service", "SELECT term_id, state FROM service_states($1) WHERE service_id = $2"},
		{"the catalogue for one company", `SELECT m.key, coalesce(ss.state, 'none') FROM modules m
			LEFT JOIN service_states($1) ss ON ss.module = m.key AND ss.company_id = $2`},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := fmt.Sprintf("inlined_%d", i)
			if _, err := conn.Exec(ctx, fmt.Sprintf("PREPARE %s(date, bigint) AS %s", name, tt.query)); err != nil {
				t.Fatal(err)
			}
			rows, err := conn.Query(ctx, fmt.Sprintf("EXPLAIN EXECUTE %s('2026-02-15', 1)", name))
			if err != nil {
				t.Fatal(err)
			}
			var plan []string
			for rows.Next() {
				var line string
				if err := rows.Scan(&line); err != nil {
					t.Fatal(err)
				}
				plan = append(plan, line)
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			text := strings.Join(plan, "\n")
			if strings.Contains(text, "Function Scan") || strings.Contains(text, "Seq Scan on services") {
				t.Errorf("service_states is evaluated for every service:\n%s", text)
			}
		})
	}
}

// TestGraceDaysLeftAgree: the account manager's dashboard and My Services say the same number
// of days of grace, counting today, and none for a plan in grace because of its quota.
func TestGraceDaysLeftAgree(t *testing.T) {
	pool := dbtest.New(t)
	q := db.New(pool)
	ctx := context.Background()
	company := newCompany(t, q, "Graceful")
	// jan3 ends 2026-03-31; cap 30 gives 27 grace days, so 2026-04-28 is the first expired day
	byTime, _ := grant(t, q, company, db.ModuleKeySoftware, env(db.EnvironmentSandbox), jan3, 30, 0, 0)
	// jan6 ends 2026-06-30; 110 of 100 messages is past the quota but within the 30% cap
	byQuota, used := grant(t, q, company, db.ModuleKeySoftware, env(db.EnvironmentProduction), jan6, 30, 100, 0)
	setUsage(t, pool, used.ID, 110, 0)
	admin, err := q.CreateUser(ctx, db.CreateUserParams{Email: "admin@graceful.test", Name: "Ada",
		PasswordHash: "x", Role: db.UserRoleAdmin})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		today       string
		time, quota int32
	}{
		{"2026-04-01", 27, 0},
		{"2026-04-10", 18, 0},
		{"2026-04-27", 1, 0},
		{"2026-04-28", 0, 0},
	}
	for _, tt := range tests {
		today := day(t, tt.today)
		rows, err := q.ListCompanyServices(ctx, db.ListCompanyServicesParams{CompanyID: company, Today: today})
		if err != nil {
			t.Fatal(err)
		}
		myServices := map[int64]int32{}
		for _, r := range rows {
			if r.ServiceID != nil {
				myServices[*r.ServiceID] = r.GraceDaysLeft
			}
		}
		attention, err := q.ListDashboardAttention(ctx, db.ListDashboardAttentionParams{ViewerID: admin.ID, Today: today, MaxRows: 100})
		if err != nil {
			t.Fatal(err)
		}
		dashboard := map[int64]int32{}
		for _, a := range attention {
			dashboard[a.ServiceID] = a.GraceDaysLeft
		}
		for _, c := range []struct {
			plan    string
			service int64
			want    int32
		}{{"time grace", byTime.ID, tt.time}, {"quota grace", byQuota.ID, tt.quota}} {
			got, listed := dashboard[c.service]
			if !listed {
				t.Errorf("%s, %s: not on the dashboard's attention list %+v", tt.today, c.plan, attention)
				continue
			}
			if got != c.want || myServices[c.service] != c.want {
				t.Errorf("%s, %s: grace days left %d on the dashboard, %d on My Services; want %d",
					tt.today, c.plan, got, myServices[c.service], c.want)
			}
		}
	}
}

// TestRecordUsageDecidesOnTheRowItLocks: a report that waited for a concurrent one's lock on
// the term is decided on the row that report left, in every dimension: here a device count
// uses the plan up while a message report waits, and the message is refused although the
// messages alone would still fit.
func TestRecordUsageDecidesOnTheRowItLocks(t *testing.T) {
	pool := dbtest.New(t)
	q := db.New(pool)
	ctx := context.Background()
	company := newCompany(t, q, "Racing")
	_, st := grant(t, q, company, db.ModuleKeySoftware, env(db.EnvironmentSandbox), jan6, 0, 100, 5)
	setUsage(t, pool, st.ID, 50, 4)

	tx, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck
	if _, err := tx.Exec(ctx, "UPDATE service_terms SET devices_used = 5 WHERE id = $1", st.ID); err != nil {
		t.Fatal(err)
	}
	type result struct {
		rows []db.RecordUsageRow
		err  error
	}
	done := make(chan result, 1)
	go func() {
		rows, err := q.RecordUsage(ctx, db.RecordUsageParams{
			CompanyID: company, Environment: db.EnvironmentSandbox, Today: day(t, "2026-02-15"), Now: time.Now(),
			Source: db.UsageSourceApi, ClaimTimeout: "5000ms",
			Reports: []byte(`[{"idx": 0, "key": "k1", "hash": "h1", "module": "software", "metric": "messages",
				"quantity": 1, "occurred_at": "2026-02-15T10:00:00Z"}]`)})
		done <- result{rows, err}
	}()
	// commit only once the report waits for the term's lock
	waitFor(t, func() bool {
		var waiting int
		err := pool.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock'`).Scan(&waiting)
		return err == nil && waiting > 0
	})
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	res := <-done
	if res.err != nil {
		t.Fatal(res.err)
	}
	var answer struct {
		Accepted bool   `json:"accepted"`
		Code     string `json:"code"`
		Used     int64  `json:"used"`
	}
	if len(res.rows) != 1 || json.Unmarshal(res.rows[0].ResponseBody, &answer) != nil {
		t.Fatalf("record_usage answered %+v", res.rows)
	}
	if answer.Accepted || answer.Code != "exhausted" || answer.Used != 50 {
		t.Errorf("answer %s, want the message refused as exhausted with 50 used", res.rows[0].ResponseBody)
	}
}

// waitFor polls cond for up to 10 seconds.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
	}
}
