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

// ErrKeyRevoked means the reporter's API key was revoked; nothing was recorded.
var ErrKeyRevoked = errors.New("the API key is revoked")

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
	// Observe, when set, is told each answer's code (the metrics count them).
	Observe func(code string, replayed bool)
}

// Record counts or refuses reports in order, in one statement (one transaction), and returns
// one answer per report. A transaction that loses a deadlock (two batches over the same plans)
// is tried again.
func (m *Meter) Record(ctx context.Context, rep Reporter, reports []Report) ([]Answer, error) {
	var answers []Answer
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		answers, err = m.RecordTx(ctx, db.New(m.Pool), rep, reports)
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) || (pgErr.Code != "40P01" && pgErr.Code != "40001") {
			break
		}
	}
	return answers, err
}

// RecordTx is Record with q, which may be the caller's transaction: the DevLab console
// registers a device only if its report is accepted, in the same transaction.
func (m *Meter) RecordTx(ctx context.Context, q *db.Queries, rep Reporter, reports []Report) ([]Answer, error) {
	b := m.prepare(rep, reports)
	if b.params == nil {
		return b.answers, nil
	}
	rows, err := q.RecordUsage(ctx, *b.params)
	if err != nil {
		return nil, dbError(err)
	}
	if err := b.finish(rows); err != nil {
		return nil, err
	}
	if m.Observe != nil {
		for _, a := range b.answers {
			var r struct {
				Code string `json:"code"`
			}
			_ = json.Unmarshal(a.Body, &r) // every answer is a Result or a Problem, both with a code
			m.Observe(r.Code, a.Replayed)
		}
	}
	return b.answers, nil
}

func dbError(err error) error {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "55P03" { // lock_not_available: the claim's wait ran out
		return ErrInFlight
	}
	if errors.As(err, &pgErr) && pgErr.Code == "UA401" {
		return ErrKeyRevoked
	}
	if errors.Is(err, ErrInFlight) {
		return err
	}
	return fmt.Errorf("record usage: %w", err)
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

// batch is one call's reports on their way through the database.
type batch struct {
	rep     Reporter
	reports []Report
	hashes  []string
	answers []Answer
	sameAs  map[int]int // a report repeating an earlier key of the batch → that report
	// params is record_usage's call, nil when no report needs the database.
	params *db.RecordUsageParams
}

// prepare answers what needs no database (a key repeated within the batch) and builds the
// call for the rest.
func (m *Meter) prepare(rep Reporter, reports []Report) *batch {
	b := &batch{rep: rep, reports: reports, hashes: make([]string, len(reports)),
		answers: make([]Answer, len(reports)), sameAs: map[int]int{}}
	first := map[string]int{}
	var in []input
	for i, r := range reports {
		b.hashes[i] = r.hash(rep.Environment)
		if j, seen := first[r.IdempotencyKey]; seen {
			if b.hashes[j] == b.hashes[i] {
				b.sameAs[i] = j
			} else {
				b.answers[i] = keyReused()
			}
			continue
		}
		first[r.IdempotencyKey] = i
		in = append(in, input{Idx: i, Key: r.IdempotencyKey, Hash: b.hashes[i], Module: string(r.Module),
			Metric: string(r.Metric), Quantity: r.Quantity, OccurredAt: r.OccurredAt})
	}
	if len(in) == 0 {
		return b
	}
	payload, err := json.Marshal(in)
	if err != nil {
		panic(err) // strings, numbers and times always marshal
	}
	timeout := m.ClaimTimeout
	if timeout <= 0 {
		timeout = 5 * time.Second
	}
	b.params = &db.RecordUsageParams{
		CompanyID: rep.CompanyID, Environment: rep.Environment,
		Today: clock.Today(m.Clock, m.Location), Now: m.Clock.Now(),
		Source: rep.Source, ApiKeyID: rep.APIKeyID,
		ClaimTimeout: fmt.Sprintf("%dms", timeout.Milliseconds()),
		Reports:      payload,
	}
	return b
}

// finish turns record_usage's rows into answers: the stored answer of a replay whose report
// is the same, the answer just decided otherwise.
func (b *batch) finish(rows []db.RecordUsageRow) error {
	for _, row := range rows {
		i := int(row.Idx)
		switch {
		case row.Replayed && row.RequestHash != b.hashes[i]:
			b.answers[i] = keyReused()
			continue
		case row.ResponseBody == nil || row.ResponseStatus == nil:
			return ErrInFlight
		}
		b.answers[i] = Answer{Status: int(*row.ResponseStatus), Body: row.ResponseBody, Replayed: row.Replayed}
	}
	for i, j := range b.sameAs {
		b.answers[i] = b.answers[j]
		b.answers[i].Replayed = true
	}
	return nil
}

// DeleteExpired deletes the reports older than Retention: their idempotency keys have
// outlived any retry. portal serve runs it every hour.
func DeleteExpired(ctx context.Context, pool *pgxpool.Pool, clk clock.Clock) (int64, error) {
	return db.New(pool).DeleteUsageReportsBefore(ctx, clk.Now().Add(-Retention))
}
