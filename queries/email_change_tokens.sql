-- Links that confirm a new sign-in address (migration 00034). Tokens are looked up by their
-- SHA-256 only, as password links are.

-- name: CreateEmailChangeToken :exec
INSERT INTO email_change_tokens (token_hash, user_id, new_email, created_at, expires_at)
VALUES (sqlc.arg(token_hash), sqlc.arg(user_id), sqlc.arg(new_email), sqlc.arg(created_at), sqlc.arg(expires_at));

-- name: BurnEmailChangeTokens :exec
-- A newer request, or the change itself, makes the user's earlier unused links worthless.
UPDATE email_change_tokens SET used_at = sqlc.arg(at)
WHERE user_id = sqlc.arg(user_id) AND used_at IS NULL;

-- name: GetEmailChangeToken :one
-- A link that still works: unused, not expired at now, for an account that is not disabled.
SELECT t.user_id, t.new_email, t.expires_at, u.name, u.email
FROM email_change_tokens t
JOIN users u ON u.id = t.user_id
WHERE t.token_hash = sqlc.arg(token_hash) AND t.used_at IS NULL AND t.expires_at > sqlc.arg(now)
  AND u.disabled_at IS NULL;

-- name: UseEmailChangeToken :one
-- Burns a working link and says whose it was, with the address it confirms; no row when it no
-- longer works, so two submissions of the same link cannot both change the address.
UPDATE email_change_tokens t SET used_at = sqlc.arg(now)
FROM users u
WHERE t.token_hash = sqlc.arg(token_hash) AND t.used_at IS NULL AND t.expires_at > sqlc.arg(now)
  AND u.id = t.user_id AND u.disabled_at IS NULL
RETURNING t.user_id, t.new_email, u.name, u.email, u.company_id;

-- name: GetPendingEmailChange :many
-- The address the user asked to change to and has not confirmed yet (at most one row: each
-- request burns the ones before it).
SELECT new_email, expires_at FROM email_change_tokens
WHERE user_id = sqlc.arg(user_id) AND used_at IS NULL AND expires_at > sqlc.arg(now)
ORDER BY created_at DESC
LIMIT 1;
