package metering

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"partnerportal/db"
	"partnerportal/web/clock"
)

// ErrInFlight means another request with the same idempotency key was still being decided
// when the wait for it ran out; nothing was counted and the reporter may retry.
var ErrInFlight = errors.New("a report with the same idempotency key is still being processed")

// Reporter is who reports: a company's plans in one environment, through an API key or the
// DevLab console.
type Reporter struct {
	CompanyID   int64
	Environment db.Environment
	Source      db.UsageSource
	APIKeyID    *int64
}

// Meter records usage. Its zero ClaimTimeout means 5 seconds.
type Meter struct {
	Pool     *pgxpool.Pool
	Clock    clock.Clock
	Location *time.Location
	// ClaimTimeout is how long a report waits for a concurrent one with the same key.
	ClaimTimeout time.Duration
}

// Record counts or refuses reports in order, in one transaction, and returns one answer per
// report. A transaction that loses a deadlock (two batches over the same plans) is tried again.
func (m *Meter) Record(ctx context.Context, rep Reporter, reports []Report) ([]Answer, error) {
	var answers []Answer
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		err = db.Transact(ctx, m.Pool, func(q *db.Queries) error {
			answers, err = m.RecordTx(ctx, q, rep, reports)
			return err
		})
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) || (pgErr.Code != "40P01" && pgErr.Code != "40001") {
			break
		}
	}
	return answers, err
}

// input is a report as record_usage reads it.
type input struct {
	Idx        int        `json:"idx"`
	Key        string     `json:"key"`
	Hash       string     `json:"hash"`
	Module     string     `json:"module"`
	Metric     string     `json:"metric"`
	Quantity   int64      `json:"quantity"`
	OccurredAt *time.Time `json:"occurred_at,omitempty"`
}

// RecordTx is Record inside the caller's transaction q, for callers that change more in the
// same transaction (the DevLab console registers a device only if its report is accepted).
func (m *Meter) RecordTx(ctx context.Context, q *db.Queries, rep Reporter, reports []Report) ([]Answer, error) {
	answers := make([]Answer, len(reports))
	hashes := make([]string, len(reports))
	first := map[string]int{} // idempotency key → index of its first report in this batch
	sameAs := map[int]int{}
	var in []input
	for i, r := range reports {
		hashes[i] = r.hash(rep.Environment)
		if j, seen := first[r.IdempotencyKey]; seen {
			if hashes[j] == hashes[i] {
				sameAs[i] = j
			} else {
				answers[i] = keyReused()
			}
			continue
		}
		first[r.IdempotencyKey] = i
		in = append(in, input{Idx: i, Key: r.IdempotencyKey, Hash: hashes[i], Module: string(r.Module),
			Metric: string(r.Metric), Quantity: r.Quantity, OccurredAt: r.OccurredAt})
	}
	if len(in) > 0 {
		if err := m.record(ctx, q, rep, reports, hashes, in, answers); err != nil {
			return nil, err
		}
	}
	for i, j := range sameAs {
		answers[i] = answers[j]
		answers[i].Replayed = true
	}
	return answers, nil
}

func (m *Meter) record(ctx context.Context, q *db.Queries, rep Reporter, reports []Report, hashes []string, in []input, answers []Answer) error {
	payload, err := json.Marshal(in)
	if err != nil {
		return err
	}
	timeout := m.ClaimTimeout
	if timeout <= 0 {
		timeout = 5 * time.Second
	}
	rows, err := q.RecordUsage(ctx, db.RecordUsageParams{
		CompanyID: rep.CompanyID, Environment: rep.Environment,
		Today: clock.Today(m.Clock, m.Location), Now: m.Clock.Now(),
		Source: rep.Source, ApiKeyID: rep.APIKeyID,
		ClaimTimeout: fmt.Sprintf("%dms", timeout.Milliseconds()),
		Reports:      payload,
	})
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "55P03" {
		return ErrInFlight
	}
	if err != nil {
		return fmt.Errorf("record usage: %w", err)
	}
	var store db.StoreUsageAnswersParams
	for _, row := range rows {
		i := int(row.Idx)
		if row.Replayed {
			switch {
			case row.RequestHash != hashes[i]:
				answers[i] = keyReused()
			case row.ResponseBody == nil || row.ResponseStatus == nil:
				return ErrInFlight
			default:
				a := Answer{Status: int(*row.ResponseStatus), Body: row.ResponseBody, Replayed: true}
				if err := json.Unmarshal(a.Body, &a.Result); err != nil {
					return fmt.Errorf("stored answer of report %d: %w", row.ReportID, err)
				}
				answers[i] = a
			}
			continue
		}
		answers[i] = decided(reports[i], rep.Environment, row)
		store.Ids = append(store.Ids, row.ReportID)
		store.TermIds = append(store.TermIds, deref(row.TermID, 0))
		store.Codes = append(store.Codes, row.Code)
		store.States = append(store.States, string(deref(row.State, db.ServiceStateNone)))
		store.Used = append(store.Used, deref(row.Used, -1))
		store.Statuses = append(store.Statuses, int32(answers[i].Status))
		store.Bodies = append(store.Bodies, answers[i].Body)
	}
	if len(store.Ids) > 0 {
		if err := q.StoreUsageAnswers(ctx, store); err != nil {
			return fmt.Errorf("store usage answers: %w", err)
		}
	}
	return nil
}

// Sweep deletes reports older than Retention every interval until ctx ends: their
// idempotency keys have outlived any retry.
func Sweep(ctx context.Context, pool *pgxpool.Pool, clk clock.Clock, interval time.Duration, logErr func(error)) {
	q := db.New(pool)
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := q.DeleteUsageReportsBefore(ctx, clk.Now().Add(-Retention)); err != nil && ctx.Err() == nil {
				logErr(err)
			}
		}
	}
}

func deref[T any](p *T, none T) T {
	if p == nil {
		return none
	}
	return *p
}
