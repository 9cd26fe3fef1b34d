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

-- name: GetUsersAdminPage :one
-- Every account, staff first, and the companies a partner user can belong to.
SELECT (SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.role, lower(x.name)), '[]') FROM (
            SELECT u.id, u.name, u.email, u.role, u.company_id, coalesce(c.name, '') AS company_name,
                   u.disabled_at, u.created_at
            FROM users u LEFT JOIN partner_companies c ON c.id = u.company_id) x)::jsonb AS users,
       (SELECT coalesce(jsonb_agg(to_jsonb(c) ORDER BY lower(c.name)), '[]') FROM (
            SELECT id, name FROM partner_companies) c)::jsonb AS companies;

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
