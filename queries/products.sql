-- My Products. Prices travel as text (numeric → text → numeric), so Go never holds money in a
-- float. Every query is scoped by company_id: another company's product is simply not found.

-- name: ListCompanyProducts :many
-- One page of a company's products in the plans it may see (plans: "module:environment" keys
-- whose state is not hidden), with the number of matches on every row. archived picks the
-- archived products instead of the others. pattern is an ILIKE pattern, already escaped.
SELECT p.id, p.module, p.environment, p.name, p.slug, p.summary, p.category, p.version,
       p.price::text AS price, p.currency, p.pricing_model, p.status, p.archived_at, p.updated_at,
       count(*) OVER ()::integer AS total
FROM products p
WHERE p.company_id = sqlc.arg(company_id)
  AND p.module::text || ':' || p.environment::text = ANY (sqlc.arg(plans)::text[])
  AND (p.archived_at IS NOT NULL) = sqlc.arg(archived)::boolean
  AND (sqlc.narg(pattern)::text IS NULL OR p.name ILIKE sqlc.narg(pattern) OR p.summary ILIKE sqlc.narg(pattern)
       OR p.model_number ILIKE sqlc.narg(pattern))
  AND (sqlc.narg(module)::module_key IS NULL OR p.module = sqlc.narg(module))
  AND (sqlc.narg(environment)::environment IS NULL OR p.environment = sqlc.narg(environment))
  AND (sqlc.narg(status)::product_status IS NULL OR p.status = sqlc.narg(status))
  AND (sqlc.narg(category)::product_category IS NULL OR p.category = sqlc.narg(category))
ORDER BY
    CASE WHEN sqlc.arg(sort)::text = 'name' THEN lower(p.name) END,
    CASE WHEN sqlc.arg(sort)::text = '-name' THEN lower(p.name) END DESC,
    CASE WHEN sqlc.arg(sort)::text = 'price' THEN p.price END,
    CASE WHEN sqlc.arg(sort)::text = '-price' THEN p.price END DESC,
    CASE WHEN sqlc.arg(sort)::text = 'updated' THEN p.updated_at END,
    CASE WHEN sqlc.arg(sort)::text = '-updated' THEN p.updated_at END DESC,
    p.id DESC
LIMIT sqlc.arg(page_size) OFFSET sqlc.arg(page_offset);

-- name: GetCompanyProduct :one
-- A product of the company. The product's routes read it with ListProductPurchases in one
-- batch, so its page is one round trip.
SELECT p.id, p.company_id, p.module, p.environment, p.name, p.slug, p.summary, p.description,
       p.category, p.version, p.price::text AS price, p.currency, p.pricing_model, p.status,
       p.model_number, p.connectivity, p.deployment, p.revision, p.archived_at, p.created_at, p.updated_at,
       -- the AppConnect deployment it was made from, if any
       coalesce(app.id, 0)::bigint AS app_deployment_id, coalesce(app.name, '')::text AS app_deployment_name
FROM products p
LEFT JOIN LATERAL (SELECT d.id, d.name FROM app_deployments d
                   WHERE d.product_id = p.id AND d.company_id = p.company_id AND d.deleted_at IS NULL
                   ORDER BY d.id LIMIT 1) app ON true
WHERE p.id = sqlc.arg(id) AND p.company_id = sqlc.arg(company_id);

-- name: ListProductPurchases :many
-- The 200 latest purchases of a product of the company (consumer, when, units, price paid),
-- each with how many there are in all; none when the product is not the company's.
SELECT l.id, u.name AS consumer_name, u.email AS consumer_email, l.purchased_at,
       l.price::text AS price, l.currency, l.pricing_model, l.quantity, l.total
FROM (SELECT pu.id, pu.consumer_id, pu.purchased_at, pu.price, pu.currency, pu.pricing_model, pu.quantity,
             count(*) OVER ()::integer AS total
      FROM purchases pu
      JOIN products p ON p.id = pu.product_id
      WHERE pu.product_id = sqlc.arg(id) AND p.company_id = sqlc.arg(company_id)
      ORDER BY pu.purchased_at DESC, pu.id DESC
      LIMIT 200) l
JOIN users u ON u.id = l.consumer_id
ORDER BY l.purchased_at DESC, l.id DESC;

-- name: LockProductPlan :exec
-- Locks the company's service for a plan (module + environment) until the transaction ends.
-- Every change to a service updates its row, so a deactivation either committed before this
-- lock, and the state read after it (GetCompanyModuleState) sees it, or waits until the product
-- write is committed. No row is locked when the company has no such plan: its state is 'none'.
SELECT 1 FROM services
WHERE company_id = sqlc.arg(company_id) AND module = sqlc.arg(module) AND environment = sqlc.arg(environment)::environment
FOR SHARE;

-- name: CreateProduct :one
-- Fails with a unique violation on products_company_slug_key when the company already uses
-- the slug. created_at and updated_at are the application's clock.
INSERT INTO products (company_id, module, environment, name, slug, summary, description, category,
                      version, price, currency, pricing_model, status, model_number, connectivity,
                      deployment, created_at, updated_at)
VALUES (sqlc.arg(company_id), sqlc.arg(module), sqlc.arg(environment), sqlc.arg(name), sqlc.arg(slug),
        sqlc.arg(summary), sqlc.arg(description), sqlc.arg(category), sqlc.arg(version),
        sqlc.arg(price)::text::numeric, sqlc.arg(currency), sqlc.arg(pricing_model), sqlc.arg(status),
        sqlc.narg(model_number), sqlc.narg(connectivity)::text[], sqlc.narg(deployment),
        sqlc.arg(now), sqlc.arg(now))
RETURNING id;

-- name: UpdateProduct :one
-- Optimistic concurrency: no row (pgx.ErrNoRows) when the product changed since the form was
-- opened (expected_revision), was archived, or is not the company's. Kind and environment stay.
UPDATE products SET
    name = sqlc.arg(name), slug = sqlc.arg(slug), summary = sqlc.arg(summary),
    description = sqlc.arg(description), category = sqlc.arg(category), version = sqlc.arg(version),
    price = sqlc.arg(price)::text::numeric, currency = sqlc.arg(currency),
    pricing_model = sqlc.arg(pricing_model), status = sqlc.arg(status),
    model_number = sqlc.narg(model_number), connectivity = sqlc.narg(connectivity)::text[],
    deployment = sqlc.narg(deployment),
    revision = revision + 1, updated_at = sqlc.arg(now)
WHERE id = sqlc.arg(id) AND company_id = sqlc.arg(company_id)
  AND revision = sqlc.arg(expected_revision) AND archived_at IS NULL
RETURNING id;

-- name: ArchiveProduct :execrows
-- Takes the product out of lists; its purchases and history keep it. Archiving twice changes
-- nothing the second time.
UPDATE products SET archived_at = sqlc.arg(now)::timestamptz, revision = revision + 1
WHERE id = sqlc.arg(id) AND company_id = sqlc.arg(company_id) AND archived_at IS NULL;

-- name: ListCompanySlugsLike :many
-- The company's slugs that are base or base-N, to suggest a free one after a duplicate.
SELECT slug FROM products
WHERE company_id = sqlc.arg(company_id) AND (slug = sqlc.arg(base)::text OR slug LIKE sqlc.arg(base)::text || '-%');

-- name: SetProductStatus :execrows
-- Publishes a product or takes it back to draft; 0 rows when it is archived or not the company's.
UPDATE products SET status = sqlc.arg(status), revision = revision + 1, updated_at = sqlc.arg(now)
WHERE id = sqlc.arg(id) AND company_id = sqlc.arg(company_id) AND archived_at IS NULL;

-- name: UpsertDemoProduct :one
-- Used by the demo seed: a demo product is matched by its slug and gets its demo values back.
INSERT INTO products (company_id, module, environment, name, slug, summary, description, category,
                      version, price, currency, pricing_model, status, model_number, connectivity,
                      deployment, archived_at, created_at, updated_at)
VALUES (sqlc.arg(company_id), sqlc.arg(module), sqlc.arg(environment), sqlc.arg(name), sqlc.arg(slug),
        sqlc.arg(summary), sqlc.arg(description), sqlc.arg(category), sqlc.arg(version),
        sqlc.arg(price)::text::numeric, sqlc.arg(currency), sqlc.arg(pricing_model), sqlc.arg(status),
        sqlc.narg(model_number), sqlc.narg(connectivity)::text[], sqlc.narg(deployment),
        sqlc.narg(archived_at), sqlc.arg(created_at), sqlc.arg(updated_at))
ON CONFLICT ON CONSTRAINT products_company_slug_key DO UPDATE SET
    module = EXCLUDED.module, environment = EXCLUDED.environment, name = EXCLUDED.name,
    summary = EXCLUDED.summary, description = EXCLUDED.description, category = EXCLUDED.category,
    version = EXCLUDED.version, price = EXCLUDED.price, currency = EXCLUDED.currency,
    pricing_model = EXCLUDED.pricing_model, status = EXCLUDED.status,
    model_number = EXCLUDED.model_number, connectivity = EXCLUDED.connectivity,
    deployment = EXCLUDED.deployment, archived_at = EXCLUDED.archived_at, revision = 1,
    created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at
RETURNING id;

-- name: DeleteDemoProductsExcept :exec
-- Used by the demo seed: removes a demo company's products that are not in the demo (its
-- purchases must be gone first).
DELETE FROM products WHERE company_id = sqlc.arg(company_id) AND NOT (slug = ANY (sqlc.arg(keep)::text[]));
