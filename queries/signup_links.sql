-- Links that finish a sign-up (migration 00029). Tokens are looked up by their SHA-256 only.

-- name: CreateSignupLink :exec
INSERT INTO signup_links (token_hash, email, next_path, cart_key, created_at, expires_at)
VALUES ($1, $2, $3, $4, $5, $6);

-- name: BurnSignupLinks :exec
-- A new link for an address makes its earlier unused ones worthless.
UPDATE signup_links SET used_at = sqlc.arg(at)
WHERE lower(email) = lower(sqlc.arg(email)) AND used_at IS NULL;

-- name: GetSignupLink :one
-- A link that still works: unused and not expired at now.
SELECT email, next_path FROM signup_links
WHERE token_hash = sqlc.arg(token_hash) AND used_at IS NULL AND expires_at > sqlc.arg(now);

-- name: UseSignupLink :one
-- Takes the link, once: a second use (or a concurrent one) finds no row.
UPDATE signup_links SET used_at = sqlc.arg(now)
WHERE token_hash = sqlc.arg(token_hash) AND used_at IS NULL AND expires_at > sqlc.arg(now)
RETURNING email, next_path, cart_key;
