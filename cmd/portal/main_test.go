package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"partnerportal/db/dbtest"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestRunRefusesBadInvocations(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		vars    map[string]string
		wantErr string
	}{
		{"no command", nil, nil, "no command"},
		{"unknown command", []string{"launch"}, nil, `unknown command "launch"`},
		{"seed without --demo", []string{"seed"}, map[string]string{"DATABASE_URL": "postgres://x"}, "--demo"},
		{"serve without a database", []string{"serve"}, nil, "DATABASE_URL is not set"},
		{"bad clock offset", []string{"migrate"}, map[string]string{"PORTAL_CLOCK_OFFSET": "soon"}, "PORTAL_CLOCK_OFFSET"},
		{"bad time zone", []string{"migrate"}, map[string]string{"PORTAL_TIMEZONE": "Mars/Olympus"}, "PORTAL_TIMEZONE"},
		{"bad log format", []string{"migrate"}, map[string]string{"PORTAL_LOG_FORMAT": "xml"}, "PORTAL_LOG_FORMAT"},
		{"bad cookie flag", []string{"migrate"}, map[string]string{"PORTAL_COOKIE_SECURE": "maybe"}, "PORTAL_COOKIE_SECURE"},
		{"bad proxy", []string{"migrate"}, map[string]string{"PORTAL_TRUSTED_PROXIES": "not-an-ip"}, "PORTAL_TRUSTED_PROXIES"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := run(context.Background(), tt.args, env(tt.vars), io.Discard, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("run(%v) = %v, want an error mentioning %q", tt.args, err, tt.wantErr)
			}
		})
	}
}

func TestConfigDefaults(t *testing.T) {
	cfg, err := loadConfig(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Addr != "127.0.0.1:8080" || !cfg.CookieSecure || cfg.Location.String() != "UTC" || cfg.ClockOffset != 0 {
		t.Errorf("defaults = %+v", cfg)
	}
	cfg, err = loadConfig(env(map[string]string{"PORTAL_CLOCK_OFFSET": "+100d", "PORTAL_TIMEZONE": "Europe/Berlin", "PORTAL_COOKIE_SECURE": "false"}))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.ClockOffset != 100*24*time.Hour || cfg.Location.String() != "Europe/Berlin" || cfg.CookieSecure {
		t.Errorf("configured = %+v", cfg)
	}
}

// syncBuffer lets the test read what the server logs while it runs.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestMigrateSeedServeAndShutDown(t *testing.T) {
	vars := map[string]string{"DATABASE_URL": dbtest.NewEmptyDatabase(t), "PORTAL_ADDR": "127.0.0.1:0", "PORTAL_COOKIE_SECURE": "false"}
	var out bytes.Buffer
	if err := run(context.Background(), []string{"migrate"}, env(vars), &out, io.Discard); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	if !strings.Contains(out.String(), "applied") {
		t.Errorf("migrate printed %q, want the files applied", out.String())
	}
	for range 2 { // the demo seed can run again without duplicating anything
		out.Reset()
		if err := run(context.Background(), []string{"seed", "--demo"}, env(vars), &out, io.Discard); err != nil {
			t.Fatalf("seed: %v", err)
		}
	}
	for _, email := range []string{"admin@example.com", "am@example.com", "am2@example.com", "a@company-a.example", "b@company-b.example", "c@company-c.example", "consumer@example.com"} {
		if !strings.Contains(out.String(), email) {
			t.Errorf("seed output does not list %s:\n%s", email, out.String())
		}
	}

	ctx, cancel := context.WithCancel(context.Background())
	logs := &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve"}, env(vars), io.Discard, logs) }()
	addr := regexp.MustCompile(`addr=(http://\S+)`)
	var base string
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if m := addr.FindStringSubmatch(logs.String()); m != nil {
			base = m[1]
			break
		}
	}
	if base == "" {
		cancel()
		t.Fatalf("server did not start; logs:\n%s", logs.String())
	}
	resp, err := http.Get(base + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("/readyz = %d, want 200", resp.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve after shutdown signal: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop after its context ended")
	}
}
