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
