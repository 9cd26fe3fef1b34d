-- name: ListCompanyQuotaWarnings :many
-- The quota warnings (80%, 100%, grace, exhausted) of a company's current terms at today, each
-- service's oldest first: My Services says them on the service's card.
SELECT w.service_id, w.kind, w.metric, w.recorded_at
FROM service_states(sqlc.arg(today)::date) ss
JOIN quota_warnings w ON w.term_id = ss.term_id
WHERE ss.company_id = sqlc.arg(company_id)::bigint
ORDER BY w.service_id, w.recorded_at, w.id;

-- name: ListQuotaWarningsForAccountManager :many
-- The quota warnings of the current terms of the companies an account manager looks after
-- (every company when manager_id is NULL: admins), newest first. For the account manager's home.
SELECT w.id, w.kind, w.metric, w.used, w.quota, w.recorded_at,
       c.id AS company_id, c.name AS company_name,
       s.id AS service_id, s.module, s.environment, m.name AS module_name
FROM quota_warnings w
JOIN services s ON s.id = w.service_id
JOIN partner_companies c ON c.id = s.company_id
JOIN modules m ON m.key = s.module
WHERE (sqlc.narg(manager_id)::bigint IS NULL OR c.account_manager_id = sqlc.narg(manager_id)::bigint)
  AND EXISTS (SELECT 1 FROM service_states(sqlc.arg(today)::date) ss
              WHERE ss.service_id = s.id AND ss.term_id = w.term_id)
ORDER BY w.recorded_at DESC, w.id DESC
LIMIT sqlc.arg(max_rows);
