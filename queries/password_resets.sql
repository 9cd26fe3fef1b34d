-- One-time password links (migration 00007). Tokens are looked up by their SHA-256 only.

-- name: CreatePasswordResetToken :exec
INSERT INTO password_reset_tokens (token_hash, user_id, created_by, created_at, expires_at)
VALUES ($1, $2, $3, $4, $5);

-- name: BurnPasswordResetTokens :exec
-- A new link, or disabling the account, makes every earlier unused link worthless.
UPDATE password_reset_tokens SET used_at = sqlc.arg(at)
WHERE user_id = sqlc.arg(user_id) AND used_at IS NULL;

-- name: GetPasswordResetToken :one
-- A link that still works: unused, not expired at now, for an account that is not disabled.
SELECT t.user_id, t.expires_at, u.name, u.email
FROM password_reset_tokens t
JOIN users u ON u.id = t.user_id
WHERE t.token_hash = sqlc.arg(token_hash) AND t.used_at IS NULL AND t.expires_at > sqlc.arg(now)
  AND u.disabled_at IS NULL;

-- name: UsePasswordResetToken :one
-- Burns a working link and says whose it was; no row when it no longer works, so two
-- submissions of the same link cannot both set a password.
UPDATE password_reset_tokens t SET used_at = sqlc.arg(now)
FROM users u
WHERE t.token_hash = sqlc.arg(token_hash) AND t.used_at IS NULL AND t.expires_at > sqlc.arg(now)
  AND u.id = t.user_id AND u.disabled_at IS NULL
RETURNING t.user_id, u.name, u.email, u.company_id;
