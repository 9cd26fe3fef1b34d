-- Support tickets (migration 00027). A partner reaches its company's tickets only (company_id);
-- staff the tickets of the companies staff_can_see lets them see. Times are the application's
-- clock, passed in; nothing here reads now().

-- name: CreateSupportTicket :one
INSERT INTO support_tickets (company_id, module, subject, priority, opened_by, opened_at, response_due_at,
                             waiting_since, last_reply_at, updated_at)
VALUES (sqlc.arg(company_id), sqlc.narg(module), sqlc.arg(subject), sqlc.arg(priority), sqlc.arg(opened_by),
        sqlc.arg(now), sqlc.arg(response_due_at), sqlc.arg(now), sqlc.arg(now), sqlc.arg(now))
RETURNING id;

-- name: LockSupportService :exec
-- Locks the company's Support service until the transaction ends, so a write re-reads its
-- state (GetCompanyModuleState) after any deactivation or renewal committed meanwhile.
SELECT 1 FROM services
WHERE company_id = sqlc.arg(company_id) AND module = 'support'
FOR SHARE;

-- name: GetCompanyTicket :one
-- One of the company's tickets; no row when the id is another company's.
SELECT t.id, t.module, coalesce(m.name, 'Account')::text AS module_name, t.subject, t.priority, t.status,
       t.opened_at, t.response_due_at, t.first_response_at, t.last_reply_at, t.resolved_at, t.closed_at,
       o.name AS opened_by_name
FROM support_tickets t
LEFT JOIN modules m ON m.key = t.module
JOIN users o ON o.id = t.opened_by
WHERE t.id = sqlc.arg(id) AND t.company_id = sqlc.arg(company_id);

-- name: GetStaffTicket :one
-- A ticket of a company the viewer may see, with the company, its account manager and the
-- state of its Support service today; no row otherwise.
SELECT t.id, t.company_id, c.name AS company_name, c.account_manager_id, t.module,
       coalesce(m.name, 'Account')::text AS module_name, t.subject, t.priority, t.status, t.assignee_id,
       t.opened_at, t.response_due_at, t.first_response_at, t.waiting_since, t.last_reply_at,
       t.resolved_at, t.closed_at, o.name AS opened_by_name,
       coalesce(ss.state, 'none')::service_state AS support_state
FROM support_tickets t
JOIN partner_companies c ON c.id = t.company_id
LEFT JOIN modules m ON m.key = t.module
JOIN users o ON o.id = t.opened_by
LEFT JOIN service_states(sqlc.arg(today)::date) ss ON ss.company_id = t.company_id AND ss.module = 'support'
WHERE t.id = sqlc.arg(id) AND t.company_id IN (SELECT sc.company_id FROM staff_companies(sqlc.arg(viewer_id)::bigint) sc);

-- name: LockCompanyTicket :one
-- One of the company's tickets, locked for a change, with the company's account manager (who
-- hears of it unless someone is assigned).
SELECT sqlc.embed(t), c.name AS company_name, c.account_manager_id
FROM support_tickets t
JOIN partner_companies c ON c.id = t.company_id
WHERE t.id = sqlc.arg(id) AND t.company_id = sqlc.arg(company_id)
FOR UPDATE OF t;

-- name: LockStaffTicket :one
-- A ticket of a company the viewer may see, locked for a change, with the company.
SELECT sqlc.embed(t), c.name AS company_name, c.account_manager_id
FROM support_tickets t
JOIN partner_companies c ON c.id = t.company_id
WHERE t.id = sqlc.arg(id) AND t.company_id IN (SELECT sc.company_id FROM staff_companies(sqlc.arg(viewer_id)::bigint) sc)
FOR UPDATE OF t;

-- name: UpdateSupportTicket :exec
-- Stores what a change made of a ticket (web/support computes it from the locked row).
UPDATE support_tickets SET
    status = sqlc.arg(status), assignee_id = sqlc.narg(assignee_id), waiting_since = sqlc.narg(waiting_since),
    first_response_at = sqlc.narg(first_response_at), last_reply_at = sqlc.arg(last_reply_at),
    resolved_at = sqlc.narg(resolved_at), closed_at = sqlc.narg(closed_at), updated_at = sqlc.arg(now)
WHERE id = sqlc.arg(id);

-- name: CloseResolvedTickets :many
-- Closes the tickets resolved with no reply since before (the portal's clock less
-- db.TicketCloseAfter), records each closing as the portal's on the ticket, and returns them
-- for the audit trail. Run twice at once, the second finds them closed already.
WITH closed AS (
    UPDATE support_tickets SET status = 'closed', closed_at = sqlc.arg(now)::timestamptz, resolved_at = NULL,
        updated_at = sqlc.arg(now)
    WHERE status = 'resolved' AND greatest(resolved_at, last_reply_at) <= sqlc.arg(before)::timestamptz
    RETURNING id, company_id, subject
), recorded AS (
    INSERT INTO support_events (ticket_id, kind, status, at)
    SELECT id, 'status', 'closed', sqlc.arg(now) FROM closed
)
SELECT id, company_id, subject FROM closed ORDER BY id;

-- name: ListTicketAssignees :many
-- The staff who may answer a ticket: its company's account manager and the admins.
SELECT u.id, u.name, u.role
FROM users u
WHERE u.role IN ('account_manager', 'admin')
  AND staff_can_see((SELECT t.company_id FROM support_tickets t WHERE t.id = sqlc.arg(ticket_id)), u.id)
ORDER BY u.role = 'admin', lower(u.name), u.id;
