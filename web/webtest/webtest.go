// Package webtest runs the real portal for tests: its own fresh database with the demo
// accounts, the real router behind a real HTTP server, a clock the test moves, and clients
// that sign in as any role.
package webtest

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"partnerportal/db"
	"partnerportal/db/dbtest"
	"partnerportal/web"
	"partnerportal/web/auth"
	"partnerportal/web/clock"
	"partnerportal/web/jobs"
)

// Start is the moment every test portal starts at: a weekday morning in the portal's zone.
var Start = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)

// Demo account e-mails, all with password seed.DemoPassword.
const (
	Admin           = "admin@example.com"
	AccountManager  = "am@example.com"
	AccountManager2 = "am2@example.com"
	PartnerA        = "a@company-a.example"
	PartnerB        = "b@company-b.example"
	PartnerC        = "c@company-c.example"
	Consumer        = "consumer@example.com"
)

// Env is one running portal.
type Env struct {
	Pool   *pgxpool.Pool
	Clock  *clock.Manual
	Hasher *auth.Hasher
	Server *httptest.Server
	// App is the portal's handler, for tests that inspect its routes.
	App *web.Server
	// Jobs is the portal's background work (worked only when made by NewWithJobs).
	Jobs *jobs.Queue
	// URL is the server's base URL.
	URL string

	mu    sync.Mutex
	stats map[string]web.QueryStats
	log   *serverLog
	relay *relay // between the portal and its database, in a portal made by NewCuttable
	// DBURL is the test database's URL (for a second pool or a server of the test's own).
	DBURL string
}

// New starts a portal on a fresh database holding the demo data as of Start. Options adjust
// the server's configuration (e.g. API rate limits). The package's TestMain must call Main.
// Its background jobs are inserted but not worked: NewWithJobs works them.
func New(t testing.TB, options ...func(*web.Config)) *Env {
	t.Helper()
	return start(t, nil, options, false)
}

// NewWithJobs is New with the background jobs worked, as jc says (jc.Mail nil: e-mail kept in
// the outbox). The jobs run on the test's clock; links in e-mail point at the test server.
func NewWithJobs(t testing.TB, jc jobs.Config, options ...func(*web.Config)) *Env {
	t.Helper()
	return start(t, &jc, options, false)
}

func start(t testing.TB, jc *jobs.Config, options []func(*web.Config), cuttable bool) *Env {
	t.Helper()
	h := hashers.Get().(*auth.Hasher)
	// Registered first, so it runs last: once the server has stopped using the Hasher.
	t.Cleanup(func() { hashers.Put(h) })
	e := &Env{
		Clock:  clock.NewManual(Start),
		Hasher: h,
		stats:  make(map[string]web.QueryStats),
	}
	e.DBURL = dbtest.NewDatabaseFrom(t, demoTemplate(t))
	poolURL := e.DBURL
	if cuttable {
		e.relay, poolURL = newRelay(t, e.DBURL)
	}
	pool, err := db.Open(context.Background(), poolURL, web.QueryTracer{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	e.Pool = pool
	cfg := web.Config{
		CookieSecure:   false,
		Location:       time.UTC,
		ObserveQueries: e.observe,
	}
	for _, o := range options {
		o(&cfg)
	}
	var logger *slog.Logger
	e.log, logger = newServerLog(t)
	// The listener comes first: the jobs put the server's address into e-mail links.
	e.Server = httptest.NewUnstartedServer(nil)
	e.URL = "http://" + e.Server.Listener.Addr().String()
	run := jc != nil
	if jc == nil {
		jc = &jobs.Config{}
	}
	jc.PublicURL = e.URL
	// The jobs log apart: tests of failing mail servers make them log errors on purpose.
	jq, err := jobs.New(pool, slog.New(slog.NewTextHandler(io.Discard, nil)), e.Clock, *jc)
	if err != nil {
		t.Fatal(err)
	}
	e.Jobs = jq
	if run {
		if err := jq.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		// Registered after pool.Close, so it runs before it.
		t.Cleanup(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if err := jq.Stop(ctx); err != nil {
				t.Errorf("stop jobs: %v", err)
			}
		})
	}
	srv := web.NewServer(cfg, logger, pool, e.Clock, e.Hasher, jq)
	e.App = srv
	e.Server.Config.Handler = srv
	e.Server.Start()
	t.Cleanup(e.Server.Close)
	return e
}

func (e *Env) observe(s web.QueryStats) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.stats[s.RequestID] = s
}

// Stats returns the database work of the request that produced resp.
func (e *Env) Stats(t testing.TB, resp *Response) web.QueryStats {
	t.Helper()
	id := resp.Header.Get("X-Request-Id")
	e.mu.Lock()
	defer e.mu.Unlock()
	s, ok := e.stats[id]
	if !ok {
		t.Fatalf("no query statistics for request %q (%s)", id, resp.Request.URL)
	}
	return s
}

// hashers keeps the Hashers of finished portals for the next ones, because NewHasher hashes a
// dummy password, which costs as much as a sign-in. A Hasher serves one portal at a time, so
// the checks it counts while a test runs are that test's alone.
var hashers = sync.Pool{New: func() any { return auth.NewHasher() }}

// IdleJobs is a job queue on pool that inserts jobs and works none, for a server a test
// builds itself.
func IdleJobs(t testing.TB, pool *pgxpool.Pool) *jobs.Queue {
	t.Helper()
	jq, err := jobs.New(pool, slog.New(slog.NewTextHandler(io.Discard, nil)), clock.NewManual(Start), jobs.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return jq
}
