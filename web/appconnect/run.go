package appconnect

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"partnerportal/db"
	"partnerportal/web/clock"
)

// Runner takes a run's steps one after another, each in two transactions: one marks it
// running (the progress bar shows it), the next does it and marks it done or failed. A step
// is safe to take twice, so a run interrupted anywhere (a server stopped or died) is taken up
// again at the step it was in, and never stays there.
type Runner struct {
	Pool  *pgxpool.Pool
	Clock clock.Clock
	// Loc is the portal's time zone: the states are read on its today.
	Loc *time.Location
	// Pause is how long each step takes at the least: the platform's work, which people watch
	// on the progress bar. Zero in tests.
	Pause time.Duration
	// Queries, when set, is a transaction every step runs in instead of one of its own (the
	// demo seed, which makes its finished deployments in its one transaction).
	Queries *db.Queries
}

func (r Runner) transact(ctx context.Context, fn func(q *db.Queries) error) error {
	if r.Queries != nil {
		return fn(r.Queries)
	}
	return db.Transact(ctx, r.Pool, fn)
}

// Run takes the run's steps from the first not done until it succeeds or a step fails; a run
// already over is left as it is. An error means it could not go on (the database, or ctx
// ended): the step in hand stays running, and running the run again carries on from it.
func (r Runner) Run(ctx context.Context, runID int64) error {
	for {
		step, err := r.begin(ctx, runID)
		if err != nil || step == nil {
			return err
		}
		if r.Pause > 0 {
			t := time.NewTimer(r.Pause)
			select {
			case <-ctx.Done():
				t.Stop()
				return ctx.Err()
			case <-t.C:
			}
		}
		if err := r.finish(ctx, runID, *step); err != nil {
			return err
		}
	}
}

// begin marks the run's next step running and returns it; nil when the run is over (and marks
// it succeeded when its last step is done).
func (r Runner) begin(ctx context.Context, runID int64) (*db.AppRunStep, error) {
	var next *db.AppRunStep
	now := r.Clock.Now()
	err := r.transact(ctx, func(q *db.Queries) error {
		row, err := q.LockRun(ctx, runID)
		if err != nil {
			return fmt.Errorf("run %d: %w", runID, err)
		}
		run, dep := row.AppRun, row.AppDeployment
		if run.Status == db.AppRunStatusSucceeded || run.Status == db.AppRunStatusFailed {
			return nil
		}
		if dep.DeletedAt != nil {
			return fail(ctx, q, run, nil, "The deployment was deleted before it finished.", now)
		}
		steps, err := q.ListRunSteps(ctx, runID)
		if err != nil {
			return err
		}
		for i := range steps {
			if steps[i].Status != db.AppStepStatusDone {
				next = &steps[i]
				break
			}
		}
		if next == nil {
			return q.SetRunStatus(ctx, db.SetRunStatusParams{ID: runID, Status: db.AppRunStatusSucceeded, FinishedAt: &now})
		}
		if run.Status == db.AppRunStatusQueued {
			if err := q.SetRunStatus(ctx, db.SetRunStatusParams{ID: runID, Status: db.AppRunStatusRunning}); err != nil {
				return err
			}
		}
		if next.Status == db.AppStepStatusRunning {
			// the attempt that started it was interrupted: say so, and take it again
			if err := logStep(ctx, q, run, next.Step, false, RunStepName(next.Step)+": taken up again after an interruption.", now); err != nil {
				return err
			}
		}
		return q.SetStepStatus(ctx, db.SetStepStatusParams{RunID: runID, Position: next.Position, Status: db.AppStepStatusRunning, Now: now})
	})
	return next, err
}

// finish does step and records what came of it.
func (r Runner) finish(ctx context.Context, runID int64, step db.AppRunStep) error {
	now := r.Clock.Now()
	return r.transact(ctx, func(q *db.Queries) error {
		row, err := q.LockRun(ctx, runID)
		if err != nil {
			return err
		}
		if row.AppRun.Status != db.AppRunStatusRunning {
			return nil
		}
		msg, failure, err := r.do(ctx, q, row.AppRun, row.AppDeployment, step.Step, now)
		if err != nil {
			return err
		}
		if failure != "" {
			return fail(ctx, q, row.AppRun, &step, failure, now)
		}
		if err := q.SetStepStatus(ctx, db.SetStepStatusParams{RunID: runID, Position: step.Position, Status: db.AppStepStatusDone, Now: now}); err != nil {
			return err
		}
		return logStep(ctx, q, row.AppRun, step.Step, false, RunStepName(step.Step)+": "+msg, now)
	})
}

// Fail ends run id as failed with reason, unless it is over already: the job gives up on it
// (its last attempt could not finish), and the deployment says why and offers a retry.
func (r Runner) Fail(ctx context.Context, runID int64, reason string) error {
	now := r.Clock.Now()
	return r.transact(ctx, func(q *db.Queries) error {
		row, err := q.LockRun(ctx, runID)
		if err != nil {
			return err
		}
		if row.AppRun.Status == db.AppRunStatusSucceeded || row.AppRun.Status == db.AppRunStatusFailed {
			return nil
		}
		steps, err := q.ListRunSteps(ctx, runID)
		if err != nil {
			return err
		}
		var at *db.AppRunStep
		for i := range steps {
			if steps[i].Status != db.AppStepStatusDone {
				at = &steps[i]
				break
			}
		}
		return fail(ctx, q, row.AppRun, at, reason, now)
	})
}

// fail marks run failed at step (nil: before any), its deployment failed, and logs why.
func fail(ctx context.Context, q *db.Queries, run db.AppRun, step *db.AppRunStep, reason string, now time.Time) error {
	name := ""
	if step != nil {
		if err := q.SetStepStatus(ctx, db.SetStepStatusParams{RunID: run.ID, Position: step.Position, Status: db.AppStepStatusFailed, Now: now}); err != nil {
			return err
		}
		name = step.Step
	}
	if err := q.SetRunStatus(ctx, db.SetRunStatusParams{ID: run.ID, Status: db.AppRunStatusFailed, Failure: clip(reason, 480), FinishedAt: &now}); err != nil {
		return err
	}
	if err := q.SetDeploymentStatus(ctx, db.SetDeploymentStatusParams{ID: run.DeploymentID, Status: db.AppDeploymentStatusFailed, Now: now}); err != nil {
		return err
	}
	text := "Failed: " + reason
	if name != "" {
		text = RunStepName(name) + " failed: " + reason
	}
	return logStep(ctx, q, run, name, true, text, now)
}

func logStep(ctx context.Context, q *db.Queries, run db.AppRun, step string, failed bool, msg string, now time.Time) error {
	var s *string
	if step != "" {
		s = &step
	}
	return q.LogDeployment(ctx, db.LogDeploymentParams{DeploymentID: run.DeploymentID, RunID: &run.ID, Step: s,
		Failed: failed, Message: clip(msg, 480), Now: now})
}
