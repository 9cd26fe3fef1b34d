-- The staff home: the companies the viewer may see (optionally only those of one account
-- manager) and the lists that need attention, each already in order of urgency. States and
-- figures come from service_states at today. Every query takes the same scope, viewer_id and
-- manager_id; the page sends them in one batch.

-- name: ListDashboardCompanies :many
-- One page of the companies in scope with their services counted by state, those with read-only
-- services first, then those with services in grace; total is the number of companies in scope.
SELECT c.id, c.name, coalesce(am.name, '')::text AS manager,
       count(ss.service_id) FILTER (WHERE ss.state = 'active') AS active,
       count(ss.service_id) FILTER (WHERE ss.state = 'grace') AS grace,
       count(ss.service_id) FILTER (WHERE state_read_only(ss.state)) AS read_only,
       count(ss.service_id) FILTER (WHERE ss.state = 'inactive') AS inactive,
       count(ss.service_id) FILTER (WHERE ss.state = 'scheduled') AS scheduled,
       count(*) OVER ()::integer AS total
-- the companies in scope first, then the states of each by its own index: one plan serves
-- an account manager of 2 companies and an admin of 2,000
FROM (SELECT c.* FROM partner_companies c
      WHERE c.id IN (SELECT sc.company_id FROM staff_companies(sqlc.arg(viewer_id)::bigint) sc)
        AND (sqlc.narg(manager_id)::bigint IS NULL OR c.account_manager_id = sqlc.narg(manager_id)::bigint)
      OFFSET 0) c
LEFT JOIN users am ON am.id = c.account_manager_id
LEFT JOIN LATERAL (SELECT * FROM service_states(sqlc.arg(today)::date) s2 WHERE s2.company_id = c.id OFFSET 0) ss ON true
GROUP BY c.id, c.name, am.name
ORDER BY read_only DESC, grace DESC, lower(c.name), c.id
LIMIT sqlc.arg(max_rows) OFFSET sqlc.arg(skip);

-- name: ListDashboardRequests :many
-- Open renewal requests in scope, oldest first, at most max_rows of them (total: all of them).
SELECT r.id, r.created_at, r.term_months, c.id AS company_id, c.name AS company_name,
       s.id AS service_id, m.name AS module_name, s.environment, u.name AS requested_by,
       count(*) OVER ()::integer AS total
FROM renewal_requests r
JOIN services s ON s.id = r.service_id
JOIN partner_companies c ON c.id = s.company_id
JOIN modules m ON m.key = s.module
JOIN users u ON u.id = r.requested_by
WHERE r.status = 'open'
  AND c.id IN (SELECT sc.company_id FROM staff_companies(sqlc.arg(viewer_id)::bigint) sc)
  AND (sqlc.narg(manager_id)::bigint IS NULL OR c.account_manager_id = sqlc.narg(manager_id)::bigint)
ORDER BY r.created_at, r.id
LIMIT sqlc.arg(max_rows);

-- name: ListDashboardAttention :many
-- Services in grace or read-only, the least usable first (usability): the read-only ones (the
-- partner is blocked), used-up quotas then expiries, the most recent first; then grace with the
-- fewest days of time grace left (grace_days_left, 0 for a plan in grace because of its quota,
-- whose messages_left_allowance and devices_left_allowance say what is left instead).
SELECT c.id AS company_id, c.name AS company_name, ss.service_id::bigint AS service_id,
       m.name AS module_name, ss.environment, ss.state::service_state AS state,
       ss.valid_until, ss.expired_from, ss.grace_days_left::integer AS grace_days_left,
       ss.messages_left, ss.messages_left_allowance, ss.devices_left, ss.devices_left_allowance,
       count(*) OVER ()::integer AS total
-- the companies in scope first, then the states of each by its own index: one plan serves
-- an account manager of 2 companies and an admin of 2,000
FROM (SELECT c.* FROM partner_companies c
      WHERE c.id IN (SELECT sc.company_id FROM staff_companies(sqlc.arg(viewer_id)::bigint) sc)
        AND (sqlc.narg(manager_id)::bigint IS NULL OR c.account_manager_id = sqlc.narg(manager_id)::bigint)
      OFFSET 0) c
CROSS JOIN LATERAL (SELECT * FROM service_states(sqlc.arg(today)::date) s2 WHERE s2.company_id = c.id OFFSET 0) ss
JOIN modules m ON m.key = ss.module
WHERE (ss.state = 'grace' OR state_read_only(ss.state))
ORDER BY ss.usability DESC, ss.read_only_since DESC NULLS FIRST, ss.grace_days_left,
         lower(c.name), m.name, ss.environment
LIMIT sqlc.arg(max_rows);

-- name: ListDashboardExpiring :many
-- Current terms ending within 30 days that are not renewed yet and that the partner still sees
-- (an inactive service is off already), soonest first.
SELECT c.id AS company_id, c.name AS company_name, ss.service_id::bigint AS service_id,
       m.name AS module_name, ss.environment, ss.state::service_state AS state,
       ss.valid_until::date AS valid_until,
       count(*) OVER ()::integer AS total
-- the companies in scope first, then the states of each by its own index: one plan serves
-- an account manager of 2 companies and an admin of 2,000
FROM (SELECT c.* FROM partner_companies c
      WHERE c.id IN (SELECT sc.company_id FROM staff_companies(sqlc.arg(viewer_id)::bigint) sc)
        AND (sqlc.narg(manager_id)::bigint IS NULL OR c.account_manager_id = sqlc.narg(manager_id)::bigint)
      OFFSET 0) c
CROSS JOIN LATERAL (SELECT * FROM service_states(sqlc.arg(today)::date) s2 WHERE s2.company_id = c.id OFFSET 0) ss
JOIN modules m ON m.key = ss.module
WHERE ss.valid_until BETWEEN sqlc.arg(today)::date AND sqlc.arg(today)::date + 30
  AND state_can_view(ss.state)
  AND NOT EXISTS (SELECT 1 FROM service_terms n WHERE n.service_id = ss.service_id AND n.valid_from > ss.valid_from)
ORDER BY ss.valid_until, lower(c.name), m.name, ss.environment
LIMIT sqlc.arg(max_rows);

-- name: ListDashboardQuotas :many
-- Metered dimensions at 80% of their quota or more (quota_nearly_used), fullest first (messages before devices); unit is
-- "messages" or "devices".
SELECT c.id AS company_id, c.name AS company_name, ss.service_id::bigint AS service_id,
       m.name AS module_name, ss.environment, ss.state::service_state AS state,
       d.unit::text AS unit, d.used::bigint AS used, d.quota::bigint AS quota,
       count(*) OVER ()::integer AS total
-- the companies in scope first, then the states of each by its own index: one plan serves
-- an account manager of 2 companies and an admin of 2,000
FROM (SELECT c.* FROM partner_companies c
      WHERE c.id IN (SELECT sc.company_id FROM staff_companies(sqlc.arg(viewer_id)::bigint) sc)
        AND (sqlc.narg(manager_id)::bigint IS NULL OR c.account_manager_id = sqlc.narg(manager_id)::bigint)
      OFFSET 0) c
CROSS JOIN LATERAL (SELECT * FROM service_states(sqlc.arg(today)::date) s2 WHERE s2.company_id = c.id OFFSET 0) ss
JOIN modules m ON m.key = ss.module
CROSS JOIN LATERAL (VALUES ('messages', ss.messages_used, ss.message_quota::bigint),
                           ('devices', ss.devices_used::bigint, ss.device_quota::bigint)) d (unit, used, quota)
WHERE d.quota IS NOT NULL AND quota_nearly_used(d.used, d.quota)
ORDER BY d.used * 100 / d.quota DESC, lower(c.name), m.name, ss.environment, unit DESC
LIMIT sqlc.arg(max_rows);
