-- AppConnect's solution templates (migration 00026): a head row with its features,
-- parameters and expected devices, curated by admins.

-- name: ListTemplatesForAdmin :many
-- Every template, the current ones first, with what it holds and how many live deployments
-- were made from it.
SELECT t.id, t.slug, t.name, t.industry, t.summary, t.version, t.retired_at, t.updated_at,
       (SELECT count(*) FROM app_template_features f WHERE f.template_id = t.id)::integer AS feature_count,
       (SELECT count(*) FROM app_template_parameters p WHERE p.template_id = t.id)::integer AS parameter_count,
       (SELECT count(*) FROM app_template_devices d WHERE d.template_id = t.id)::integer AS device_count,
       (SELECT count(*) FROM app_deployments d WHERE d.template_id = t.id AND d.deleted_at IS NULL)::integer AS deployment_count
FROM app_templates t
ORDER BY t.retired_at IS NOT NULL, lower(t.name), t.id;

-- name: ListCatalogueTemplates :many
-- The templates partners may deploy: every one not retired, by name.
SELECT t.id, t.slug, t.name, t.industry, t.summary,
       (SELECT count(*) FROM app_template_features f WHERE f.template_id = t.id)::integer AS feature_count,
       (SELECT count(*) FROM app_template_parameters p WHERE p.template_id = t.id)::integer AS parameter_count,
       (SELECT count(*) FROM app_template_devices d WHERE d.template_id = t.id)::integer AS device_count
FROM app_templates t
WHERE t.retired_at IS NULL
ORDER BY lower(t.name), t.id;

-- name: GetTemplate :one
SELECT * FROM app_templates WHERE id = sqlc.arg(id);

-- name: GetTemplateBySlug :one
SELECT * FROM app_templates WHERE slug = sqlc.arg(slug);

-- name: ListTemplateFeatures :many
-- A template's features, by its id or (id NULL) its address name.
SELECT x.* FROM app_template_features x
WHERE x.template_id = coalesce(sqlc.narg(template_id)::bigint, (SELECT t.id FROM app_templates t WHERE t.slug = sqlc.narg(slug)::text))
ORDER BY x.position;

-- name: ListTemplateParameters :many
-- A template's parameters, by its id or (id NULL) its address name.
SELECT x.* FROM app_template_parameters x
WHERE x.template_id = coalesce(sqlc.narg(template_id)::bigint, (SELECT t.id FROM app_templates t WHERE t.slug = sqlc.narg(slug)::text))
ORDER BY x.position;

-- name: ListTemplateDevices :many
-- A template's devices, by its id or (id NULL) its address name.
SELECT x.* FROM app_template_devices x
WHERE x.template_id = coalesce(sqlc.narg(template_id)::bigint, (SELECT t.id FROM app_templates t WHERE t.slug = sqlc.narg(slug)::text))
ORDER BY x.position;

-- name: CreateTemplate :one
-- Fails on app_templates_slug_key or app_templates_name_key when another template uses them.
INSERT INTO app_templates (slug, name, industry, summary, description, created_at, updated_at)
VALUES (sqlc.arg(slug), sqlc.arg(name), sqlc.arg(industry), sqlc.arg(summary), sqlc.arg(description), sqlc.arg(now), sqlc.arg(now))
RETURNING id;

-- name: UpdateTemplate :one
-- Saves a change and raises the version, unless someone saved another since the form was
-- opened (expected_version): then no row.
UPDATE app_templates
SET slug = sqlc.arg(slug), name = sqlc.arg(name), industry = sqlc.arg(industry), summary = sqlc.arg(summary),
    description = sqlc.arg(description), version = version + 1, updated_at = sqlc.arg(now)
WHERE id = sqlc.arg(id) AND version = sqlc.arg(expected_version)
RETURNING version;

-- name: DeleteTemplateParts :exec
-- Removes a template's features, parameters and devices, before the edited ones are written.
WITH f AS (DELETE FROM app_template_features f WHERE f.template_id = $1),
     p AS (DELETE FROM app_template_parameters p WHERE p.template_id = $1)
DELETE FROM app_template_devices d WHERE d.template_id = $1;

-- name: CreateTemplateFeature :exec
INSERT INTO app_template_features (template_id, position, key, name, description, required, default_on)
VALUES (sqlc.arg(template_id), sqlc.arg(position), sqlc.arg(key), sqlc.arg(name), sqlc.arg(description),
        sqlc.arg(required), sqlc.arg(default_on));

-- name: CreateTemplateParameter :exec
INSERT INTO app_template_parameters (template_id, position, key, label, help, kind, required, default_value,
                                     minimum, maximum, choices)
VALUES (sqlc.arg(template_id), sqlc.arg(position), sqlc.arg(key), sqlc.arg(label), sqlc.arg(help), sqlc.arg(kind),
        sqlc.arg(required), sqlc.arg(default_value), sqlc.narg(minimum), sqlc.narg(maximum), sqlc.arg(choices)::text[]);

-- name: CreateTemplateDevice :exec
INSERT INTO app_template_devices (template_id, position, key, name, attributes)
VALUES (sqlc.arg(template_id), sqlc.arg(position), sqlc.arg(key), sqlc.arg(name), sqlc.arg(attributes)::text[]);

-- name: SetTemplateRetired :one
-- Retires a template (retired_at set) or brings it back (NULL), and raises its version.
UPDATE app_templates SET retired_at = sqlc.narg(retired_at), version = version + 1, updated_at = sqlc.arg(now)
WHERE id = sqlc.arg(id)
RETURNING name;

-- name: LockTemplate :one
-- A template, locked against a concurrent edit while a deployment is made from it.
SELECT * FROM app_templates WHERE id = sqlc.arg(id) FOR SHARE;
