-- AppConnect's wizard answers (migration 00026). Every query is scoped by company_id: another
-- company's draft is simply not found.

-- name: LockCompanyAppConnect :exec
-- Locks the company's AppConnect service until the transaction ends, for a change in the
-- module (LockProductPlan says why a lock and a state read after it suffice).
SELECT 1 FROM services
WHERE company_id = sqlc.arg(company_id) AND module = 'appconnect'
FOR SHARE;

-- name: CreateDraft :one
INSERT INTO app_drafts (company_id, template_id, deployment_id, name, environment, features, reached,
                        created_by, created_at, updated_at)
VALUES (sqlc.arg(company_id), sqlc.arg(template_id), sqlc.narg(deployment_id), sqlc.arg(name),
        sqlc.narg(environment), sqlc.arg(features)::text[], sqlc.arg(reached), sqlc.arg(created_by), sqlc.arg(now), sqlc.arg(now))
RETURNING id;

-- name: GetCompanyDraft :one
-- A draft of the company with its template, and the deployment it reconfigures (if any).
SELECT sqlc.embed(d), sqlc.embed(t),
       coalesce(dep.name, '')::text AS deployment_name, dep.revision AS deployment_revision,
       dep.status AS deployment_status, dep.deleted_at AS deployment_deleted_at
FROM app_drafts d
JOIN app_templates t ON t.id = d.template_id
LEFT JOIN app_deployments dep ON dep.id = d.deployment_id
WHERE d.id = sqlc.arg(id) AND d.company_id = sqlc.arg(company_id);

-- name: ListDraftValues :many
SELECT v.key, v.value FROM app_draft_values v
JOIN app_drafts d ON d.id = v.draft_id
WHERE v.draft_id = sqlc.arg(draft_id) AND d.company_id = sqlc.arg(company_id);

-- name: ListDraftDevices :many
SELECT v.slot, v.design_id FROM app_draft_devices v
JOIN app_drafts d ON d.id = v.draft_id
WHERE v.draft_id = sqlc.arg(draft_id) AND d.company_id = sqlc.arg(company_id);

-- name: ListCompanyOpenDrafts :many
-- The company's drafts not deployed yet, the last touched first.
SELECT d.id, d.name, d.reached, d.updated_at, d.deployment_id, t.name AS template_name
FROM app_drafts d
JOIN app_templates t ON t.id = d.template_id
WHERE d.company_id = sqlc.arg(company_id) AND d.applied_at IS NULL
ORDER BY d.updated_at DESC, d.id DESC
LIMIT 10;

-- name: SaveDraftSetup :execrows
-- The name and environment; 0 rows when the draft is not the company's or was deployed.
UPDATE app_drafts SET name = sqlc.arg(name), environment = sqlc.arg(environment)::environment,
    reached = greatest(reached, 1), updated_at = sqlc.arg(now)
WHERE id = sqlc.arg(id) AND company_id = sqlc.arg(company_id) AND applied_at IS NULL;

-- name: SaveDraftFeatures :execrows
UPDATE app_drafts SET features = sqlc.arg(features)::text[], reached = greatest(reached, 2), updated_at = sqlc.arg(now)
WHERE id = sqlc.arg(id) AND company_id = sqlc.arg(company_id) AND applied_at IS NULL;

-- name: SaveDraftReached :execrows
-- Marks a step answered (parameters: 3, devices: 4), once its answers are stored.
UPDATE app_drafts SET reached = greatest(reached, sqlc.arg(reached)), updated_at = sqlc.arg(now)
WHERE id = sqlc.arg(id) AND company_id = sqlc.arg(company_id) AND applied_at IS NULL;

-- name: ReplaceDraftValues :exec
-- The parameters' values as typed (keys[i] = values[i]); others are removed.
WITH gone AS (
    DELETE FROM app_draft_values WHERE draft_id = sqlc.arg(draft_id) AND NOT (key = ANY (sqlc.arg(keys)::text[])))
INSERT INTO app_draft_values (draft_id, key, value)
SELECT sqlc.arg(draft_id), (sqlc.arg(keys)::text[])[i], (sqlc.arg(vals)::text[])[i]
FROM generate_subscripts(sqlc.arg(keys)::text[], 1) AS i
ON CONFLICT (draft_id, key) DO UPDATE SET value = excluded.value;

-- name: ReplaceDraftDevices :exec
-- The designs chosen per expected device (slots[i] gets designs[i]); other choices are removed.
-- Only the company's designs are written.
WITH gone AS (
    DELETE FROM app_draft_devices WHERE draft_id = sqlc.arg(draft_id) AND NOT (slot = ANY (sqlc.arg(slots)::text[])))
INSERT INTO app_draft_devices (draft_id, slot, design_id)
SELECT sqlc.arg(draft_id), (sqlc.arg(slots)::text[])[i], dd.id
FROM generate_subscripts(sqlc.arg(slots)::text[], 1) AS i
JOIN device_designs dd ON dd.id = (sqlc.arg(designs)::bigint[])[i] AND dd.company_id = sqlc.arg(company_id)
ON CONFLICT (draft_id, slot) DO UPDATE SET design_id = excluded.design_id;

-- name: MarkDraftApplied :execrows
-- The draft became revision applied_revision of a deployment; 0 rows when it already had.
UPDATE app_drafts SET applied_at = sqlc.arg(now)::timestamptz, applied_deployment_id = sqlc.arg(deployment_id)::bigint,
    applied_revision = sqlc.arg(revision)::integer, updated_at = sqlc.arg(now)
WHERE id = sqlc.arg(id) AND company_id = sqlc.arg(company_id) AND applied_at IS NULL;

-- name: DeleteDraft :execrows
DELETE FROM app_drafts WHERE id = sqlc.arg(id) AND company_id = sqlc.arg(company_id) AND applied_at IS NULL;

-- name: ListDesignMatches :many
-- Each device the template expects against each of the company's designs (current version):
-- the attribute names the design lacks (none: it matches).
SELECT td.key AS slot, dd.id AS design_id, dd.name AS design_name, dd.version AS design_version,
       ARRAY(SELECT unnest(td.attributes) EXCEPT SELECT unnest(design_attribute_names(v.model)))::text[] AS missing
FROM app_template_devices td
CROSS JOIN device_designs dd
JOIN device_design_versions v ON v.design_id = dd.id AND v.version = dd.version
WHERE td.template_id = sqlc.arg(template_id) AND dd.company_id = sqlc.arg(company_id)
ORDER BY td.position, lower(dd.name), dd.id;
