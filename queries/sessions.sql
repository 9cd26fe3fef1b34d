-- name: DeleteExpiredSessions :execrows
-- Expired sessions are already ignored by the session store; this only reclaims their rows.
DELETE FROM sessions WHERE expiry < current_timestamp;

-- name: GetRequestSession :one
-- A request's session by its token, unexpired at now, with who it belongs to: the signed-in
-- user (every user column NULL for a visitor) with their company's name for the header, their
-- number of unread notices and the number of items in their cart (a consumer's, or a
-- visitor's by the session's cart key). The session store sends it in one batch with
-- ListRequestSessionAccess: a signed-in page reads its session, user and access in one round
-- trip.
SELECT s.data, s.user_id, s.cart_key, u.email, u.name, u.role, u.team_role, u.company_id, u.disabled_at, u.session_epoch,
       coalesce(c.name, '')::text AS company_name,
       CASE WHEN u.role = 'consumer' OR (u.id IS NULL AND s.cart_key IS NOT NULL)
            THEN (SELECT coalesce(sum(cl.quantity), 0) FROM cart_lines cl
                  WHERE cl.owner = CASE WHEN u.id IS NULL THEN cart_owner(NULL, s.cart_key) ELSE cart_owner(u.id, NULL) END)
            ELSE 0 END::integer AS cart_count,
       -- the bell's count, which stops at 100 ("99+")
       CASE WHEN u.id IS NULL THEN 0
            ELSE (SELECT count(*) FROM (SELECT FROM notifications n WHERE n.user_id = u.id AND n.read_at IS NULL LIMIT 100) unread)
       END::integer AS unread
FROM sessions s
LEFT JOIN users u ON u.id = s.user_id
LEFT JOIN partner_companies c ON c.id = u.company_id
WHERE s.token = sqlc.arg(token) AND s.expiry > sqlc.arg(now);

-- name: ListRequestSessionAccess :many
-- What the company of the session's user may do in each module and plan today
-- (company_access); no rows for visitors and users without a company.
SELECT a.key::text AS key, a.service_id, a.state::service_state AS state, a.usability::integer AS usability,
       a.valid_until, a.read_only_since
FROM sessions s
JOIN users u ON u.id = s.user_id
CROSS JOIN LATERAL company_access(u.company_id, sqlc.arg(today)::date) a
WHERE s.token = sqlc.arg(token) AND s.expiry > sqlc.arg(now) AND u.company_id IS NOT NULL;

-- name: FindSession :one
-- A session's data alone, for the store's calls outside a request.
SELECT data FROM sessions WHERE token = sqlc.arg(token) AND expiry > sqlc.arg(now);

-- name: SaveSession :exec
INSERT INTO sessions (token, data, expiry, user_id, cart_key)
VALUES (sqlc.arg(token), sqlc.arg(data), sqlc.arg(expiry), sqlc.narg(user_id), sqlc.narg(cart_key))
ON CONFLICT (token) DO UPDATE SET data = EXCLUDED.data, expiry = EXCLUDED.expiry,
    user_id = EXCLUDED.user_id, cart_key = EXCLUDED.cart_key;

-- name: DeleteSession :exec
DELETE FROM sessions WHERE token = sqlc.arg(token);
