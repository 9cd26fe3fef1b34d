// Package usagehistory is the daily history of a plan's accepted usage: the fold that writes
// it from the usage reports, and the chart, table and CSV that partner and staff pages share.
package usagehistory

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"partnerportal/db"
)

// Settle is how old a report must be before it is folded. A report's id is taken when its
// transaction starts and becomes visible when it commits; waiting this long means no
// transaction with a smaller id is still open when the fold moves its mark past it.
const Settle = time.Minute

// Fold adds the accepted usage reports made since the last fold (and at least Settle before
// now) to usage_daily, by day in loc, and moves the mark past them, in one transaction with
// the mark locked: folds running at once take turns and count each report once. It returns
// how many (term, metric, day) rows it wrote.
func Fold(ctx context.Context, pool *pgxpool.Pool, now time.Time, loc *time.Location) (int64, error) {
	var written int64
	err := db.Transact(ctx, pool, func(q *db.Queries) error {
		after, err := q.LockUsageFoldMark(ctx)
		if err != nil {
			return err
		}
		r, err := q.FoldUsageReports(ctx, db.FoldUsageReportsParams{After: after, SettledBefore: now.Add(-Settle), Zone: loc.String()})
		if err != nil {
			return err
		}
		written = r.Days
		if r.Upto == after {
			return nil
		}
		return q.SetUsageFoldMark(ctx, r.Upto)
	})
	return written, err
}
