package usagehistory_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"partnerportal/web/usagehistory"
	"partnerportal/web/webtest"
)

// TestFoldsAtOnceCountEachReportOnce: several folds running at the same moment (two instances'
// periodic jobs, say) take turns on the mark, so the daily history ends up holding every
// accepted report exactly once, however the folds interleave, and refused reports never.
func TestFoldsAtOnceCountEachReportOnce(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ctx := context.Background()
	// Company A's sandbox software plan: reports on two days, every fourth one refused
	addReports := func(from, n int) {
		env.Exec(t, `INSERT INTO usage_reports (company_id, idempotency_key, request_hash, environment, module, metric,
				quantity, source, term_id, accepted, code, created_at)
			SELECT s.company_id, 'fold-' || i, 'h', s.environment, s.module, 'messages', i % 7 + 1, 'api', ss.term_id,
			       i % 4 <> 0, CASE WHEN i % 4 <> 0 THEN 'accepted' ELSE 'would_exceed_allowance' END,
			       $3::timestamptz - interval '2 minutes' - (i % 2) * interval '1 day'
			FROM generate_series($1::int, $2::int) i
			CROSS JOIN services s
			JOIN service_states($4::date) ss ON ss.service_id = s.id
			WHERE s.company_id = (SELECT id FROM partner_companies WHERE name = 'Company A')
			  AND s.module = 'software' AND s.environment = 'sandbox'`, from, from+n-1, env.Clock.Now(), webtest.Start)
	}
	foldAtOnce := func(folds int) {
		var wg sync.WaitGroup
		errs := make(chan error, folds)
		for range folds {
			wg.Go(func() {
				if _, err := usagehistory.Fold(ctx, env.Pool, env.Clock.Now(), time.UTC); err != nil {
					errs <- err
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatalf("a fold failed: %v", err)
		}
	}
	// the demo's history was written without reports: count from what is there after a
	// first fold, and expect exactly this test's accepted reports on top of it
	history := func() (quantity, reports, mark, last int64) {
		t.Helper()
		if err := env.Pool.QueryRow(ctx, `SELECT (SELECT coalesce(sum(quantity), 0) FROM usage_daily),
				(SELECT coalesce(sum(reports), 0) FROM usage_daily), (SELECT last_report_id FROM usage_fold_mark),
				(SELECT coalesce(max(id), 0) FROM usage_reports)`).Scan(&quantity, &reports, &mark, &last); err != nil {
			t.Fatal(err)
		}
		return
	}
	foldAtOnce(1)
	baseQuantity, baseReports, _, _ := history()
	check := func(when string) {
		t.Helper()
		var want, wantReports int64
		if err := env.Pool.QueryRow(ctx, `SELECT coalesce(sum(quantity), 0), count(*) FROM usage_reports
				WHERE idempotency_key LIKE 'fold-%' AND accepted`).Scan(&want, &wantReports); err != nil {
			t.Fatal(err)
		}
		got, gotReports, mark, last := history()
		if got-baseQuantity != want || gotReports-baseReports != wantReports {
			t.Errorf("%s: the history gained %d messages from %d reports, want %d from %d", when,
				got-baseQuantity, gotReports-baseReports, want, wantReports)
		}
		if mark != last {
			t.Errorf("%s: the fold mark is at report %d, want the last, %d", when, mark, last)
		}
	}

	addReports(1, 400)
	foldAtOnce(8)
	check("after eight folds at once")

	// more reports, folded again by folds at once, some of which find nothing new
	addReports(401, 250)
	foldAtOnce(6)
	check("after a second round")
}
