package bench

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/pprof"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"partnerportal/db"
	"partnerportal/db/seed"
	"partnerportal/web"
	"partnerportal/web/auth"
	"partnerportal/web/clock"
	"partnerportal/web/jobs"
)

// Options are the knobs of a run.
type Options struct {
	// DatabaseURL names the server; the benchmark makes a database of its own there.
	DatabaseURL string
	// Rounds times each target runs for Slice, all targets in turn per round. Conns is the
	// number of concurrent connections.
	Rounds int
	Slice  time.Duration
	Conns  int
	// Scale, when above 0, adds `portal seed --scale` data to the demo.
	Scale float64
	// Only, when set, keeps the targets whose name contains it (and the references).
	Only string
	// CPUProfile, when set, is a file the process's CPU profile is written to while the
	// targets are loaded (go tool pprof reads it).
	CPUProfile string
}

// Run prepares a database, serves the portal with the reference beside it on a loopback port,
// loads every target in turn and prints the table to out.
func Run(ctx context.Context, o Options, out io.Writer) error {
	if o.Rounds <= 0 {
		o.Rounds = 3
	}
	if o.Slice <= 0 {
		o.Slice = 2 * time.Second
	}
	if o.Conns <= 0 {
		o.Conns = 32
	}
	name := "portal_bench"
	if o.Scale > 0 {
		name = "portal_bench_scale"
	}
	fmt.Fprintf(out, "preparing database %s …\n", name)
	dbURL, err := freshDatabase(ctx, o.DatabaseURL, name)
	if err != nil {
		return err
	}
	var queries, requests atomic.Int64
	pool, err := db.Open(ctx, dbURL, web.QueryTracer{})
	if err != nil {
		return err
	}
	defer pool.Close()
	if _, err := db.Migrate(ctx, pool); err != nil {
		return err
	}
	clk := clock.System{}
	today := clock.Today(clk, time.UTC)
	hasher := auth.NewHasher()
	if _, err := seed.Demo(ctx, pool, hasher, today); err != nil {
		return err
	}
	if o.Scale > 0 {
		counts, err := seed.Scale(ctx, pool, hasher, seed.ScaleOptions{N: o.Scale, Today: today, Now: clk.Now()})
		if err != nil {
			return err
		}
		fmt.Fprintln(out, counts)
	}
	if err := createFortunes(ctx, pool); err != nil {
		return err
	}
	fix, err := prepare(ctx, pool)
	if err != nil {
		return err
	}

	// The log is written as in production (JSON at info), into nothing, so its cost is counted.
	logger := slog.New(slog.NewJSONHandler(io.Discard, nil))
	jq, err := jobs.New(pool, logger, clk, jobs.Config{})
	if err != nil {
		return err
	}
	srv := web.NewServer(web.Config{
		Location: time.UTC, APIRate: 1e9, APIBurst: 1e9,
		ObserveQueries: func(st web.QueryStats) {
			queries.Add(int64(st.Queries))
			requests.Add(1)
		},
	}, logger, pool, clk, hasher, jq)
	srv.Handle(http.MethodGet, ReferencePath, handleFortunes(pool))
	srv.Handle(http.MethodPost, bareUsagePath, handleBareUsage(pool, fix.companyB, today))
	srv.Handle(http.MethodPost, bareBatchPath, handleBareBatch(pool, fix.companyB, today))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	defer hs.Close()
	base := "http://" + ln.Addr().String()

	// Answers are asked for uncompressed, as wrk asks for them: the table compares the
	// portal's own work, and the client does not spend the shared CPU on inflating them.
	tr := &http.Transport{MaxIdleConns: 4 * o.Conns, MaxIdleConnsPerHost: 4 * o.Conns, IdleConnTimeout: time.Minute,
		DisableCompression: true}
	targets, err := targetsOf(base, tr, fix, o)
	if err != nil {
		return err
	}
	if o.Only != "" {
		targets = slices.DeleteFunc(targets, func(t target) bool { return !t.isReference() && !strings.Contains(t.name, o.Only) })
	}
	fmt.Fprintf(out, "%d targets, %d rounds of %s each, %d connections, GOMAXPROCS as the machine gives\n",
		len(targets), o.Rounds, o.Slice, o.Conns)

	// A short warm-up, not counted: connections opened, statements prepared, caches filled.
	for _, t := range targets {
		if s := load(ctx, t.client, o.Conns, o.Slice/5, t.want, t.make); s.failures > 0 {
			return fmt.Errorf("%s: %d of %d requests failed; first: %s", t.name, s.failures, s.requests, s.firstFailure)
		}
	}
	results := make([]result, len(targets))
	if o.CPUProfile != "" {
		f, err := os.Create(o.CPUProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	for range o.Rounds {
		for i, t := range targets {
			q0, r0 := queries.Load(), requests.Load()
			s := load(ctx, t.client, o.Conns, o.Slice, t.want, t.make)
			if s.failures > 0 {
				return fmt.Errorf("%s: %d of %d requests failed; first: %s", t.name, s.failures, s.requests, s.firstFailure)
			}
			results[i].target = t
			results[i].sample.add(s)
			results[i].queries += queries.Load() - q0
			results[i].served += requests.Load() - r0
		}
	}
	printTable(out, results)
	if o.Scale > 0 {
		return sweepAtScale(ctx, pool, today, out)
	}
	return nil
}

// result is a target's figures over every round.
type result struct {
	target
	sample          sample
	queries, served int64
}
