-- name: DeleteExpiredSessions :execrows
-- Expired sessions are already ignored by the session store; this only reclaims their rows.
DELETE FROM sessions WHERE expiry < current_timestamp;

-- name: GetSessionUser :one
-- The signed-in user of a request, with their company's name for the header, their number of
-- unread notices and, for consumers, the number of items in their cart. db.LoadSessionUser sends it in one batch with
-- ListSessionCompanyAccess.
SELECT u.id, u.email, u.name, u.role, u.company_id, u.disabled_at, u.session_epoch,
       coalesce(c.name, '')::text AS company_name,
       CASE WHEN u.role = 'consumer' THEN (SELECT coalesce(sum(cl.quantity), 0) FROM cart_lines cl
            WHERE cl.owner = cart_owner(u.id, NULL)) ELSE 0 END::integer AS cart_count,
       -- the bell's count, which stops at 100 ("99+")
       (SELECT count(*) FROM (SELECT FROM notifications n WHERE n.user_id = u.id AND n.read_at IS NULL LIMIT 100) unread)::integer AS unread
FROM users u
LEFT JOIN partner_companies c ON c.id = u.company_id
WHERE u.id = sqlc.arg(id);

-- name: ListSessionCompanyAccess :many
-- What the company of the user id may do in each module and plan today (company_access);
-- no rows for users without a company.
SELECT a.key::text AS key, a.service_id, a.state::service_state AS state, a.usability::integer AS usability,
       a.valid_until, a.read_only_since
FROM users u
CROSS JOIN LATERAL company_access(u.company_id, sqlc.arg(today)::date) a
WHERE u.id = sqlc.arg(id) AND u.company_id IS NOT NULL;
