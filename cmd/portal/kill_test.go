package main

import (
	"context"
	"testing"
	"time"

	"partnerportal/web/mail/smtptest"
)

// TestKilledInTheMiddleOfASweepLosesNothing kills the server's process while its sweep is
// half done (the service events written, the purchase events waiting for a lock the test
// holds) and starts a new one: the half-done sweep left nothing behind, the new server's sweep
// records every event, and every notice and e-mail goes out once.
func TestKilledInTheMiddleOfASweepLosesNothing(t *testing.T) {
	t.Parallel()
	vars := demoDatabase(t)
	smtp := smtptest.StartLocalRelay(t)
	vars["PORTAL_SMTP_URL"] = smtp.URL()
	// 150 days on, Company A's six-month plans and their consumers' purchases have ended too.
	vars["PORTAL_CLOCK_OFFSET"] = "+150d"
	pool := openPool(t, vars["DATABASE_URL"])
	ctx := context.Background()

	lock, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Rollback(ctx)
	if _, err := lock.Exec(ctx, "LOCK TABLE purchase_events IN EXCLUSIVE MODE"); err != nil {
		t.Fatal(err)
	}
	first, logs := startServer(t, vars)
	eventually(t, pool, 30*time.Second, "sweeps waiting for the lock", `SELECT count(*) FROM pg_stat_activity
		WHERE wait_event_type = 'Lock' AND query LIKE '%record_events%'`, func(n int64) bool { return n > 0 })
	if n := eventually(t, pool, time.Second, "service events visible mid-sweep", "SELECT count(*) FROM service_events", zero); n != 0 {
		t.Fatalf("%d service events visible before the sweep committed", n)
	}
	if err := first.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = first.Wait()
	if err := lock.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if n := eventually(t, pool, 10*time.Second, "events of the killed sweep", "SELECT count(*) FROM service_events", zero); n != 0 {
		t.Fatalf("the killed sweep committed %d events", n)
	}

	// A new server: it is elected leader once the dead one's term runs out, and sweeps.
	_, logs2 := startServer(t, vars)
	eventually(t, pool, 90*time.Second, "events recorded by the new server", `SELECT count(*) FROM purchase_events`,
		func(n int64) bool { return n > 0 })
	eventually(t, pool, 30*time.Second, "events and e-mail waiting", settledQuery, zero)
	var mails int64
	if err := pool.QueryRow(ctx, "SELECT count(*) FROM mail_messages WHERE status = 'sent'").Scan(&mails); err != nil {
		t.Fatal(err)
	}
	got := smtp.WaitFor(t, int(mails), 10*time.Second)
	time.Sleep(300 * time.Millisecond)
	// Nothing lost (every message sent by then arrived; a later job may add one); nothing twice
	// (each Message-ID once, below).
	if got = smtp.Messages(); int64(len(got)) < mails {
		t.Errorf("the SMTP server received %d messages, %d were sent\nfirst server:\n%s\nsecond server:\n%s", len(got), mails, logs, logs2)
	}
	seen := map[string]bool{}
	for _, m := range got {
		id := m.Header.Get("Message-Id")
		if seen[id] {
			t.Errorf("%s (%q) arrived twice", id, m.Subject)
		}
		seen[id] = true
	}
	if n := eventually(t, pool, time.Second, "notices or e-mails said twice", toldTwice, zero); n != 0 {
		t.Errorf("%d notices or e-mails said twice", n)
	}
	var released int64
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id
		WHERE u.email = 'consumer@example.com' AND n.title LIKE '% is released by Company A'`).Scan(&released); err != nil {
		t.Fatal(err)
	}
	if released == 0 {
		t.Error("the consumer was not told of the releases of Company A's products")
	}
}
