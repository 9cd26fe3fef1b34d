-- name: GetUserByEmail :one
SELECT * FROM users WHERE lower(email) = lower(sqlc.arg(email));

-- name: CreateUser :one
INSERT INTO users (email, name, password_hash, role, company_id)
VALUES ($1, $2, $3, $4, $5)
RETURNING *;

-- name: UpsertUser :one
-- Used by the demo seed: an existing account keeps its id and gets the demo values back.
INSERT INTO users (email, name, password_hash, role, company_id)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT ((lower(email))) DO UPDATE
SET name = EXCLUDED.name, password_hash = EXCLUDED.password_hash,
    role = EXCLUDED.role, company_id = EXCLUDED.company_id, disabled_at = NULL
RETURNING *;

-- name: ListUsersForAdmin :many
-- Every account, staff first (by role in the enum's order), with the company a partner user
-- belongs to (empty for none).
SELECT u.id, u.name, u.email, u.role, coalesce(c.name, '')::text AS company_name,
       (u.disabled_at IS NOT NULL)::boolean AS disabled
FROM users u
LEFT JOIN partner_companies c ON c.id = u.company_id
ORDER BY u.role, lower(u.name), u.id;

-- name: ListAccountManagers :many
-- The account managers, by name. only_active leaves out disabled accounts, which cannot be
-- assigned companies; the dashboard's filter keeps them, as companies may still name them.
SELECT u.id, u.name, u.email
FROM users u
WHERE u.role = 'account_manager' AND (NOT sqlc.arg(only_active)::boolean OR u.disabled_at IS NULL)
ORDER BY lower(u.name), u.id;

-- name: ListCompanyUsersForStaff :many
-- The users of a company the viewer may see, by name; none otherwise.
SELECT u.id, u.name, u.email, (u.disabled_at IS NOT NULL)::boolean AS disabled
FROM users u
WHERE u.company_id = sqlc.arg(company_id) AND u.company_id IN (SELECT sc.company_id FROM staff_companies(sqlc.arg(viewer_id)::bigint) sc)
ORDER BY lower(u.name), u.id;

-- name: GetUserForUpdate :one
SELECT * FROM users WHERE id = $1 FOR UPDATE;

-- name: SetUserDisabled :one
-- disabled_at NULL enables the account again; either way the user's sessions end.
UPDATE users SET disabled_at = sqlc.narg(disabled_at), session_epoch = session_epoch + 1 WHERE id = sqlc.arg(id)
RETURNING *;

-- name: SetUserPassword :exec
-- A new password ends every session signed in with the old one.
UPDATE users SET password_hash = $2, session_epoch = session_epoch + 1 WHERE id = $1;

-- name: GetUser :one
SELECT * FROM users WHERE id = $1;

-- name: SetUserName :exec
UPDATE users SET name = sqlc.arg(name) WHERE id = sqlc.arg(id);

-- name: ChangeUserPassword :one
-- A new password chosen on the account page: every session signed in before ends, and the
-- new epoch goes into the session that made the change, which stays.
UPDATE users SET password_hash = sqlc.arg(password_hash), session_epoch = session_epoch + 1
WHERE id = sqlc.arg(id)
RETURNING session_epoch;

-- name: SetUserEmail :exec
-- Fails with a unique violation on users_email_key when another account has the address.
UPDATE users SET email = sqlc.arg(email) WHERE id = sqlc.arg(id);

-- name: ScrubUser :exec
-- A customer who closed their account: the row stays, since orders, purchases and the audit
-- trail name it, but nothing in it names the person any more. The address becomes one no
-- mail reaches and no one signs up with (.invalid), so the real one is free again; no password
-- opens it and every session of it ends.
UPDATE users SET email = 'deleted-' || id || '@deleted.invalid', name = 'Deleted customer',
    password_hash = '', disabled_at = sqlc.arg(at), session_epoch = session_epoch + 1
WHERE id = sqlc.arg(id);
