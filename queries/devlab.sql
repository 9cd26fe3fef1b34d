-- name: GetDevLabConsole :one
-- Everything the DevLab console shows, in one round trip: the company's sandbox plans with
-- their state at today, its sandbox API keys, its test devices and the last 50 sandbox reports.
-- Each part is a JSON array the handler reads into its own struct.
SELECT
    coalesce((
        SELECT jsonb_agg(jsonb_build_object(
            'service_id', ss.service_id, 'module', ss.module, 'module_name', m.name, 'state', ss.state,
            'valid_until', ss.valid_until,
            'message_quota', ss.message_quota, 'messages_used', ss.messages_used, 'message_allowance', ss.message_allowance,
            'messages_left_allowance', ss.messages_left_allowance,
            'device_quota', ss.device_quota, 'devices_used', ss.devices_used, 'device_allowance', ss.device_allowance,
            'devices_left_allowance', ss.devices_left_allowance)
            ORDER BY m.position)
        FROM service_states(sqlc.arg(today)::date) ss
        JOIN modules m ON m.key = ss.module
        WHERE ss.company_id = sqlc.arg(company_id)::bigint AND ss.environment = 'sandbox'), '[]')::jsonb AS plans,
    coalesce((
        SELECT jsonb_agg(jsonb_build_object('id', k.id, 'name', k.name, 'prefix', k.prefix,
            'created_at', k.created_at, 'last_used_at', k.last_used_at) ORDER BY k.created_at DESC, k.id DESC)
        FROM api_keys k
        WHERE k.company_id = sqlc.arg(company_id) AND k.environment = 'sandbox' AND k.revoked_at IS NULL), '[]')::jsonb AS api_keys,
    coalesce((
        SELECT jsonb_agg(jsonb_build_object('id', d.id, 'name', d.name, 'module', s.module,
            'created_at', d.created_at, 'removed_at', d.removed_at) ORDER BY d.removed_at IS NOT NULL, d.created_at DESC, d.id DESC)
        FROM devlab_devices d JOIN services s ON s.id = d.service_id
        WHERE d.company_id = sqlc.arg(company_id)), '[]')::jsonb AS devices,
    coalesce((
        SELECT jsonb_agg(jsonb_build_object('id', l.id, 'created_at', l.created_at, 'source', l.source,
            'key_prefix', l.prefix, 'module', l.module, 'metric', l.metric, 'quantity', l.quantity,
            'accepted', l.accepted, 'code', l.code, 'state', l.state_after, 'used', l.used_after,
            'status', l.response_status) ORDER BY l.id DESC)
        FROM (SELECT r.*, k.prefix FROM usage_reports r LEFT JOIN api_keys k ON k.id = r.api_key_id
              WHERE r.company_id = sqlc.arg(company_id) AND r.environment = 'sandbox'
              ORDER BY r.id DESC LIMIT 50) l), '[]')::jsonb AS reports;

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
