package jobs

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river/rivertype"
)

// Newest lists the newest jobs of each of states, at most perState of each, in one query: the
// jobs page would otherwise ask River once per state. The rows are River's own type, read from
// its table by the columns the page shows.
func (q *Queue) Newest(ctx context.Context, states []rivertype.JobState, perState int) ([]*rivertype.JobRow, error) {
	names := make([]string, len(states))
	for i, s := range states {
		names[i] = string(s)
	}
	rows, err := q.pool.Query(ctx, `SELECT j.id, j.state::text, j.kind, j.args, j.attempt, j.max_attempts,
			j.created_at, j.scheduled_at, coalesce(j.errors, '{}')
		FROM unnest($1::text[]) WITH ORDINALITY AS s(state, n)
		CROSS JOIN LATERAL (SELECT * FROM river_job r WHERE r.state = s.state::river_job_state
		                    ORDER BY r.id DESC LIMIT $2) j
		ORDER BY s.n, j.id DESC`, names, perState)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (*rivertype.JobRow, error) {
		var j rivertype.JobRow
		var state string
		var errs [][]byte
		if err := row.Scan(&j.ID, &state, &j.Kind, &j.EncodedArgs, &j.Attempt, &j.MaxAttempts,
			&j.CreatedAt, &j.ScheduledAt, &errs); err != nil {
			return nil, err
		}
		j.State = rivertype.JobState(state)
		for _, e := range errs {
			var ae rivertype.AttemptError
			if err := json.Unmarshal(e, &ae); err != nil {
				return nil, fmt.Errorf("job %d: its errors: %w", j.ID, err)
			}
			j.Errors = append(j.Errors, ae)
		}
		return &j, nil
	})
}
