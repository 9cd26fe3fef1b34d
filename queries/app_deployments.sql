-- AppConnect's deployments and their revisions (migration 00026). Partner queries are scoped by
-- company_id, staff queries by staff_can_see; a deleted deployment is found by neither.

-- name: ListCompanyDeployments :many
-- The company's deployments, the last changed first, with the latest run's progress.
SELECT d.id, d.name, d.environment, d.status, d.revision, d.endpoint, d.updated_at,
       t.name AS template_name, coalesce(r.status, 'succeeded')::app_run_status AS run_status,
       coalesce(s.done, 0)::integer AS steps_done, coalesce(s.total, 0)::integer AS steps_total
FROM app_deployments d
JOIN app_templates t ON t.id = d.template_id
LEFT JOIN LATERAL (SELECT * FROM app_runs WHERE deployment_id = d.id ORDER BY id DESC LIMIT 1) r ON true
LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE status = 'done') AS done, count(*) AS total
                   FROM app_run_steps WHERE run_id = r.id) s ON true
WHERE d.company_id = sqlc.arg(company_id) AND d.deleted_at IS NULL
ORDER BY d.updated_at DESC, d.id DESC;

-- name: GetCompanyDeployment :one
-- A deployment of the company with its template and the product made from it.
SELECT sqlc.embed(d), t.name AS template_name, t.slug AS template_slug, t.summary AS template_summary,
       t.description AS template_description, t.industry AS template_industry,
       t.retired_at AS template_retired_at, p.name AS product_name
FROM app_deployments d
JOIN app_templates t ON t.id = d.template_id
LEFT JOIN products p ON p.id = d.product_id
WHERE d.id = sqlc.arg(id) AND d.company_id = sqlc.arg(company_id) AND d.deleted_at IS NULL;

-- name: LockCompanyDeployment :one
-- A deployment of the company, locked for a change (stop, start, retry, reconfigure, delete).
SELECT * FROM app_deployments
WHERE id = sqlc.arg(id) AND company_id = sqlc.arg(company_id) AND deleted_at IS NULL
FOR UPDATE;

-- name: ListDeploymentRevisions :many
-- Every revision of a deployment of the company, newest first, with who made it and what it
-- holds.
SELECT r.revision, r.template_version, r.note, r.made_at, coalesce(u.name, '')::text AS made_by_name,
       (SELECT count(*) FROM app_revision_features f WHERE f.deployment_id = r.deployment_id AND f.revision = r.revision)::integer AS feature_count,
       (SELECT count(*) FROM app_revision_values v WHERE v.deployment_id = r.deployment_id AND v.revision = r.revision)::integer AS value_count,
       (SELECT count(*) FROM app_revision_devices v WHERE v.deployment_id = r.deployment_id AND v.revision = r.revision)::integer AS device_count
FROM app_revisions r
JOIN app_deployments d ON d.id = r.deployment_id
LEFT JOIN users u ON u.id = r.made_by
WHERE r.deployment_id = sqlc.arg(deployment_id) AND d.company_id = sqlc.arg(company_id)
ORDER BY r.revision DESC;

-- name: ListRevisionFeatures :many
-- The features a revision of a deployment of the company switched on (its latest revision
-- when revision is NULL).
SELECT f.key, f.name FROM app_revision_features f
JOIN app_deployments d ON d.id = f.deployment_id
WHERE f.deployment_id = sqlc.arg(deployment_id) AND d.company_id = sqlc.arg(company_id)
  AND f.revision = coalesce(sqlc.narg(revision)::integer, d.revision)
ORDER BY f.position;

-- name: ListRevisionValues :many
SELECT v.key, v.label, v.kind, v.value FROM app_revision_values v
JOIN app_deployments d ON d.id = v.deployment_id
WHERE v.deployment_id = sqlc.arg(deployment_id) AND d.company_id = sqlc.arg(company_id)
  AND v.revision = coalesce(sqlc.narg(revision)::integer, d.revision)
ORDER BY v.position;

-- name: ListRevisionDevices :many
SELECT v.slot, v.slot_name, v.design_id, v.design_name, v.design_version FROM app_revision_devices v
JOIN app_deployments d ON d.id = v.deployment_id
WHERE v.deployment_id = sqlc.arg(deployment_id) AND d.company_id = sqlc.arg(company_id)
  AND v.revision = coalesce(sqlc.narg(revision)::integer, d.revision)
ORDER BY v.position;

-- name: CreateDeployment :one
-- Fails on app_deployments_company_name_key when a live deployment of the company has the name.
INSERT INTO app_deployments (company_id, template_id, name, environment, created_by, created_at, updated_at)
VALUES (sqlc.arg(company_id), sqlc.arg(template_id), sqlc.arg(name), sqlc.arg(environment), sqlc.arg(created_by),
        sqlc.arg(now), sqlc.arg(now))
RETURNING id;

-- name: AdvanceDeployment :exec
-- A new revision becomes the latest and its run starts.
UPDATE app_deployments SET revision = sqlc.arg(revision), status = 'deploying', updated_at = sqlc.arg(now)
WHERE id = sqlc.arg(id);

-- name: CreateRevision :exec
-- A revision with what it holds, written once: features (keys[i] named names[i]), values and
-- devices, in the order given.
WITH r AS (
    INSERT INTO app_revisions (deployment_id, revision, template_version, note, made_by, made_at)
    VALUES (sqlc.arg(deployment_id), sqlc.arg(revision), sqlc.arg(template_version), sqlc.arg(note),
            sqlc.arg(made_by), sqlc.arg(now))
    RETURNING deployment_id, revision),
f AS (
    INSERT INTO app_revision_features (deployment_id, revision, position, key, name)
    SELECT r.deployment_id, r.revision, i, (sqlc.arg(feature_keys)::text[])[i], (sqlc.arg(feature_names)::text[])[i]
    FROM r, generate_subscripts(sqlc.arg(feature_keys)::text[], 1) AS i),
v AS (
    INSERT INTO app_revision_values (deployment_id, revision, position, key, label, kind, value)
    SELECT r.deployment_id, r.revision, i, (sqlc.arg(value_keys)::text[])[i], (sqlc.arg(value_labels)::text[])[i],
           ((sqlc.arg(value_kinds)::text[])[i])::app_parameter_kind, (sqlc.arg(value_values)::text[])[i]
    FROM r, generate_subscripts(sqlc.arg(value_keys)::text[], 1) AS i)
INSERT INTO app_revision_devices (deployment_id, revision, position, slot, slot_name, design_id, design_name, design_version)
SELECT r.deployment_id, r.revision, i, (sqlc.arg(device_slots)::text[])[i], (sqlc.arg(device_slot_names)::text[])[i],
       (sqlc.arg(device_designs)::bigint[])[i], (sqlc.arg(device_design_names)::text[])[i],
       (sqlc.arg(device_design_versions)::integer[])[i]
FROM r, generate_subscripts(sqlc.arg(device_slots)::text[], 1) AS i;

-- name: SetDeploymentStatus :exec
UPDATE app_deployments SET status = sqlc.arg(status), updated_at = sqlc.arg(now) WHERE id = sqlc.arg(id);

-- name: SetDeploymentEndpoint :exec
UPDATE app_deployments SET endpoint = sqlc.arg(endpoint), updated_at = sqlc.arg(now) WHERE id = sqlc.arg(id);

-- name: SetDeploymentProduct :exec
UPDATE app_deployments SET product_id = sqlc.arg(product_id), updated_at = sqlc.arg(now) WHERE id = sqlc.arg(id);

-- name: DeleteDeployment :exec
-- Takes a deployment out of every list; its revisions, runs and log stay.
UPDATE app_deployments SET deleted_at = sqlc.arg(now)::timestamptz, updated_at = sqlc.arg(now) WHERE id = sqlc.arg(id);

-- name: ListCompanyDeploymentsForStaff :many
-- A company's deployments for its account manager (and admins), as ListCompanyDeployments.
SELECT d.id, d.name, d.environment, d.status, d.revision, d.endpoint, d.updated_at,
       t.name AS template_name, coalesce(r.status, 'succeeded')::app_run_status AS run_status,
       coalesce(s.done, 0)::integer AS steps_done, coalesce(s.total, 0)::integer AS steps_total
FROM app_deployments d
JOIN app_templates t ON t.id = d.template_id
LEFT JOIN LATERAL (SELECT * FROM app_runs WHERE deployment_id = d.id ORDER BY id DESC LIMIT 1) r ON true
LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE status = 'done') AS done, count(*) AS total
                   FROM app_run_steps WHERE run_id = r.id) s ON true
WHERE d.company_id = sqlc.arg(company_id) AND d.deleted_at IS NULL AND staff_can_see(d.company_id, sqlc.arg(viewer_id))
ORDER BY d.updated_at DESC, d.id DESC;

-- name: GetDeploymentForStaff :one
SELECT sqlc.embed(d), t.name AS template_name, t.slug AS template_slug, t.summary AS template_summary,
       t.description AS template_description, t.industry AS template_industry,
       t.retired_at AS template_retired_at, p.name AS product_name
FROM app_deployments d
JOIN app_templates t ON t.id = d.template_id
LEFT JOIN products p ON p.id = d.product_id
WHERE d.id = sqlc.arg(id) AND d.company_id = sqlc.arg(company_id) AND d.deleted_at IS NULL
  AND staff_can_see(d.company_id, sqlc.arg(viewer_id));

-- name: DeleteDemoDrafts :exec
DELETE FROM app_drafts WHERE company_id = sqlc.arg(company_id);

-- name: DeleteDemoDeployments :exec
-- A demo company's deployments, with everything they hold (after its drafts).
DELETE FROM app_deployments WHERE company_id = sqlc.arg(company_id);

-- name: DeploymentNameTaken :one
-- Whether another live deployment of the company has the name (compared without case).
SELECT EXISTS (
    SELECT 1 FROM app_deployments
    WHERE company_id = sqlc.arg(company_id) AND lower(name) = lower(sqlc.arg(name)) AND deleted_at IS NULL
      AND id <> coalesce(sqlc.narg(except_id)::bigint, 0));

-- name: GetOpenReconfiguration :one
-- The company's reconfiguration of a deployment begun and not applied yet, if any.
SELECT id FROM app_drafts
WHERE deployment_id = sqlc.arg(deployment_id)::bigint AND company_id = sqlc.arg(company_id) AND applied_at IS NULL
ORDER BY id DESC
LIMIT 1;
