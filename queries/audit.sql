-- The audit trail (migration 00006). Append-only: there is no query here that updates or
-- deletes it, and the table's triggers refuse both.

-- name: CreateAuditEvent :exec
-- at is the application's clock; before/after are JSON snapshots (NULL when there is none).
INSERT INTO audit_events (at, actor_id, company_id, service_id, module, environment, user_id, action, subject, before, after)
VALUES (sqlc.arg(at), sqlc.arg(actor_id), sqlc.narg(company_id), sqlc.narg(service_id), sqlc.narg(module),
        sqlc.narg(environment), sqlc.narg(user_id), sqlc.arg(action), sqlc.arg(subject), sqlc.narg(before), sqlc.narg(after));

-- name: GetLastServiceChange :one
-- Who changed a service last and when, for the message of a refused concurrent edit.
SELECT e.at, u.name AS actor_name, e.action
FROM audit_events e
JOIN users u ON u.id = e.actor_id
WHERE e.service_id = $1
ORDER BY e.at DESC, e.id DESC
LIMIT 1;

-- name: GetAuditLog :one
-- One page of the trail the viewer may see, newest first, with the number of matches and the
-- choices of the filter form, in one round trip. An account manager sees the events of their
-- companies; events about no company (staff accounts) only an admin sees. Every filter is
-- optional (NULL); until_at is exclusive. page_size NULL returns every match (CSV export).
WITH viewer AS (
    SELECT u.role = 'admin' AS is_admin FROM users u
    WHERE u.id = sqlc.arg(viewer_id)::bigint AND u.disabled_at IS NULL
), companies AS (
    SELECT c.id, c.name FROM partner_companies c WHERE staff_can_see(c.id, sqlc.arg(viewer_id)::bigint)
), visible AS (
    SELECT e.* FROM audit_events e
    WHERE e.company_id IN (SELECT id FROM companies)
       OR (e.company_id IS NULL AND coalesce((SELECT is_admin FROM viewer), false))
), matched AS (
    SELECT v.* FROM visible v
    WHERE (sqlc.narg(company_id)::bigint IS NULL OR v.company_id = sqlc.narg(company_id)::bigint)
      AND (sqlc.narg(actor_id)::bigint IS NULL OR v.actor_id = sqlc.narg(actor_id)::bigint)
      AND (sqlc.narg(module)::module_key IS NULL OR v.module = sqlc.narg(module)::module_key)
      AND (sqlc.narg(action)::text IS NULL OR v.action = sqlc.narg(action)::text)
      AND (sqlc.narg(from_at)::timestamptz IS NULL OR v.at >= sqlc.narg(from_at)::timestamptz)
      AND (sqlc.narg(until_at)::timestamptz IS NULL OR v.at < sqlc.narg(until_at)::timestamptz)
), page AS (
    SELECT m.id, m.at, m.action, m.subject, m.module, m.environment, m.service_id, m.before, m.after,
           m.company_id, coalesce(c.name, '') AS company_name,
           m.actor_id, a.name AS actor_name, a.email AS actor_email,
           m.user_id, coalesce(su.email, '') AS user_email
    FROM matched m
    JOIN users a ON a.id = m.actor_id
    LEFT JOIN partner_companies c ON c.id = m.company_id
    LEFT JOIN users su ON su.id = m.user_id
    ORDER BY m.at DESC, m.id DESC
    LIMIT sqlc.narg(page_size)::integer OFFSET sqlc.arg(page_offset)::integer
)
SELECT (SELECT count(*) FROM matched)::bigint AS total,
       (SELECT coalesce(jsonb_agg(to_jsonb(p) ORDER BY p.at DESC, p.id DESC), '[]') FROM page p)::jsonb AS events,
       (SELECT coalesce(jsonb_agg(to_jsonb(c) ORDER BY lower(c.name)), '[]') FROM companies c)::jsonb AS companies,
       (SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY lower(x.name)), '[]') FROM (
            SELECT DISTINCT u.id, u.name, u.email FROM visible v JOIN users u ON u.id = v.actor_id) x)::jsonb AS actors,
       (SELECT jsonb_agg(to_jsonb(m) ORDER BY m.position) FROM (SELECT key, name, position FROM modules) m)::jsonb AS modules;
