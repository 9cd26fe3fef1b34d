package jobs

import (
	"context"

	"github.com/riverqueue/river"

	"partnerportal/db"
)

type sweepArgs struct{}

// Kind names the job in River's table.
func (sweepArgs) Kind() string { return "sweep_events" }

// sweepWorker records what today brings to every company (record_events) and, in the same
// transaction, a job to tell it. A sweep that dies half-way leaves nothing behind, and the next
// one records it all: the work is one transaction, and what is recorded once is never recorded
// again.
type sweepWorker struct {
	river.WorkerDefaults[sweepArgs]
	j *Queue
}

func (w *sweepWorker) Work(ctx context.Context, _ *river.Job[sweepArgs]) error {
	_, err := w.j.Sweep(ctx)
	return err
}

// Sweep records what today brings to every company and returns how many events that was.
func (j *Queue) Sweep(ctx context.Context) (int64, error) {
	var n int64
	err := db.Transact(ctx, j.pool, func(q *db.Queries) error {
		var err error
		n, err = q.RecordEvents(ctx, db.RecordEventsParams{Today: j.today(), Now: j.clock.Now()})
		if err != nil || n == 0 {
			return err
		}
		return j.Deliver(ctx, q)
	})
	return n, err
}
