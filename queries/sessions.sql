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
-- A new session, or one whose token was renewed (sign-in, a new password): its row is made
-- here, with the browser and address it was saved from. An existing row keeps the moment it
-- was made.
INSERT INTO sessions (token, data, expiry, user_id, cart_key, created_at, last_seen_at, user_agent, ip)
VALUES (sqlc.arg(token), sqlc.arg(data), sqlc.arg(expiry), sqlc.narg(user_id), sqlc.narg(cart_key),
        sqlc.arg(now), sqlc.arg(now), sqlc.arg(user_agent), sqlc.arg(ip))
ON CONFLICT (token) DO UPDATE SET data = EXCLUDED.data, expiry = EXCLUDED.expiry,
    user_id = EXCLUDED.user_id, cart_key = EXCLUDED.cart_key, last_seen_at = EXCLUDED.last_seen_at,
    user_agent = EXCLUDED.user_agent, ip = EXCLUDED.ip;

-- name: UpdateSession :execrows
-- Saves a session the request read: no row when it was ended meanwhile (signed out from
-- another browser), which must not bring it back.
UPDATE sessions SET data = sqlc.arg(data), expiry = sqlc.arg(expiry), user_id = sqlc.narg(user_id),
    cart_key = sqlc.narg(cart_key), last_seen_at = sqlc.arg(now), user_agent = sqlc.arg(user_agent), ip = sqlc.arg(ip)
WHERE token = sqlc.arg(token);

-- name: TouchSession :execrows
-- Notes that a session was seen at now; the store sends it with the session's read, at most
-- every few minutes per session.
UPDATE sessions SET last_seen_at = sqlc.arg(now)
WHERE token = sqlc.arg(token) AND last_seen_at < sqlc.arg(now);

-- name: DeleteSession :exec
DELETE FROM sessions WHERE token = sqlc.arg(token);

-- name: ListUserSessions :many
-- The user's unexpired sessions for their account page, the one of token (this browser) first,
-- then the most recently seen. The token itself never leaves the database: id names a session.
SELECT id, created_at, last_seen_at, user_agent, ip, (token = sqlc.arg(token))::boolean AS current
FROM sessions
WHERE user_id = sqlc.arg(user_id)::bigint AND expiry > sqlc.arg(now)
ORDER BY (token = sqlc.arg(token)) DESC, last_seen_at DESC, id DESC
LIMIT 100;

-- name: DeleteUserSession :one
-- Ends one of the user's other sessions; no row when id is not theirs, or is token's own.
DELETE FROM sessions
WHERE id = sqlc.arg(id)::bigint AND user_id = sqlc.arg(user_id)::bigint AND token <> sqlc.arg(token)
RETURNING user_agent, ip;

-- name: DeleteOtherUserSessions :execrows
-- Ends every session of the user but token's.
DELETE FROM sessions WHERE user_id = sqlc.arg(user_id)::bigint AND token <> sqlc.arg(token);

-- name: DeleteUserSessions :exec
-- Ends every session of the user.
DELETE FROM sessions WHERE user_id = sqlc.arg(user_id)::bigint;
