-- Lists of support tickets (migration 00027): a partner company's own, the staff inbox, and
-- the dashboard's counts. Filters are optional: statuses NULL means every status, an empty
-- search means no search. A search matches the subject, the number ("12" or "#12"), and the replies
-- (staff searches their notes too), case-insensitively, as typed.

-- name: ListCompanyTickets :many
-- One page of a company's tickets: those waiting on the partner first, closed ones last, else
-- the latest activity first.
SELECT t.id, t.subject, coalesce(m.name, 'Account')::text AS module_name, t.priority, t.status,
       t.opened_at, t.last_reply_at
FROM support_tickets t
LEFT JOIN modules m ON m.key = t.module
WHERE t.company_id = sqlc.arg(company_id)
  AND (sqlc.narg(statuses)::text[] IS NULL OR t.status::text = ANY(sqlc.narg(statuses)::text[]))
  AND (sqlc.arg(search)::text = ''
       OR strpos(lower(t.subject), lower(sqlc.arg(search)::text)) > 0
       OR t.id::text = ltrim(sqlc.arg(search)::text, '#')
       OR EXISTS (SELECT 1 FROM support_messages sm WHERE sm.ticket_id = t.id AND NOT sm.internal
                  AND strpos(lower(sm.body), lower(sqlc.arg(search)::text)) > 0))
ORDER BY t.status = 'waiting_on_partner' DESC, t.status = 'closed', t.last_reply_at DESC, t.id DESC
LIMIT sqlc.arg(max_rows) OFFSET sqlc.arg(skip);

-- name: CountCompanyTickets :one
-- How many tickets ListCompanyTickets matches with the same filters, over all its pages.
SELECT count(*)
FROM support_tickets t
WHERE t.company_id = sqlc.arg(company_id)
  AND (sqlc.narg(statuses)::text[] IS NULL OR t.status::text = ANY(sqlc.narg(statuses)::text[]))
  AND (sqlc.arg(search)::text = ''
       OR strpos(lower(t.subject), lower(sqlc.arg(search)::text)) > 0
       OR t.id::text = ltrim(sqlc.arg(search)::text, '#')
       OR EXISTS (SELECT 1 FROM support_messages sm WHERE sm.ticket_id = t.id AND NOT sm.internal
                  AND strpos(lower(sm.body), lower(sqlc.arg(search)::text)) > 0));

-- name: ListSupportInbox :many
-- One page of the tickets of the viewer's companies, what waits longest first: tickets waiting
-- on staff by how long they have waited, then the rest by latest activity. assignee: 'me', 'none'
-- (unassigned) or '' (anyone).
SELECT t.id, t.company_id, c.name AS company_name, coalesce(m.name, 'Account')::text AS module_name,
       t.subject, t.priority, t.status, t.assignee_id, coalesce(a.name, '')::text AS assignee_name,
       t.opened_at, t.response_due_at, t.first_response_at, t.waiting_since, t.last_reply_at
FROM support_tickets t
JOIN partner_companies c ON c.id = t.company_id
LEFT JOIN modules m ON m.key = t.module
LEFT JOIN users a ON a.id = t.assignee_id
WHERE t.company_id IN (SELECT sc.company_id FROM staff_companies(sqlc.arg(viewer_id)::bigint) sc)
  AND (sqlc.narg(statuses)::text[] IS NULL OR t.status::text = ANY(sqlc.narg(statuses)::text[]))
  AND (sqlc.arg(assignee)::text = ''
       OR (sqlc.arg(assignee)::text = 'me' AND t.assignee_id = sqlc.arg(viewer_id)::bigint)
       OR (sqlc.arg(assignee)::text = 'none' AND t.assignee_id IS NULL))
  AND (sqlc.arg(search)::text = ''
       OR strpos(lower(t.subject), lower(sqlc.arg(search)::text)) > 0
       OR strpos(lower(c.name), lower(sqlc.arg(search)::text)) > 0
       OR t.id::text = ltrim(sqlc.arg(search)::text, '#')
       OR EXISTS (SELECT 1 FROM support_messages sm WHERE sm.ticket_id = t.id
                  AND strpos(lower(sm.body), lower(sqlc.arg(search)::text)) > 0))
ORDER BY t.waiting_since NULLS LAST, t.last_reply_at DESC, t.id
LIMIT sqlc.arg(max_rows) OFFSET sqlc.arg(skip);

-- name: CountSupportInbox :one
-- How many tickets ListSupportInbox matches with the same filters, over all its pages.
SELECT count(*)
FROM support_tickets t
JOIN partner_companies c ON c.id = t.company_id
WHERE t.company_id IN (SELECT sc.company_id FROM staff_companies(sqlc.arg(viewer_id)::bigint) sc)
  AND (sqlc.narg(statuses)::text[] IS NULL OR t.status::text = ANY(sqlc.narg(statuses)::text[]))
  AND (sqlc.arg(assignee)::text = ''
       OR (sqlc.arg(assignee)::text = 'me' AND t.assignee_id = sqlc.arg(viewer_id)::bigint)
       OR (sqlc.arg(assignee)::text = 'none' AND t.assignee_id IS NULL))
  AND (sqlc.arg(search)::text = ''
       OR strpos(lower(t.subject), lower(sqlc.arg(search)::text)) > 0
       OR strpos(lower(c.name), lower(sqlc.arg(search)::text)) > 0
       OR t.id::text = ltrim(sqlc.arg(search)::text, '#')
       OR EXISTS (SELECT 1 FROM support_messages sm WHERE sm.ticket_id = t.id
                  AND strpos(lower(sm.body), lower(sqlc.arg(search)::text)) > 0));

-- name: CountSupportForDashboard :one
-- The dashboard's support figures for the viewer's companies (optionally one account
-- manager's): tickets waiting on staff, those of them past their first-response target or
-- with nobody assigned, tickets waiting on the partner, and since when the oldest has waited.
SELECT count(*) FILTER (WHERE t.waiting_since IS NOT NULL) AS waiting_on_us,
       count(*) FILTER (WHERE t.waiting_since IS NOT NULL AND t.first_response_at IS NULL
                        AND t.response_due_at <= sqlc.arg(now)::timestamptz) AS overdue,
       count(*) FILTER (WHERE t.waiting_since IS NOT NULL AND t.assignee_id IS NULL) AS unassigned,
       count(*) FILTER (WHERE t.status = 'waiting_on_partner') AS waiting_on_partner,
       -- now when nothing waits
       coalesce(min(t.waiting_since), sqlc.arg(now)::timestamptz)::timestamptz AS oldest_waiting
FROM support_tickets t
JOIN partner_companies c ON c.id = t.company_id
WHERE t.company_id IN (SELECT sc.company_id FROM staff_companies(sqlc.arg(viewer_id)::bigint) sc)
  AND (sqlc.narg(manager_id)::bigint IS NULL OR c.account_manager_id = sqlc.narg(manager_id)::bigint);
