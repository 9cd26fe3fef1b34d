package web_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"partnerportal/web"
	"partnerportal/web/webtest"
)

func TestExpiredSessionsAreCleanedUp(t *testing.T) {
	env := webtest.New(t)
	ctx := context.Background()
	if _, err := env.Pool.Exec(ctx, `INSERT INTO sessions (token, data, expiry) VALUES
		('old', '\x00', now() - interval '1 hour'), ('live', '\x00', now() + interval '1 hour')`); err != nil {
		t.Fatal(err)
	}
	cctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		web.CleanSessions(cctx, env.Pool, 10*time.Millisecond, slog.New(slog.NewTextHandler(io.Discard, nil)))
		close(done)
	}()
	deadline := time.Now().Add(5 * time.Second)
	for {
		var n int
		if err := env.Pool.QueryRow(ctx, "SELECT count(*) FROM sessions WHERE token = 'old'").Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the expired session is still there after 5 seconds")
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	<-done
	var live int
	if err := env.Pool.QueryRow(ctx, "SELECT count(*) FROM sessions WHERE token = 'live'").Scan(&live); err != nil || live != 1 {
		t.Errorf("the live session was removed (count %d, err %v)", live, err)
	}
}
