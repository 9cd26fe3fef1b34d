-- name: StoreUsageAnswers :exec
-- The exact answers sent for reports just recorded, replayed byte for byte for their keys.
UPDATE usage_reports u
SET response_status = a.status, response_body = a.body
FROM (SELECT unnest(sqlc.arg(ids)::bigint[]) AS id, unnest(sqlc.arg(statuses)::integer[]) AS status,
             unnest(sqlc.arg(bodies)::bytea[]) AS body) AS a
WHERE u.id = a.id;

-- name: DeleteUsageReportsBefore :execrows
-- The retention sweep: reports (and with them their idempotency keys) older than cutoff.
DELETE FROM usage_reports WHERE created_at < sqlc.arg(cutoff);

-- name: DeleteDemoUsage :exec
-- The demo reset: a demo company's reports and test devices.
WITH reports AS (DELETE FROM usage_reports WHERE usage_reports.company_id = $1)
DELETE FROM devlab_devices WHERE devlab_devices.company_id = $1;
