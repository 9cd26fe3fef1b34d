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

func TestExpiredSessionsAndStaleCartsAreCleanedUp(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ctx := context.Background()
	if _, err := env.Pool.Exec(ctx, `INSERT INTO sessions (token, data, expiry) VALUES
		('old', '\x00', now() - interval '1 hour'), ('live', '\x00', now() + interval '1 hour')`); err != nil {
		t.Fatal(err)
	}
	// visitors' carts: one whose session cannot exist any more, one still in use
	retail := env.ProductID(t, "Company B", "retailflow-footfall")
	if _, err := env.Pool.Exec(ctx, `INSERT INTO cart_lines (visitor_key, product_id, quantity, price_seen, currency_seen, added_at, updated_at)
		VALUES ('stale-visitor-key-0001', $1, 1, 79, 'EUR', now() - interval '3 days', now() - interval '2 days'),
		       ('fresh-visitor-key-0001', $1, 1, 79, 'EUR', now() - interval '1 hour', now() - interval '1 hour')`, retail); err != nil {
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
		if err := env.Pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM sessions WHERE token = 'old')
			+ (SELECT count(*) FROM cart_lines WHERE visitor_key LIKE 'stale%')`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the expired session or the stale cart is still there after 5 seconds")
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	<-done
	var live int
	if err := env.Pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM sessions WHERE token = 'live')
		+ (SELECT count(*) FROM cart_lines WHERE visitor_key LIKE 'fresh%')`).Scan(&live); err != nil || live != 2 {
		t.Errorf("the live session or the fresh cart was removed (count %d of 2, err %v)", live, err)
	}
}
