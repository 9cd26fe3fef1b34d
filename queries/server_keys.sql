-- Keys the servers share (migration 00029).

-- name: GetServerKey :one
SELECT key FROM server_keys WHERE name = $1;
