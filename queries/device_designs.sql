-- ExpressConnect device designs (migration 00025): a head row per design and a frozen row per
-- version. Every query is scoped by company_id (partners) or staff_can_see (staff): another
-- company's design is simply not found.

-- name: ListCompanyDesigns :many
-- The company's designs, the last changed first, each with its current version's header.
SELECT d.id, d.name, d.version, d.origin, d.updated_at, v.protocol, v.authentication,
       v.attribute_count, v.command_count, v.property_count, v.flow_count,
       p.name AS product_name
FROM device_designs d
JOIN device_design_versions v ON v.design_id = d.id AND v.version = d.version
LEFT JOIN products p ON p.id = v.product_id
WHERE d.company_id = sqlc.arg(company_id)
ORDER BY d.updated_at DESC, d.id DESC;

-- name: GetCompanyDesignVersion :one
-- One version of a design of the company (its current one when version is NULL), with the
-- product it links and who saved it.
SELECT d.id, d.company_id, d.version AS current_version, d.origin, d.created_at,
       v.version, v.name, v.description, v.product_id, v.protocol, v.authentication, v.model,
       v.saved_at, v.note, p.slug AS product_slug, p.name AS product_name,
       coalesce(u.name, '')::text AS saved_by_name
FROM device_designs d
JOIN device_design_versions v ON v.design_id = d.id AND v.version = coalesce(sqlc.narg(version)::integer, d.version)
LEFT JOIN products p ON p.id = v.product_id
LEFT JOIN users u ON u.id = v.saved_by
WHERE d.id = sqlc.arg(id) AND d.company_id = sqlc.arg(company_id);

-- name: ListDesignVersions :many
-- Every version of a design of the company, newest first.
SELECT v.version, v.name, v.saved_at, v.note, coalesce(u.name, '')::text AS saved_by_name,
       v.attribute_count, v.command_count, v.property_count, v.flow_count
FROM device_design_versions v
JOIN device_designs d ON d.id = v.design_id
LEFT JOIN users u ON u.id = v.saved_by
WHERE v.design_id = sqlc.arg(id) AND d.company_id = sqlc.arg(company_id)
ORDER BY v.version DESC;

-- name: ListCompanyDesignNames :many
-- The names the company's designs use, to find a free one for a copy.
SELECT name FROM device_designs WHERE company_id = sqlc.arg(company_id);

-- name: ListDesignProductChoices :many
-- The hardware products a design of the company may link: those not archived, and the one
-- the design links now (keep_id), even if archived since.
SELECT p.id, p.name, p.slug, p.environment, p.archived_at
FROM products p
WHERE p.company_id = sqlc.arg(company_id) AND p.module = 'hardware'
  AND (p.archived_at IS NULL OR p.id = sqlc.narg(keep_id)::bigint)
ORDER BY lower(p.name), p.id;

-- name: LockCompanyExpressConnect :exec
-- Locks the company's ExpressConnect service until the transaction ends, for a change to a
-- design (LockProductPlan says why a lock and a state read after it suffice).
SELECT 1 FROM services
WHERE company_id = sqlc.arg(company_id) AND module = 'expressconnect'
FOR SHARE;

-- name: CreateDesign :one
-- A new design's head at version 1; fails on device_designs_company_name_key when the company
-- already has a design of that name.
INSERT INTO device_designs (company_id, name, origin, created_by, created_at, updated_at)
VALUES (sqlc.arg(company_id), sqlc.arg(name), sqlc.arg(origin), sqlc.arg(created_by), sqlc.arg(now), sqlc.arg(now))
RETURNING id;

-- name: AdvanceDesign :one
-- Raises a design's version for a saved change, unless someone saved another since the form
-- was opened (expected_version): then no row. Fails on device_designs_company_name_key.
UPDATE device_designs SET version = version + 1, name = sqlc.arg(name), updated_at = sqlc.arg(now)
WHERE id = sqlc.arg(id) AND company_id = sqlc.arg(company_id) AND version = sqlc.arg(expected_version)
RETURNING version;

-- name: CreateDesignVersion :execrows
-- Stores a version of a design of the company. 0 rows when product_id is not one of the
-- company's hardware products (nothing is written).
INSERT INTO device_design_versions (design_id, version, name, description, product_id, protocol,
                                    authentication, model, saved_by, saved_at, note)
SELECT d.id, sqlc.arg(version), sqlc.arg(name), sqlc.arg(description), sqlc.narg(product_id),
       sqlc.arg(protocol), sqlc.arg(authentication), sqlc.arg(model), sqlc.arg(saved_by), sqlc.arg(now), sqlc.arg(note)
FROM device_designs d
WHERE d.id = sqlc.arg(design_id) AND d.company_id = sqlc.arg(company_id)
  AND (sqlc.narg(product_id)::bigint IS NULL OR EXISTS (
        SELECT 1 FROM products p
        WHERE p.id = sqlc.narg(product_id)::bigint AND p.company_id = sqlc.arg(company_id) AND p.module = 'hardware'));

-- name: FindCompanyHardwareProductBySlug :many
-- The company's hardware product with slug, for an import that names one (none or one row).
SELECT p.id FROM products p
WHERE p.company_id = sqlc.arg(company_id) AND p.module = 'hardware' AND p.slug = sqlc.arg(slug);

-- name: ListCompanyDesignsForStaff :many
-- A company's designs for a staff member who may see it (none otherwise), the last changed
-- first.
SELECT d.id, d.name, d.version, d.origin, d.updated_at, v.protocol, v.authentication,
       v.attribute_count, v.command_count, v.property_count, v.flow_count,
       p.name AS product_name
FROM device_designs d
JOIN device_design_versions v ON v.design_id = d.id AND v.version = d.version
LEFT JOIN products p ON p.id = v.product_id
WHERE d.company_id = sqlc.arg(company_id) AND d.company_id IN (SELECT sc.company_id FROM staff_companies(sqlc.arg(viewer_id)::bigint) sc)
ORDER BY d.updated_at DESC, d.id DESC;

-- name: GetDesignForStaff :one
-- A design's current version, for a staff member who may see its company.
SELECT d.id, d.company_id, d.version AS current_version, d.origin, d.created_at,
       v.version, v.name, v.description, v.product_id, v.protocol, v.authentication, v.model,
       v.saved_at, v.note, p.slug AS product_slug, p.name AS product_name,
       coalesce(u.name, '')::text AS saved_by_name
FROM device_designs d
JOIN device_design_versions v ON v.design_id = d.id AND v.version = d.version
LEFT JOIN products p ON p.id = v.product_id
LEFT JOIN users u ON u.id = v.saved_by
WHERE d.id = sqlc.arg(id) AND d.company_id = sqlc.arg(company_id)
  AND d.company_id IN (SELECT sc.company_id FROM staff_companies(sqlc.arg(viewer_id)::bigint) sc);

-- name: DeleteDemoDesigns :exec
-- The demo seed starts a demo company's designs over (their versions go with them).
DELETE FROM device_designs WHERE company_id = $1;

-- name: SetDemoDesignVersion :exec
-- The demo seed writes a design's versions itself, then points its head at the last one.
UPDATE device_designs SET version = sqlc.arg(version), updated_at = sqlc.arg(updated_at) WHERE id = sqlc.arg(id);
