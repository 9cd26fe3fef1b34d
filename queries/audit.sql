-- The audit trail (migration 00006). Append-only: there is no query here that updates or
-- deletes it, and the table's triggers refuse both.

-- name: CreateAuditEvent :exec
-- at is the application's clock; before/after are JSON snapshots (NULL when there is none).
-- actor_id 0 is the portal itself (a change no person made, such as a ticket closing by itself).
INSERT INTO audit_events (at, actor_id, company_id, service_id, module, environment, user_id, action, subject, before, after)
VALUES (sqlc.arg(at), nullif(sqlc.arg(actor_id)::bigint, 0), sqlc.narg(company_id), sqlc.narg(service_id), sqlc.narg(module),
        sqlc.narg(environment), sqlc.narg(user_id), sqlc.arg(action), sqlc.arg(subject), sqlc.narg(before), sqlc.narg(after));

-- name: GetLastServiceChange :one
-- Who changed a service last and when, for the message of a refused concurrent edit.
SELECT e.at, u.name AS actor_name, e.action
FROM audit_events e
JOIN users u ON u.id = e.actor_id
WHERE e.service_id = $1
ORDER BY e.at DESC, e.id DESC
LIMIT 1;

-- The three queries of the audit log share who sees what: an account manager the events of
-- their companies, and only an admin the events about no company (staff accounts). Keep their
-- WHERE clauses alike.

-- name: ListAuditEvents :many
-- One page of the trail the viewer may see, newest first. Every filter is optional (NULL);
-- until_at is exclusive. page_size NULL returns every match (CSV export). CountAuditEvents
-- counts the same matches.
SELECT e.id, e.at, e.action, e.subject, e.module, e.environment, e.before, e.after,
       e.company_id, coalesce(c.name, '')::text AS company_name,
       -- no actor: the portal itself
       coalesce(a.name, 'The portal')::text AS actor_name, coalesce(a.email, '')::text AS actor_email
FROM audit_events e
LEFT JOIN users a ON a.id = e.actor_id
LEFT JOIN partner_companies c ON c.id = e.company_id
WHERE (e.company_id IN (SELECT v.id FROM partner_companies v WHERE v.id IN (SELECT sc.company_id FROM staff_companies(sqlc.arg(viewer_id)::bigint) sc))
       OR (e.company_id IS NULL AND EXISTS (
            SELECT 1 FROM users v WHERE v.id = sqlc.arg(viewer_id)::bigint AND v.role = 'admin' AND v.disabled_at IS NULL)))
  AND (sqlc.narg(company_id)::bigint IS NULL OR e.company_id = sqlc.narg(company_id)::bigint)
  AND (sqlc.narg(actor_id)::bigint IS NULL OR e.actor_id = sqlc.narg(actor_id)::bigint)
  AND (sqlc.narg(module)::module_key IS NULL OR e.module = sqlc.narg(module)::module_key)
  AND (sqlc.narg(action)::text IS NULL OR e.action = sqlc.narg(action)::text)
  AND (sqlc.narg(from_at)::timestamptz IS NULL OR e.at >= sqlc.narg(from_at)::timestamptz)
  AND (sqlc.narg(until_at)::timestamptz IS NULL OR e.at < sqlc.narg(until_at)::timestamptz)
ORDER BY e.at DESC, e.id DESC
LIMIT sqlc.narg(page_size)::integer OFFSET sqlc.arg(page_offset)::integer;

-- name: ListCompanyAuditEvents :many
-- The latest events of one company the viewer may see, newest first: the partner page's recent
-- changes, with ListAuditEvents' columns. A query of its own, with the company required, so that
-- its one generic plan reads the company's index instead of the whole trail.
SELECT e.id, e.at, e.action, e.subject, e.module, e.environment, e.before, e.after,
       e.company_id, coalesce(c.name, '')::text AS company_name,
       coalesce(a.name, 'The portal')::text AS actor_name, coalesce(a.email, '')::text AS actor_email
FROM audit_events e
LEFT JOIN users a ON a.id = e.actor_id
LEFT JOIN partner_companies c ON c.id = e.company_id
WHERE e.company_id = sqlc.arg(company_id)::bigint
  AND e.company_id IN (SELECT sc.company_id FROM staff_companies(sqlc.arg(viewer_id)::bigint) sc)
ORDER BY e.at DESC, e.id DESC
LIMIT sqlc.arg(page_size)::integer;

-- name: CountAuditEvents :one
-- How many events ListAuditEvents matches with the same filters, over all its pages.
SELECT count(*)
FROM audit_events e
WHERE (e.company_id IN (SELECT v.id FROM partner_companies v WHERE v.id IN (SELECT sc.company_id FROM staff_companies(sqlc.arg(viewer_id)::bigint) sc))
       OR (e.company_id IS NULL AND EXISTS (
            SELECT 1 FROM users v WHERE v.id = sqlc.arg(viewer_id)::bigint AND v.role = 'admin' AND v.disabled_at IS NULL)))
  AND (sqlc.narg(company_id)::bigint IS NULL OR e.company_id = sqlc.narg(company_id)::bigint)
  AND (sqlc.narg(actor_id)::bigint IS NULL OR e.actor_id = sqlc.narg(actor_id)::bigint)
  AND (sqlc.narg(module)::module_key IS NULL OR e.module = sqlc.narg(module)::module_key)
  AND (sqlc.narg(action)::text IS NULL OR e.action = sqlc.narg(action)::text)
  AND (sqlc.narg(from_at)::timestamptz IS NULL OR e.at >= sqlc.narg(from_at)::timestamptz)
  AND (sqlc.narg(until_at)::timestamptz IS NULL OR e.at < sqlc.narg(until_at)::timestamptz);

-- name: ListAuditActors :many
-- Everyone who made an event the viewer may see, by name: the choices of the log's actor filter.
SELECT u.id, u.name, u.email
FROM users u
WHERE EXISTS (
    SELECT 1 FROM audit_events e
    WHERE e.actor_id = u.id
      AND (e.company_id IN (SELECT v.id FROM partner_companies v WHERE v.id IN (SELECT sc.company_id FROM staff_companies(sqlc.arg(viewer_id)::bigint) sc))
           OR (e.company_id IS NULL AND EXISTS (
                SELECT 1 FROM users v WHERE v.id = sqlc.arg(viewer_id)::bigint AND v.role = 'admin' AND v.disabled_at IS NULL))))
ORDER BY lower(u.name), u.id;
