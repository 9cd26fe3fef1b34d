-- Files attached to support messages (migration 00027). Lists never read the bytes; a download
-- reads one file, and only through its ticket's scope: the partner's company (and never a
-- note's file), or the companies the staff member may see.

-- name: CreateSupportAttachment :exec
INSERT INTO support_attachments (message_id, ticket_id, filename, content_type, size, data, created_at)
VALUES (sqlc.arg(message_id), sqlc.arg(ticket_id), sqlc.arg(filename), sqlc.arg(content_type),
        sqlc.arg(size), sqlc.arg(data), sqlc.arg(now));

-- name: ListTicketAttachments :many
-- A ticket's files by message, without their bytes; those of notes only for staff.
SELECT a.id, a.message_id, a.filename, a.content_type, a.size
FROM support_attachments a
JOIN support_messages sm ON sm.id = a.message_id
WHERE a.ticket_id = sqlc.arg(ticket_id) AND (sqlc.arg(staff)::boolean OR NOT sm.internal)
ORDER BY a.message_id, a.id;

-- name: GetCompanyAttachment :one
-- A file of one of the company's tickets, attached to a reply; no row otherwise.
SELECT a.filename, a.content_type, a.size, a.data
FROM support_attachments a
JOIN support_messages sm ON sm.id = a.message_id
JOIN support_tickets t ON t.id = a.ticket_id
WHERE a.id = sqlc.arg(id) AND a.ticket_id = sqlc.arg(ticket_id) AND t.company_id = sqlc.arg(company_id)
  AND NOT sm.internal;

-- name: GetStaffAttachment :one
-- A file of a ticket of a company the viewer may see; no row otherwise.
SELECT a.filename, a.content_type, a.size, a.data
FROM support_attachments a
JOIN support_tickets t ON t.id = a.ticket_id
WHERE a.id = sqlc.arg(id) AND a.ticket_id = sqlc.arg(ticket_id)
  AND t.company_id IN (SELECT sc.company_id FROM staff_companies(sqlc.arg(viewer_id)::bigint) sc);
