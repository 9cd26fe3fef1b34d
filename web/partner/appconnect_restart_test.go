package partner_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"partnerportal/web/appconnect"
	"partnerportal/web/webtest"
)

// interrupt works a deployment's run until its second step has begun, then stops it there, as
// a server that stops (or dies) in the middle of a step would.
func interrupt(t *testing.T, env *webtest.Env, deployment int64) int64 {
	t.Helper()
	run := latestRun(t, env, deployment)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		for ctx.Err() == nil {
			var running bool
			if err := env.Pool.QueryRow(ctx, "SELECT status = 'running' FROM app_run_steps WHERE run_id = $1 AND position = 2", run).Scan(&running); err == nil && running {
				cancel()
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()
	r := appconnect.Runner{Pool: env.Pool, Clock: env.Clock, Loc: time.UTC, Pause: 200 * time.Millisecond}
	if err := r.Run(ctx, run); !errors.Is(err, context.Canceled) {
		t.Fatalf("the interrupted run ended with %v", err)
	}
	return run
}

// TestARunInterruptedMidStepIsTakenUpAgain: the server stops while a deployment allocates;
// the page shows it at that step, and when the jobs run again (the job is still waiting in
// River) the run takes the step up again and finishes.
func TestARunInterruptedMidStepIsTakenUpAgain(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerB)
	id := deployColdChain(t, c, "East depot")
	interrupt(t, env, id)
	path := deploymentPath(id)
	if got := c.Get(t, path).Text("#progress-text"); got != "1 of 5 steps done · Allocate…" {
		t.Errorf("after the interruption: %q", got)
	}

	if err := env.Jobs.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = env.Jobs.Stop(ctx)
	})
	deadline := time.Now().Add(15 * time.Second)
	for c.Get(t, path).Text("#deployment-status") != "✓Running" {
		if time.Now().After(deadline) {
			t.Fatalf("the run was not taken up again: %q", c.Get(t, path).Text("#progress-text"))
		}
		time.Sleep(50 * time.Millisecond)
	}
	log := c.Get(t, path).Text("#deployment-log")
	if !strings.Contains(log, "Allocate: taken up again after an interruption.") || strings.Count(log, "Allocate: reserved") != 1 {
		t.Errorf("the log reads %q", log)
	}
}

// TestARunGivenUpFailsCleanly: when the job gives up on a run (its last attempt could not
// finish), the run fails at the step it was in, with the reason, and offers a retry.
func TestARunGivenUpFailsCleanly(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerB)
	id := deployColdChain(t, c, "Harbour depot")
	run := interrupt(t, env, id)
	r := appconnect.Runner{Pool: env.Pool, Clock: env.Clock, Loc: time.UTC}
	if err := r.Fail(context.Background(), run, "the platform did not finish it after 5 attempts. Retry when you are ready."); err != nil {
		t.Fatal(err)
	}
	page := c.Get(t, deploymentPath(id))
	if got := page.Text("#progress-text"); got != "1 of 5 steps done; failed at Allocate." {
		t.Errorf("the progress reads %q", got)
	}
	if !strings.Contains(page.Text("#run-failure"), "after 5 attempts") || page.Doc.Find(`form[action$="/retry"] button`).Length() != 1 {
		t.Errorf("the failure reads %q", page.Text("#run-failure"))
	}
	runJob(t, env, id) // the job, had it one more try, changes nothing: the run is over
	if got := c.Get(t, deploymentPath(id)).Text("#deployment-status"); got != "!Failed" {
		t.Errorf("a run over was worked again: %q", got)
	}
}
