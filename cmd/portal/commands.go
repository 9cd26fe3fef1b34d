package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"partnerportal/db"
	"partnerportal/db/seed"
	"partnerportal/web"
	"partnerportal/web/auth"
	"partnerportal/web/clock"
	"partnerportal/web/jobs"
	"partnerportal/web/mail"
)

// serve migrates, then serves until ctx ends; in-flight requests get up to 20 seconds to finish.
func serve(ctx context.Context, cfg config, logger *slog.Logger) error {
	if err := cfg.requireDatabase(); err != nil {
		return err
	}
	pool, err := db.Open(ctx, cfg.DatabaseURL, web.QueryTracer{})
	if err != nil {
		return err
	}
	defer pool.Close()
	applied, err := db.Migrate(ctx, pool)
	if err != nil {
		return err
	}
	if len(applied) > 0 {
		logger.Info("migrations applied", "files", applied)
	}
	clk := clock.System{Offset: cfg.ClockOffset}
	if cfg.ClockOffset != 0 {
		logger.Warn("the portal clock is shifted", "offset", cfg.ClockOffset, "now", clk.Now())
	}
	jq, err := startJobs(ctx, cfg, pool, clk, logger)
	if err != nil {
		return err
	}
	defer func() {
		// Running jobs get a few seconds to finish; one cut short is run again later.
		stopCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := jq.Stop(stopCtx); err != nil {
			logger.Warn("jobs did not stop cleanly", "err", err)
		}
	}()
	var metrics *web.Metrics
	if cfg.MetricsAddr != "" {
		metrics = web.NewMetrics(pool)
		stop, err := serveMetrics(cfg.MetricsAddr, metrics, logger)
		if err != nil {
			return err
		}
		defer stop()
	}
	srv := web.NewServer(web.Config{
		Metrics:        metrics,
		CookieSecure:   cfg.CookieSecure,
		Location:       cfg.Location,
		TrustedProxies: cfg.TrustedProxies,
	}, logger, pool, clk, auth.NewHasher(), jq)

	hs := &http.Server{
		Addr:              cfg.Addr,
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	logger.Info("serving", "addr", "http://"+ln.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down: finishing requests in flight")
	shutCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// serveMetrics serves /metrics on addr until stop is called.
func serveMetrics(addr string, m *web.Metrics, logger *slog.Logger) (stop func(), err error) {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("PORTAL_METRICS_ADDR: %w", err)
	}
	hs := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	logger.Info("serving metrics", "addr", "http://"+ln.Addr().String()+"/metrics")
	return func() { _ = hs.Close() }, nil
}

// startJobs starts the background work: e-mail through cfg.SMTP when set, else into the outbox.
func startJobs(ctx context.Context, cfg config, pool *pgxpool.Pool, clk clock.Clock, logger *slog.Logger) (*jobs.Queue, error) {
	jc := jobs.Config{Location: cfg.Location, PublicURL: cfg.PublicURL, DeployPause: 1500 * time.Millisecond}
	if cfg.SMTP != nil {
		jc.Mail = mail.NewSMTP(*cfg.SMTP)
		logger.Info("e-mail goes out by SMTP", "server", cfg.SMTP.Host)
	} else {
		logger.Info("e-mail is kept in the outbox (no PORTAL_SMTP_URL): admins read it at /admin/outbox")
	}
	jq, err := jobs.New(pool, logger, clk, jc)
	if err != nil {
		return nil, err
	}
	// The jobs run on their own context: a shutdown stops them through Stop, after the
	// requests in flight, which may still insert jobs.
	if err := jq.Start(context.WithoutCancel(ctx)); err != nil {
		return nil, fmt.Errorf("start jobs: %w", err)
	}
	return jq, nil
}

func migrate(ctx context.Context, cfg config, stdout io.Writer) error {
	if err := cfg.requireDatabase(); err != nil {
		return err
	}
	pool, err := db.Open(ctx, cfg.DatabaseURL, nil)
	if err != nil {
		return err
	}
	defer pool.Close()
	applied, err := db.Migrate(ctx, pool)
	if err != nil {
		return err
	}
	if len(applied) == 0 {
		fmt.Fprintln(stdout, "migrations: nothing to apply")
	}
	for _, f := range applied {
		fmt.Fprintln(stdout, "migrations: applied", f)
	}
	return nil
}

func seedDemo(ctx context.Context, cfg config, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	demo := fs.Bool("demo", false, "create the demo accounts and data")
	once := fs.Bool("once", false, "leave a demo already there as it is (its clock moved on, its notices kept)")
	scale := fs.Float64("scale", 0, "add a data set for benchmarks, N times the size of scale 1 (2,000 companies), to a fresh database")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if !*demo && *scale == 0 {
		return fmt.Errorf("seed: say --demo to create the demo accounts and data, --scale N to add benchmark data, or both")
	}
	if err := cfg.requireDatabase(); err != nil {
		return err
	}
	pool, err := db.Open(ctx, cfg.DatabaseURL, nil)
	if err != nil {
		return err
	}
	defer pool.Close()
	if _, err := db.Migrate(ctx, pool); err != nil {
		return err
	}
	clk := clock.System{Offset: cfg.ClockOffset}
	if *demo {
		if err := seedDemoAccounts(ctx, pool, clk, cfg, *once, stdout); err != nil {
			return err
		}
	}
	if *scale != 0 {
		counts, err := seed.Scale(ctx, pool, auth.NewHasher(), seed.ScaleOptions{N: *scale, Today: clock.Today(clk, cfg.Location), Now: clk.Now()})
		if err != nil {
			return fmt.Errorf("seed --scale: %w", err)
		}
		fmt.Fprintf(stdout, "%s (password %q for every account)\n", counts, seed.ScalePassword)
	}
	return nil
}

// seedDemoAccounts creates or resets the demo (or, with once, leaves one there) and prints its accounts.
func seedDemoAccounts(ctx context.Context, pool *pgxpool.Pool, clk clock.System, cfg config, once bool, stdout io.Writer) error {
	accounts := seed.Accounts()
	there, err := seed.Seeded(ctx, pool)
	if err != nil {
		return err
	}
	if there && once {
		fmt.Fprintln(stdout, "The demo is there already; `portal seed --demo` would reset it.")
	} else {
		if accounts, err = seed.Demo(ctx, pool, auth.NewHasher(), clock.Today(clk, cfg.Location)); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "Demo accounts (password %q):\n", seed.DemoPassword)
	for _, a := range accounts {
		fmt.Fprintf(stdout, "  %-24s %s\n", a.Email, a.Description)
	}
	return nil
}
