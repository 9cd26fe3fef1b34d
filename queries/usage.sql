-- name: StoreUsageAnswers :exec
-- The outcome of reports just recorded and the exact answers sent for them, replayed byte for
-- byte for their keys. A term id of 0 and a used of -1 stand for none (no plan): sqlc's
-- arrays cannot hold NULLs.
UPDATE usage_reports u
SET term_id = a.term_id, accepted = a.code = 'accepted', code = a.code, state_after = a.state,
    used_after = a.used, response_status = a.status, response_body = a.body
FROM (SELECT unnest(sqlc.arg(ids)::bigint[]) AS id, nullif(unnest(sqlc.arg(term_ids)::bigint[]), 0) AS term_id,
             unnest(sqlc.arg(codes)::text[]) AS code, unnest(sqlc.arg(states)::text[])::service_state AS state,
             nullif(unnest(sqlc.arg(used)::bigint[]), -1) AS used,
             unnest(sqlc.arg(statuses)::integer[]) AS status, unnest(sqlc.arg(bodies)::bytea[]) AS body) AS a
WHERE u.id = a.id;

-- name: DeleteUsageReportsBefore :execrows
-- The retention sweep: reports (and with them their idempotency keys) older than cutoff.
DELETE FROM usage_reports WHERE created_at < sqlc.arg(cutoff);

-- name: DeleteDemoUsage :exec
-- The demo reset: a demo company's reports and test devices.
WITH reports AS (DELETE FROM usage_reports WHERE usage_reports.company_id = $1)
DELETE FROM devlab_devices WHERE devlab_devices.company_id = $1;
