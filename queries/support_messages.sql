-- The conversation of support tickets (migration 00027): replies both sides read, and notes
-- (internal) only staff read. Pages ask with staff false unless the viewer is staff.

-- name: CreateSupportMessage :one
INSERT INTO support_messages (ticket_id, author_id, internal, body, created_at)
VALUES (sqlc.arg(ticket_id), sqlc.arg(author_id), sqlc.arg(internal), sqlc.arg(body), sqlc.arg(now))
RETURNING id;

-- name: ListTicketMessages :many
-- A ticket's messages in the order they were written, with their authors; notes only for staff.
SELECT sm.id, sm.internal, sm.body, sm.created_at, u.id AS author_id, u.name AS author_name, u.role AS author_role
FROM support_messages sm
JOIN users u ON u.id = sm.author_id
WHERE sm.ticket_id = sqlc.arg(ticket_id) AND (sqlc.arg(staff)::boolean OR NOT sm.internal)
ORDER BY sm.id;
