-- What happened to support tickets (migration 00027), for their pages: status changes (no
-- actor: the portal) and assignments (shown to staff only).

-- name: CreateSupportEvent :exec
INSERT INTO support_events (ticket_id, kind, actor_id, status, assignee_id, at)
VALUES (sqlc.arg(ticket_id), sqlc.arg(kind), sqlc.narg(actor_id), sqlc.narg(status), sqlc.narg(assignee_id), sqlc.arg(now));

-- name: ListTicketEvents :many
-- A ticket's events in order, with the names of who did them and who was assigned;
-- assignments only for staff.
SELECT e.id, e.kind, e.status, e.at, e.actor_id, e.assignee_id, coalesce(a.name, '')::text AS actor_name,
       coalesce(s.name, '')::text AS assignee_name
FROM support_events e
LEFT JOIN users a ON a.id = e.actor_id
LEFT JOIN users s ON s.id = e.assignee_id
WHERE e.ticket_id = sqlc.arg(ticket_id) AND (sqlc.arg(staff)::boolean OR e.kind = 'status')
ORDER BY e.id;
