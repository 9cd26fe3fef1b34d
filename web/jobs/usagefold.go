package jobs

import (
	"context"

	"github.com/riverqueue/river"

	"partnerportal/web/usagehistory"
)

type foldUsageArgs struct{}

// Kind names the job in River's table.
func (foldUsageArgs) Kind() string { return "fold_usage" }

// foldUsageWorker folds accepted usage reports into the daily history every minute, off the
// meter's path; the fold's locked mark makes a repeated or overlapping run count nothing twice.
type foldUsageWorker struct {
	river.WorkerDefaults[foldUsageArgs]
	j *Queue
}

func (w *foldUsageWorker) Work(ctx context.Context, _ *river.Job[foldUsageArgs]) error {
	_, err := usagehistory.Fold(ctx, w.j.pool, w.j.clock.Now(), w.j.cfg.Location)
	return err
}
