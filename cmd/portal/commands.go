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

	"partnerportal/db"
	"partnerportal/db/seed"
	"partnerportal/web"
	"partnerportal/web/auth"
	"partnerportal/web/clock"
	"partnerportal/web/metering"
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
	srv := web.NewServer(web.Config{
		CookieSecure:   cfg.CookieSecure,
		Location:       cfg.Location,
		TrustedProxies: cfg.TrustedProxies,
	}, logger, pool, clk, auth.NewHasher())
	go web.CleanSessions(ctx, pool, 30*time.Minute, logger)
	go web.Every(ctx, time.Hour, logger, "delete old usage reports", func(ctx context.Context) (int64, error) {
		return metering.DeleteExpired(ctx, pool, clk)
	})

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
	if err := fs.Parse(args); err != nil {
		return err
	}
	if !*demo {
		return fmt.Errorf("seed: say --demo to create the demo accounts and data")
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
	accounts, err := seed.Demo(ctx, pool, auth.NewHasher(), clock.Today(clk, cfg.Location))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Demo accounts (password %q):\n", seed.DemoPassword)
	for _, a := range accounts {
		fmt.Fprintf(stdout, "  %-24s %s\n", a.Email, a.Description)
	}
	return nil
}
