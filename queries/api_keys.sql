-- name: CreateAPIKey :one
INSERT INTO api_keys (company_id, environment, name, prefix, secret_hash, created_by, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
RETURNING *;

-- name: GetAPIKeyByHash :one
-- Authentication: a key that exists and is not revoked.
SELECT id, company_id, environment, last_used_at FROM api_keys
WHERE secret_hash = $1 AND revoked_at IS NULL;

-- name: TouchAPIKey :exec
-- Notes a key's use at most once a minute, so busy keys do not rewrite their row on every report.
UPDATE api_keys SET last_used_at = sqlc.arg(now)::timestamptz
WHERE id = sqlc.arg(id) AND (last_used_at IS NULL OR last_used_at < sqlc.arg(now)::timestamptz - interval '1 minute');

-- name: ListCompanyAPIKeys :many
-- Newest first; revoked keys stay listed as history.
SELECT k.id, k.environment, k.name, k.prefix, k.created_at, k.last_used_at, k.revoked_at,
       coalesce(u.name, '')::text AS created_by_name
FROM api_keys k
LEFT JOIN users u ON u.id = k.created_by
WHERE k.company_id = $1
ORDER BY k.revoked_at IS NOT NULL, k.created_at DESC, k.id DESC;

-- name: RevokeAPIKey :one
-- No row (pgx.ErrNoRows) when the key is not the company's or is already revoked.
UPDATE api_keys SET revoked_at = sqlc.arg(now)::timestamptz, revoked_by = sqlc.arg(revoked_by)
WHERE id = sqlc.arg(id) AND company_id = sqlc.arg(company_id) AND revoked_at IS NULL
RETURNING *;
