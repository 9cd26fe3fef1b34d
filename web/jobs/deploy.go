package jobs

import (
	"context"
	"errors"
	"fmt"

	"github.com/riverqueue/river"

	"partnerportal/db"
	"partnerportal/web/appconnect"
)

// AppConnect's deployments: the job works one run of a deployment's revision through its steps
// (web/appconnect's Runner holds the steps; this file only schedules them).

// deployAttempts is how often a run's job is tried before the run is failed for the partner
// to retry: an attempt ends early only when the server stops or the database is unreachable.
const deployAttempts = 5

type deployArgs struct {
	RunID int64 `json:"run_id"`
	// Try is the run's tries when the job was inserted: a retry is a new job, a job inserted
	// twice is one.
	Try int32 `json:"try"`
}

// Kind names the job in River's table.
func (deployArgs) Kind() string { return "run_deployment" }

// InsertOpts: one job per run and try.
func (deployArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: deployAttempts, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// deployWorker takes a run's steps. An attempt cut short (the server stopped, or died and River
// rescued the job) is tried again and carries on at the step it was in; the last attempt that
// cannot finish fails the run with its reason, so a deployment never stays at a step.
type deployWorker struct {
	river.WorkerDefaults[deployArgs]
	j *Queue
}

// Work runs the run's remaining steps.
func (w *deployWorker) Work(ctx context.Context, job *river.Job[deployArgs]) error {
	r := w.j.deployRunner()
	err := r.Run(ctx, job.Args.RunID)
	if err == nil || job.Attempt < job.MaxAttempts {
		return err
	}
	reason := fmt.Sprintf("the platform did not finish it after %d attempts. Retry when you are ready.", job.Attempt)
	if ferr := r.Fail(context.WithoutCancel(ctx), job.Args.RunID, reason); ferr != nil {
		return errors.Join(err, ferr)
	}
	return nil
}

// StartDeployment inserts, in q's transaction, the job that works run runID at its try.
func (j *Queue) StartDeployment(ctx context.Context, q *db.Queries, runID int64, try int32) error {
	return j.insertTx(ctx, q, deployArgs{RunID: runID, Try: try})
}

// RunDeployment works run runID at once, in the caller's goroutine, as the job would (the demo
// seed's finished deployments, tests).
func (j *Queue) RunDeployment(ctx context.Context, runID int64) error {
	return j.deployRunner().Run(ctx, runID)
}

func (j *Queue) deployRunner() appconnect.Runner {
	return appconnect.Runner{Pool: j.pool, Clock: j.clock, Loc: j.cfg.Location, Pause: j.cfg.DeployPause}
}
