package db

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Batch sends several generated queries in one round trip, so a page that shows several lists
// reads each with a plain query of typed rows and still pays for one trip (page budgets count
// a batch once; a transaction would add BEGIN and COMMIT to a trip per query).
//
// Each queued query runs through its generated method twice: first against a recorder that
// keeps its SQL and arguments for the batch, then, once the batch is sent, against that query's
// result, which the generated code scans as it would any other (sqlc.embed included). A Batch
// is sent once.
type Batch struct {
	batch pgx.Batch
	reads []batchRead
	err   error
}

type batchRead struct {
	sql  string
	read func(context.Context, *Queries) error
}

// Queue adds query(ctx, arg) to b, a generated method given as a method expression
// ((*Queries).ListX); Send stores its rows in dst.
func Queue[A, T any](b *Batch, dst *T, query func(*Queries, context.Context, A) (T, error), arg A) {
	queue(b, dst, func(ctx context.Context, q *Queries) (T, error) { return query(q, ctx, arg) })
}

// QueueNoArg is Queue for a generated method without arguments.
func QueueNoArg[T any](b *Batch, dst *T, query func(*Queries, context.Context) (T, error)) {
	queue(b, dst, func(ctx context.Context, q *Queries) (T, error) { return query(q, ctx) })
}

func queue[T any](b *Batch, dst *T, call func(context.Context, *Queries) (T, error)) {
	rec := &recorder{}
	_, err := call(context.Background(), New(rec))
	if rec.calls != 1 || !errors.Is(err, errRecorded) {
		if b.err == nil {
			b.err = fmt.Errorf("db.Batch: a queued call must run exactly one query, this one ran %d (%v)", rec.calls, err)
		}
		return
	}
	b.batch.Queue(rec.sql, rec.args...)
	b.reads = append(b.reads, batchRead{sql: rec.sql, read: func(ctx context.Context, q *Queries) error {
		v, err := call(ctx, q)
		if err != nil {
			return err
		}
		*dst = v
		return nil
	}})
}

// Send runs the queued queries in one round trip on db (a pool, a connection or a
// transaction) and fills their destinations. It returns the first query's error, as the
// generated method would have (pgx.ErrNoRows for a :one without a row).
func (b *Batch) Send(ctx context.Context, db Batcher) error {
	if b.err != nil {
		return b.err
	}
	res := db.SendBatch(ctx, &b.batch)
	for _, r := range b.reads {
		if err := r.read(ctx, New(batchResult{res: res, sql: r.sql})); err != nil {
			_ = res.Close()
			return err
		}
	}
	return res.Close()
}

// errRecorded stops a generated method once the recorder has its query.
var errRecorded = errors.New("db.Batch: query recorded")

// recorder is a DBTX that runs nothing: it keeps the query a generated method sends.
type recorder struct {
	sql   string
	args  []any
	calls int
}

func (r *recorder) note(sql string, args []any) {
	r.sql, r.args = sql, args
	r.calls++
}

func (r *recorder) Exec(_ context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	r.note(sql, args)
	return pgconn.CommandTag{}, errRecorded
}

func (r *recorder) Query(_ context.Context, sql string, args ...any) (pgx.Rows, error) {
	r.note(sql, args)
	return nil, errRecorded
}

func (r *recorder) QueryRow(_ context.Context, sql string, args ...any) pgx.Row {
	r.note(sql, args)
	return errorRow{errRecorded}
}

type errorRow struct{ err error }

func (r errorRow) Scan(...any) error { return r.err }

// batchResult is a DBTX that answers a generated method with the next result of a sent batch.
// The method must send the query it was queued with: a result read for another query would be
// scanned into the wrong row.
type batchResult struct {
	res pgx.BatchResults
	sql string
}

func (b batchResult) check(sql string) error {
	if sql != b.sql {
		return errors.New("db.Batch: a queued call ran another query when its result was read")
	}
	return nil
}

func (b batchResult) Exec(_ context.Context, sql string, _ ...any) (pgconn.CommandTag, error) {
	if err := b.check(sql); err != nil {
		return pgconn.CommandTag{}, err
	}
	return b.res.Exec()
}

func (b batchResult) Query(_ context.Context, sql string, _ ...any) (pgx.Rows, error) {
	if err := b.check(sql); err != nil {
		return nil, err
	}
	return b.res.Query()
}

func (b batchResult) QueryRow(_ context.Context, sql string, _ ...any) pgx.Row {
	if err := b.check(sql); err != nil {
		return errorRow{err}
	}
	return b.res.QueryRow()
}
