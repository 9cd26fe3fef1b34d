package jobs

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"partnerportal/db"
	"partnerportal/web/clock"
	"partnerportal/web/metering"
)

// Every periodic job, with how often it runs. The leader inserts each one when it is elected
// (RunOnStart) and then on its interval; every job is safe to run again, so a new leader after
// a crash repeating one changes nothing. The sweep runs hourly although days change daily: the
// portal's day may begin at any hour of the server's, and a server down at midnight catches up
// within the hour of its return.
func periodicJobs() []*river.PeriodicJob {
	every := func(d time.Duration, args river.JobArgs) *river.PeriodicJob {
		return river.NewPeriodicJob(river.PeriodicInterval(d),
			func() (river.JobArgs, *river.InsertOpts) { return args, nil },
			&river.PeriodicJobOpts{ID: args.Kind(), RunOnStart: true})
	}
	return []*river.PeriodicJob{
		every(time.Hour, sweepArgs{}),
		// events recorded where no job could be inserted (usage reports crossing a quota)
		every(time.Minute, deliverArgs{}),
		every(time.Hour, digestArgs{}),
		every(30*time.Minute, cleanSessionsArgs{}),
		every(time.Hour, deleteUsageArgs{}),
		every(time.Hour, closeTicketsArgs{}),
		every(time.Minute, foldUsageArgs{}),
	}
}

type cleanSessionsArgs struct{}

// Kind names the job in River's table.
func (cleanSessionsArgs) Kind() string { return "clean_sessions" }

// cleanSessionsWorker deletes expired sessions, and visitors' carts whose sessions are gone.
type cleanSessionsWorker struct {
	river.WorkerDefaults[cleanSessionsArgs]
	pool *pgxpool.Pool
}

func (w *cleanSessionsWorker) Work(ctx context.Context, _ *river.Job[cleanSessionsArgs]) error {
	q := db.New(w.pool)
	if _, err := q.DeleteExpiredSessions(ctx); err != nil {
		return err
	}
	_, err := q.DeleteStaleVisitorCarts(ctx)
	return err
}

type deleteUsageArgs struct{}

// Kind names the job in River's table.
func (deleteUsageArgs) Kind() string { return "delete_usage_reports" }

// deleteUsageWorker deletes usage reports older than metering.Retention.
type deleteUsageWorker struct {
	river.WorkerDefaults[deleteUsageArgs]
	pool  *pgxpool.Pool
	clock clock.Clock
}

func (w *deleteUsageWorker) Work(ctx context.Context, _ *river.Job[deleteUsageArgs]) error {
	_, err := metering.DeleteExpired(ctx, w.pool, w.clock)
	return err
}
