package main

import (
	"fmt"
	"io"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"time"

	"partnerportal/web/clock"
)

// config is everything the environment decides; README.md documents each variable.
type config struct {
	Addr           string
	DatabaseURL    string
	CookieSecure   bool
	LogLevel       slog.Level
	LogJSON        bool
	Location       *time.Location
	ClockOffset    time.Duration
	TrustedProxies []*net.IPNet
}

func loadConfig(getenv func(string) string) (config, error) {
	cfg := config{
		Addr:         getenv("PORTAL_ADDR"),
		DatabaseURL:  getenv("DATABASE_URL"),
		CookieSecure: true,
		Location:     time.UTC,
	}
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:8080"
	}
	if v := getenv("PORTAL_COOKIE_SECURE"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return cfg, fmt.Errorf("PORTAL_COOKIE_SECURE=%q: want true or false", v)
		}
		cfg.CookieSecure = b
	}
	if v := getenv("PORTAL_LOG_LEVEL"); v != "" {
		if err := cfg.LogLevel.UnmarshalText([]byte(v)); err != nil {
			return cfg, fmt.Errorf("PORTAL_LOG_LEVEL=%q: want debug, info, warn or error", v)
		}
	}
	switch v := strings.ToLower(getenv("PORTAL_LOG_FORMAT")); v {
	case "", "text":
	case "json":
		cfg.LogJSON = true
	default:
		return cfg, fmt.Errorf("PORTAL_LOG_FORMAT=%q: want text or json", v)
	}
	if v := getenv("PORTAL_TIMEZONE"); v != "" {
		loc, err := time.LoadLocation(v)
		if err != nil {
			return cfg, fmt.Errorf("PORTAL_TIMEZONE=%q: %w", v, err)
		}
		cfg.Location = loc
	}
	off, err := clock.ParseOffset(getenv("PORTAL_CLOCK_OFFSET"))
	if err != nil {
		return cfg, fmt.Errorf("PORTAL_CLOCK_OFFSET: %w", err)
	}
	cfg.ClockOffset = off
	if v := getenv("PORTAL_TRUSTED_PROXIES"); v != "" {
		for _, s := range strings.Split(v, ",") {
			s = strings.TrimSpace(s)
			if !strings.Contains(s, "/") {
				if strings.Contains(s, ":") {
					s += "/128"
				} else {
					s += "/32"
				}
			}
			_, n, err := net.ParseCIDR(s)
			if err != nil {
				return cfg, fmt.Errorf("PORTAL_TRUSTED_PROXIES: %q is not an address or CIDR range", s)
			}
			cfg.TrustedProxies = append(cfg.TrustedProxies, n)
		}
	}
	return cfg, nil
}

func newLogger(cfg config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogJSON {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func (cfg config) requireDatabase() error {
	if cfg.DatabaseURL == "" {
		return fmt.Errorf("DATABASE_URL is not set (make run and make test set it for you)")
	}
	return nil
}
