package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"partnerportal/db/dbtest"
)

// demoDatabase is a migrated database holding the demo, and the environment of a portal on it
// listening on a port of its own.
func demoDatabase(t *testing.T) map[string]string {
	t.Helper()
	vars := map[string]string{"DATABASE_URL": dbtest.NewEmptyDatabase(t), "PORTAL_ADDR": "127.0.0.1:0", "PORTAL_COOKIE_SECURE": "false"}
	for _, args := range [][]string{{"migrate"}, {"seed", "--demo"}} {
		if err := run(context.Background(), args, env(vars), io.Discard, io.Discard); err != nil {
			t.Fatalf("%v: %v", args, err)
		}
	}
	return vars
}

func openPool(t *testing.T, url string) *pgxpool.Pool {
	t.Helper()
	pool, err := pgxpool.New(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	return pool
}

// eventually polls the query, a single integer, until want says yes.
func eventually(t *testing.T, pool *pgxpool.Pool, within time.Duration, what, query string, want func(int64) bool) int64 {
	t.Helper()
	var n int64
	for deadline := time.Now().Add(within); ; time.Sleep(100 * time.Millisecond) {
		if err := pool.QueryRow(context.Background(), query).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if want(n) {
			return n
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: still %d after %s", what, n, within)
		}
	}
}

// settledQuery counts what is still to be told: events not delivered, e-mail not sent.
const settledQuery = `SELECT (SELECT count(*) FROM service_events WHERE delivered_at IS NULL)
	+ (SELECT count(*) FROM purchase_events WHERE delivered_at IS NULL)
	+ (SELECT count(*) FROM mail_messages WHERE status = 'queued')`

// toldTwice counts the notices and e-mails said twice to the same person.
const toldTwice = `SELECT (SELECT count(*) FROM (SELECT 1 FROM notifications GROUP BY user_id, title HAVING count(*) > 1) n)
	+ (SELECT count(*) FROM (SELECT 1 FROM mail_messages GROUP BY to_address, subject HAVING count(*) > 1) m)`

func zero(n int64) bool { return n == 0 }

// TestTwoServersRunEachPeriodicJobAndNoticeOnce starts two portals on one database, as two
// instances behind a load balancer: only the elected leader inserts the periodic jobs, so each
// runs once, and the events the first sweep records (the demo's read-only modules) are told
// once, in the portal and by e-mail.
func TestTwoServersRunEachPeriodicJobAndNoticeOnce(t *testing.T) {
	t.Parallel()
	vars := demoDatabase(t)
	pool := openPool(t, vars["DATABASE_URL"])
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	errs := make([]error, 2)
	logs := make([]*syncBuffer, 2)
	for i := range 2 {
		logs[i] = &syncBuffer{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = run(ctx, []string{"serve"}, env(vars), io.Discard, logs[i])
		}()
	}
	eventually(t, pool, 30*time.Second, "completed sweeps", `SELECT count(*) FROM river_job WHERE kind = 'sweep_events' AND state = 'completed'`,
		func(n int64) bool { return n > 0 })
	eventually(t, pool, 30*time.Second, "events and e-mail waiting", settledQuery, zero)
	time.Sleep(2 * time.Second) // time for a second leader's jobs, were there one
	cancel()
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("server %d: %v\n%s", i, err, logs[i].String())
		}
	}

	rows, err := pool.Query(context.Background(), `SELECT kind, count(*) FROM river_job
		WHERE kind IN ('sweep_events', 'staff_digest', 'clean_sessions', 'delete_usage_reports') GROUP BY kind ORDER BY kind`)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int64{}
	for rows.Next() {
		var kind string
		var n int64
		if err := rows.Scan(&kind, &n); err != nil {
			t.Fatal(err)
		}
		got[kind] = n
	}
	for _, kind := range []string{"sweep_events", "staff_digest", "clean_sessions", "delete_usage_reports"} {
		if got[kind] != 1 {
			t.Errorf("periodic job %s ran %d times on two servers, want 1", kind, got[kind])
		}
	}
	var notices int64
	if err := pool.QueryRow(context.Background(), `SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id
		WHERE u.email = 'a@company-a.example' AND n.title = 'ExpressConnect is read-only from ' || to_char(
			(SELECT f.expired_from FROM service_term_figures f JOIN service_terms t ON t.id = f.term_id JOIN services s ON s.id = t.service_id
			 JOIN partner_companies c ON c.id = s.company_id WHERE c.name = 'Company A' AND s.module = 'expressconnect'), 'FMDD Mon YYYY')`).Scan(&notices); err != nil {
		t.Fatal(err)
	}
	if notices != 1 {
		t.Errorf("Company A's partner was told %d times that ExpressConnect is read-only, want 1", notices)
	}
	if n := eventually(t, pool, time.Second, "notices or e-mails said twice", toldTwice, zero); n != 0 {
		t.Errorf("%d notices or e-mails said twice", n)
	}
}

// startServer runs `portal serve` in a process of its own (this test binary again, see
// TestMain), so that a test can kill it as a crash would.
func startServer(t *testing.T, vars map[string]string) (*exec.Cmd, *syncBuffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), serveProcess+"=1")
	for k, v := range vars {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	logs := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	return cmd, logs
}

// serveProcess, set in its environment, makes the test binary `portal serve` (TestMain).
const serveProcess = "PORTAL_TEST_SERVE_PROCESS"

func TestMain(m *testing.M) {
	if os.Getenv(serveProcess) == "1" {
		if err := run(context.Background(), []string{"serve"}, os.Getenv, os.Stdout, os.Stderr); err != nil {
			fmt.Fprintln(os.Stderr, "portal:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}
