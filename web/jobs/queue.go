package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"partnerportal/db"
	"partnerportal/web/clock"
	"partnerportal/web/mail"
)

// Config is what the background work takes from the environment.
type Config struct {
	// Location is the portal's time zone: the sweep's "today" is taken in it.
	Location *time.Location
	// PublicURL is the portal's address as people reach it (links in e-mail), without a
	// trailing slash.
	PublicURL string
	// Mail sends e-mail; nil keeps every message in the outbox (/admin/outbox).
	Mail mail.Sender
	// RetryBase is the wait before the first new attempt of an e-mail the server did not take;
	// each next wait doubles, up to an hour. Zero means 30 seconds.
	RetryBase time.Duration
	// Workers is how many jobs one server runs at once. Zero means 8.
	Workers int
	// DeployPause is how long each step of an AppConnect deployment takes at the least, so
	// people can follow it (the platform's work); zero takes the steps at once.
	DeployPause time.Duration
}

// Queue is the River client of one server, with the portal's jobs registered.
type Queue struct {
	river  *river.Client[pgx.Tx]
	pool   *pgxpool.Pool
	clock  clock.Clock
	cfg    Config
	logger *slog.Logger
}

// New builds the client; Start makes it work jobs. A Queue that is never started still inserts
// jobs (another server works them).
func New(pool *pgxpool.Pool, logger *slog.Logger, clk clock.Clock, cfg Config) (*Queue, error) {
	if cfg.Location == nil {
		cfg.Location = time.UTC
	}
	if cfg.RetryBase <= 0 {
		cfg.RetryBase = 30 * time.Second
	}
	if cfg.Workers <= 0 {
		cfg.Workers = 8
	}
	cfg.PublicURL = strings.TrimSuffix(cfg.PublicURL, "/")
	j := &Queue{pool: pool, clock: clk, cfg: cfg, logger: logger}
	workers := river.NewWorkers()
	river.AddWorker(workers, &sweepWorker{j: j})
	river.AddWorker(workers, &deliverWorker{j: j})
	river.AddWorker(workers, &sendMailWorker{j: j})
	river.AddWorker(workers, &digestWorker{j: j})
	river.AddWorker(workers, &cleanSessionsWorker{pool: pool})
	river.AddWorker(workers, &deleteUsageWorker{pool: pool, clock: clk})
	river.AddWorker(workers, &closeTicketsWorker{j: j})
	river.AddWorker(workers, &deployWorker{j: j})
	river.AddWorker(workers, &foldUsageWorker{j: j})
	c, err := river.NewClient(riverpgxv5.New(pool), &river.Config{
		Logger:  logger.With("component", "jobs"),
		Queues:  map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: cfg.Workers}},
		Workers: workers,
		// A job stuck longer than this was on a server that died: it is run again.
		RescueStuckJobsAfter: 10 * time.Minute,
		JobTimeout:           2 * time.Minute,
		PeriodicJobs:         periodicJobs(),
	})
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	j.river = c
	return j, nil
}

// Start works jobs until Stop; of all servers, the elected leader also inserts the periodic ones.
func (j *Queue) Start(ctx context.Context) error { return j.river.Start(ctx) }

// Stop lets running jobs finish (until ctx ends) and stops working.
func (j *Queue) Stop(ctx context.Context) error { return j.river.Stop(ctx) }

// River is the client, for the jobs page (list, retry, cancel).
func (j *Queue) River() *river.Client[pgx.Tx] { return j.river }

// Mailing says whether e-mail leaves the portal (an SMTP server is configured) or stays in
// the outbox.
func (j *Queue) Mailing() bool { return j.cfg.Mail != nil }

// Changed is called in the transaction of a change to a company's services: it records the
// events the change names (granted, renewed, ...), what the change brought (states entered,
// purchases released or restored: record_events), and a job that tells them all.
func (j *Queue) Changed(ctx context.Context, q *db.Queries, today, now time.Time, companyID int64, events ...db.CreateServiceEventParams) error {
	for _, e := range events {
		e.Now, e.Today = now, today
		if _, err := q.CreateServiceEvent(ctx, e); err != nil {
			return fmt.Errorf("record %s: %w", e.Kind, err)
		}
	}
	if _, err := q.RecordEvents(ctx, db.RecordEventsParams{Today: today, Now: now, CompanyID: &companyID}); err != nil {
		return fmt.Errorf("record events: %w", err)
	}
	return j.Deliver(ctx, q)
}

// Deliver inserts, in q's transaction, a job that turns the events recorded so far into notices.
func (j *Queue) Deliver(ctx context.Context, q *db.Queries) error {
	return j.insertTx(ctx, q, deliverArgs{})
}

func (j *Queue) insertTx(ctx context.Context, q *db.Queries, args river.JobArgs) error {
	tx := q.Tx()
	if tx == nil {
		return errors.New("jobs: a job is inserted in the transaction of the change that causes it")
	}
	_, err := j.river.InsertTx(ctx, tx, args, nil)
	return err
}

// today is the portal's date now.
func (j *Queue) today() time.Time { return clock.Today(j.clock, j.cfg.Location) }
