-- name: DeleteUsageReportsBefore :execrows
-- The retention sweep: reports (and with them their idempotency keys) older than cutoff.
DELETE FROM usage_reports WHERE created_at < sqlc.arg(cutoff);

-- name: DeleteDemoUsage :exec
-- The demo reset: a demo company's reports and test devices.
WITH reports AS (DELETE FROM usage_reports WHERE usage_reports.company_id = $1)
DELETE FROM devlab_devices WHERE devlab_devices.company_id = $1;
