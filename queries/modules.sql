-- name: ListModules :many
-- The fixed catalogue of SPEC §2, in the order pages show it.
SELECT * FROM modules ORDER BY position;

-- name: GetModule :one
SELECT * FROM modules WHERE key = $1;
