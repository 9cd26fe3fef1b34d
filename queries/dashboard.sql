-- name: GetStaffDashboard :one
-- The staff home in one round trip: the companies the viewer may see (optionally only those of
-- one account manager) with their services counted by state, and the lists that need
-- attention, each already in order of urgency. States and figures come from service_states at
-- today.
-- expiring: current terms ending within 30 days that are not renewed yet and that the partner
-- still sees (an inactive service is off already), soonest first.
-- attention: grace, expired and exhausted services, the least usable first (usability): the
-- read-only ones (the partner is blocked), used-up quotas then expiries, the most recent
-- first; then grace with the fewest days of time-based grace left (grace_days_left, 0 for a
-- plan in grace because of its quota).
-- quotas: metered dimensions at 80% of their quota or more (quota_nearly_used), fullest first.
-- requests: open renewal requests, oldest first.
-- managers: the account managers an admin can filter by.
WITH visible AS (
    SELECT c.id, c.name, coalesce(am.name, '') AS manager
    FROM partner_companies c
    LEFT JOIN users am ON am.id = c.account_manager_id
    WHERE staff_can_see(c.id, sqlc.arg(viewer_id)::bigint)
      AND (sqlc.narg(manager_id)::bigint IS NULL OR c.account_manager_id = sqlc.narg(manager_id)::bigint)
), svc AS (
    SELECT v.id AS company_id, v.name AS company_name, ss.service_id, ss.module, m.name AS module_name,
           ss.environment, ss.state, ss.usability, ss.valid_until, ss.expired_from, ss.read_only_since,
           ss.message_quota, ss.messages_used, ss.device_quota, ss.devices_used, ss.grace_days_left,
           EXISTS (SELECT 1 FROM service_terms n WHERE n.service_id = ss.service_id AND n.valid_from > ss.valid_from) AS renewed
    FROM visible v
    JOIN service_states(sqlc.arg(today)::date) ss ON ss.company_id = v.id
    JOIN modules m ON m.key = ss.module
)
SELECT
    (SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.readonly DESC, x.grace DESC, lower(x.name)), '[]') FROM (
        SELECT v.id, v.name, v.manager,
               count(svc.service_id) FILTER (WHERE svc.state = 'active') AS active,
               count(svc.service_id) FILTER (WHERE svc.state = 'grace') AS grace,
               count(svc.service_id) FILTER (WHERE state_read_only(svc.state)) AS readonly,
               count(svc.service_id) FILTER (WHERE svc.state = 'inactive') AS inactive,
               count(svc.service_id) FILTER (WHERE svc.state = 'scheduled') AS scheduled
        FROM visible v LEFT JOIN svc ON svc.company_id = v.id
        GROUP BY v.id, v.name, v.manager) x)::jsonb AS companies,
    (SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.valid_until, lower(x.company_name), x.module_name), '[]') FROM (
        SELECT company_id, company_name, service_id, module_name, environment, state, valid_until
        FROM svc
        WHERE valid_until BETWEEN sqlc.arg(today)::date AND sqlc.arg(today)::date + 30
          AND state_can_view(state) AND NOT renewed) x)::jsonb AS expiring,
    (SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.usability DESC, x.read_only_since DESC NULLS FIRST, x.grace_days_left, lower(x.company_name), x.module_name), '[]') FROM (
        SELECT company_id, company_name, service_id, module_name, environment, state, usability, valid_until,
               expired_from, read_only_since, grace_days_left
        FROM svc WHERE state = 'grace' OR state_read_only(state)) x)::jsonb AS attention,
    (SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.used * 100 / x.quota DESC, lower(x.company_name), x.module_name), '[]') FROM (
        SELECT svc.company_id, svc.company_name, svc.service_id, svc.module_name, svc.environment, svc.state,
               d.unit, d.used, d.quota
        FROM svc
        CROSS JOIN LATERAL (VALUES ('messages', svc.messages_used, svc.message_quota::bigint),
                                   ('devices', svc.devices_used::bigint, svc.device_quota::bigint)) d (unit, used, quota)
        WHERE d.quota IS NOT NULL AND quota_nearly_used(d.used, d.quota)) x)::jsonb AS quotas,
    (SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.created_at, x.id), '[]') FROM (
        SELECT r.id, r.created_at, r.term_months, v.id AS company_id, v.name AS company_name,
               s.id AS service_id, m.name AS module_name, s.environment, u.name AS requested_by
        FROM renewal_requests r
        JOIN services s ON s.id = r.service_id
        JOIN visible v ON v.id = s.company_id
        JOIN modules m ON m.key = s.module
        JOIN users u ON u.id = r.requested_by
        WHERE r.status = 'open') x)::jsonb AS requests,
    (SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY lower(x.name)), '[]') FROM (
        SELECT u.id, u.name FROM users u WHERE u.role = 'account_manager') x)::jsonb AS managers;
