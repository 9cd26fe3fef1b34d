package db

import (
	"context"
	"time"
)

// sqlc cannot see the columns of a PL/pgSQL function's RETURNS TABLE, so this one call is
// written by hand; its SQL names every column so a change to the function fails loudly here.
const recordUsage = `-- name: RecordUsage :many
SELECT idx, report_id, term_id, replayed, request_hash, response_status, response_body,
       code, state, valid_until, used, quota, allowance, remaining_quota, remaining_allowance
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
	// idempotency key (a PostgreSQL interval such as "5s").
	ClaimTimeout string
	// Reports is a JSON array of {idx, key, hash, module, metric, quantity, occurred_at}.
	Reports []byte
}

// RecordUsageRow is the answer to one report: counted, refused or replayed.
type RecordUsageRow struct {
	Idx      int32
	ReportID int64
	TermID   *int64
	// Replayed reports came back with the stored request hash and answer, counting nothing.
	Replayed           bool
	RequestHash        string
	ResponseStatus     *int32
	ResponseBody       []byte
	Code               string
	State              *ServiceState
	ValidUntil         *time.Time
	Used               *int64
	Quota              *int32
	Allowance          *int64
	RemainingQuota     *int64
	RemainingAllowance *int64
}

// RecordUsage counts or refuses a batch of reports in order: call it inside a transaction and
// store the answers with StoreUsageAnswers before committing.
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
		if err := rows.Scan(&i.Idx, &i.ReportID, &i.TermID, &i.Replayed, &i.RequestHash, &i.ResponseStatus,
			&i.ResponseBody, &i.Code, &i.State, &i.ValidUntil, &i.Used, &i.Quota, &i.Allowance,
			&i.RemainingQuota, &i.RemainingAllowance); err != nil {
			return nil, err
		}
		items = append(items, i)
	}
	return items, rows.Err()
}
