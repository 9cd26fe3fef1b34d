-- The DevLab console's lists, which it reads in one batch.

-- name: ListSandboxPlans :many
-- The company's sandbox plans with their state and figures at today, in the modules' order.
SELECT ss.service_id::bigint AS service_id, m.key AS module, m.name AS module_name,
       ss.state::service_state AS state,
       ss.message_quota, ss.messages_used, ss.message_allowance, ss.messages_left_allowance,
       ss.device_quota, ss.devices_used, ss.device_allowance, ss.devices_left_allowance
FROM service_states(sqlc.arg(today)::date) ss
JOIN modules m ON m.key = ss.module
WHERE ss.company_id = sqlc.arg(company_id)::bigint AND ss.environment = 'sandbox'
ORDER BY m.position;

-- name: ListSandboxAPIKeys :many
-- The company's sandbox keys in use, newest first.
SELECT k.name, k.prefix, k.last_used_at
FROM api_keys k
WHERE k.company_id = sqlc.arg(company_id) AND k.environment = 'sandbox' AND k.revoked_at IS NULL
ORDER BY k.created_at DESC, k.id DESC;

-- name: ListDevLabDevices :many
-- The company's test devices, registered ones first, newest first; removed ones stay as history.
SELECT d.id, d.name, s.module, d.created_at, d.removed_at
FROM devlab_devices d
JOIN services s ON s.id = d.service_id
WHERE d.company_id = sqlc.arg(company_id)
ORDER BY d.removed_at IS NOT NULL, d.created_at DESC, d.id DESC;

-- name: ListSandboxReports :many
-- The company's last 50 sandbox reports, newest first, with the prefix of the key that sent
-- each (none for the console's own).
SELECT r.created_at, r.source, k.prefix AS key_prefix, r.module, r.metric, r.quantity,
       r.accepted, r.code, r.state_after, r.used_after
FROM usage_reports r
LEFT JOIN api_keys k ON k.id = r.api_key_id
WHERE r.company_id = sqlc.arg(company_id) AND r.environment = 'sandbox'
ORDER BY r.id DESC
LIMIT 50;

-- name: CreateDevLabDevice :one
INSERT INTO devlab_devices (company_id, service_id, name, created_by, created_at)
VALUES ($1, $2, $3, $4, $5)
RETURNING *;

-- name: GetDevLabDeviceForUpdate :one
-- Locks the device, so two removals of it cannot both count −1.
SELECT d.*, s.module FROM devlab_devices d JOIN services s ON s.id = d.service_id
WHERE d.id = $1 AND d.company_id = $2
FOR UPDATE OF d;

-- name: MarkDevLabDeviceRemoved :exec
UPDATE devlab_devices SET removed_at = sqlc.arg(now)::timestamptz WHERE id = sqlc.arg(id);
