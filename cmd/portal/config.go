package main

import (
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"partnerportal/web/clock"
	"partnerportal/web/mail"
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
	// SMTP is where e-mail goes; nil keeps it in the outbox (/admin/outbox).
	SMTP *mail.Config
	// PublicURL is the portal's address in links sent by e-mail.
	PublicURL string
	// MetricsAddr is where Prometheus metrics are served (/metrics); empty serves none. It is
	// an address of its own so that the metrics are not public with the pages.
	MetricsAddr string
}

func loadConfig(getenv func(string) string) (config, error) {
	cfg := config{
		Addr:         getenv("PORTAL_ADDR"),
		MetricsAddr:  getenv("PORTAL_METRICS_ADDR"),
		DatabaseURL:  getenv("DATABASE_URL"),
		CookieSecure: true,
		Location:     time.UTC,
	}
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:8080"
	}
	cfg.PublicURL = strings.TrimSuffix(getenv("PORTAL_PUBLIC_URL"), "/")
	if cfg.PublicURL == "" {
		cfg.PublicURL = "http://" + cfg.Addr
	} else if u, err := url.Parse(cfg.PublicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return cfg, fmt.Errorf("PORTAL_PUBLIC_URL=%q: want an http or https address such as https://partners.example.com", cfg.PublicURL)
	}
	if v := getenv("PORTAL_SMTP_URL"); v != "" {
		m, err := mail.ParseURL(v)
		if err != nil {
			return cfg, err
		}
		cfg.SMTP = &m
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
