package db

import (
	"context"
	"time"
)

// sqlc cannot see the columns of a PL/pgSQL function's RETURNS TABLE, so this one call is
// written by hand; its SQL names every column so a change to the function fails loudly here.
const recordUsage = `-- name: RecordUsage :many
SELECT idx, report_id, replayed, request_hash, response_status, response_body
FROM record_usage($1::bigint, $2::environment, $3::date, $4::timestamptz, $5::usage_source,
                  $6::bigint, $7::text, $8::jsonb)`

// RecordUsageParams are the arguments of record_usage (migration 00022).
type RecordUsageParams struct {
	CompanyID   int64
	Environment Environment
	Today       time.Time
	Now         time.Time
	Source      UsageSource
	ApiKeyID    *int64
	// ClaimTimeout is how long a report waits for another transaction deciding the same
	// idempotency key (a PostgreSQL interval such as "5000ms").
	ClaimTimeout string
	// Reports is a JSON array of {idx, key, hash, module, metric, quantity, occurred_at}, each
	// key once.
	Reports []byte
}

// RecordUsageRow is the answer to one report: counted, refused or replayed.
type RecordUsageRow struct {
	Idx      int32
	ReportID int64
	// Replayed reports came back with the stored request hash and answer, counting nothing.
	Replayed    bool
	RequestHash string
	// ResponseStatus and ResponseBody are the answer: the HTTP status and the JSON bytes.
	ResponseStatus *int32
	ResponseBody   []byte
}

// RecordUsage counts or refuses a batch of reports in order and stores each answer under its
// idempotency key, in one statement.
func (q *Queries) RecordUsage(ctx context.Context, arg RecordUsageParams) ([]RecordUsageRow, error) {
	rows, err := q.db.Query(ctx, recordUsage, arg.CompanyID, arg.Environment, arg.Today, arg.Now,
		arg.Source, arg.ApiKeyID, arg.ClaimTimeout, arg.Reports)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var items []RecordUsageRow
	for rows.Next() {
		var i RecordUsageRow
		if err := rows.Scan(&i.Idx, &i.ReportID, &i.Replayed, &i.RequestHash, &i.ResponseStatus, &i.ResponseBody); err != nil {
			return nil, err
		}
		items = append(items, i)
	}
	return items, rows.Err()
}
