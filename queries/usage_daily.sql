-- The daily history of accepted usage (migration 00030), folded from usage_reports by a
-- periodic job and read by the usage charts.

-- name: LockUsageFoldMark :one
-- Where the last fold stopped, locked until this fold commits: folds take turns.
SELECT last_report_id FROM usage_fold_mark FOR UPDATE;

-- name: FoldUsageReports :one
-- Adds the accepted reports after the mark to their term's day and returns the new mark. Only
-- reports older than settled_before are read, and never past the first younger one, so a
-- report still being decided (its transaction not yet committed) is never skipped over.
WITH bound AS (
    SELECT coalesce(
        (SELECT min(u.id) - 1 FROM usage_reports u
         WHERE u.id > sqlc.arg(after)::bigint AND u.created_at >= sqlc.arg(settled_before)::timestamptz),
        (SELECT max(u.id) FROM usage_reports u WHERE u.id > sqlc.arg(after)::bigint),
        sqlc.arg(after)::bigint) AS upto
), folded AS (
    INSERT INTO usage_daily (term_id, service_id, metric, day, quantity, reports)
    SELECT t.id, t.service_id, u.metric, (u.created_at AT TIME ZONE sqlc.arg(zone)::text)::date, sum(u.quantity), count(*)
    FROM usage_reports u
    JOIN service_terms t ON t.id = u.term_id
    CROSS JOIN bound
    WHERE u.id > sqlc.arg(after)::bigint AND u.id <= bound.upto AND u.accepted
    GROUP BY t.id, t.service_id, u.metric, 4
    ON CONFLICT (term_id, metric, day) DO UPDATE
    SET quantity = usage_daily.quantity + excluded.quantity, reports = usage_daily.reports + excluded.reports
    RETURNING 1
)
SELECT bound.upto::bigint AS upto, (SELECT count(*) FROM folded)::bigint AS days FROM bound;

-- name: SetUsageFoldMark :exec
UPDATE usage_fold_mark SET last_report_id = sqlc.arg(last_report_id);

-- name: GetPlanForHistory :one
-- A plan of a company with its current term as service_states gives it; no row when the
-- service is not the company's or counts nothing.
SELECT s.id, s.module, m.name AS module_name, s.environment, ss.state::service_state AS state,
       ss.term_id, ss.valid_from, ss.valid_until, ss.grace_days, ss.expired_from,
       ss.message_quota, ss.message_allowance, ss.messages_used,
       ss.device_quota, ss.device_allowance, ss.devices_used
FROM services s
JOIN modules m ON m.key = s.module
JOIN service_states(sqlc.arg(today)::date) ss ON ss.service_id = s.id
WHERE s.id = sqlc.arg(service_id) AND s.company_id = sqlc.arg(company_id) AND m.metered;

-- name: ListUsageDaily :many
-- A plan's days of one metric from first to last, with the term each belongs to and the
-- term's first day.
SELECT d.term_id, t.valid_from, d.day, d.quantity
FROM usage_daily d
JOIN service_terms t ON t.id = d.term_id
WHERE d.service_id = sqlc.arg(service_id) AND d.metric = sqlc.arg(metric)
  AND d.day BETWEEN sqlc.arg(first)::date AND sqlc.arg(last)::date
ORDER BY d.day;

-- name: SumUsageBefore :many
-- What each term of a plan counted before a day: where a range that starts mid-term begins
-- its cumulative line.
SELECT d.term_id, sum(d.quantity)::bigint AS total
FROM usage_daily d
WHERE d.service_id = sqlc.arg(service_id) AND d.metric = sqlc.arg(metric) AND d.day < sqlc.arg(first)::date
GROUP BY d.term_id;

-- name: ListCompanyTimeline :many
-- Every term of a company's services with its figures, for the term timeline.
SELECT s.id AS service_id, m.name AS module_name, s.environment, s.status, m.position,
       t.id AS term_id, t.valid_from, t.valid_until, t.created_at, f.grace_days
FROM services s
JOIN modules m ON m.key = s.module
JOIN service_terms t ON t.service_id = s.id
JOIN service_term_figures f ON f.term_id = t.id
WHERE s.company_id = sqlc.arg(company_id)
ORDER BY m.position, s.environment, t.valid_from;

-- name: ListCompanyDeactivations :many
-- When each of a company's inactive services was last set inactive, for the timeline's marks.
SELECT e.service_id, max(e.recorded_at)::timestamptz AS deactivated_at
FROM service_events e
JOIN services s ON s.id = e.service_id
WHERE e.company_id = sqlc.arg(company_id) AND e.kind = 'deactivated' AND s.status = 'inactive'
GROUP BY e.service_id;
