package jobs_test

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"partnerportal/web/jobs"
	"partnerportal/web/webtest"
)

// TestTwoClientsSweepingAtOnceTellEachEventOnce runs a second River client on the portal's
// database, as a second server would, and has both sweep the same day five times at once:
// every sweep and delivery succeeds, each event is recorded once, and each person hears of
// each event once, in the portal and by e-mail.
func TestTwoClientsSweepingAtOnceTellEachEventOnce(t *testing.T) {
	t.Parallel()
	env := webtest.NewWithJobs(t, jobs.Config{})
	other, err := jobs.New(env.Pool, slog.New(slog.NewTextHandler(io.Discard, nil)), env.Clock, jobs.Config{PublicURL: env.URL})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := other.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stop, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		_ = other.Stop(stop)
	})
	// 150 days on: Company A's six-month plans and the purchases of their products have ended.
	env.Clock.Set(webtest.Start.AddDate(0, 0, 150))
	var wg sync.WaitGroup
	errs := make(chan error, 10)
	for _, q := range []*jobs.Queue{env.Jobs, other, env.Jobs, other, env.Jobs, other, env.Jobs, other, env.Jobs, other} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := q.Sweep(ctx); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("sweep: %v", err)
	}
	env.Settle(t)

	var events, notices, mails, twice int
	if err := env.Pool.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM service_events) + (SELECT count(*) FROM purchase_events),
		(SELECT count(*) FROM notifications),
		(SELECT count(*) FROM mail_messages WHERE kind <> 'digest'),
		(SELECT count(*) FROM (SELECT 1 FROM notifications GROUP BY user_id, title HAVING count(*) > 1) n)
		+ (SELECT count(*) FROM (SELECT 1 FROM purchase_events GROUP BY purchase_id, kind HAVING count(*) > 1) p)`).
		Scan(&events, &notices, &mails, &twice); err != nil {
		t.Fatal(err)
	}
	if events == 0 || notices == 0 {
		t.Fatalf("%d events and %d notices: the sweeps recorded nothing", events, notices)
	}
	if twice != 0 {
		t.Errorf("%d events or notices are there twice", twice)
	}
	if mails != notices {
		t.Errorf("%d e-mails for %d notices (everyone has e-mail on): some were written twice or not at all", mails, notices)
	}
	if n := count(titles(t, env, webtest.Consumer), "FleetPulse Telematics is released by Company A"); n != 1 {
		t.Errorf("the consumer was told %d times of the release, want 1", n)
	}
}
