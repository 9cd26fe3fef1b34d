-- Solutions Hub listings, the partner's side: a company's listable products (published,
-- production, not archived) with their copy and, as consumers see them today, whether they are
-- visible and purchasable (SPEC §5, decided by hub_visible and hub_purchasable).

-- name: GetCompanyListings :one
-- The Hub listings page in one round trip: the company's Hub profile, its Solutions Hub state,
-- and its listable products as JSON.
SELECT c.hub_tagline, c.hub_contact_email, c.slug, hs.hub::service_state AS hub_state,
       (SELECT coalesce(jsonb_agg(jsonb_build_object(
                   'product_id', x.product_id, 'name', x.name, 'slug', x.slug, 'module', x.module,
                   'category', x.category, 'price', x.price::text, 'currency', x.currency,
                   'pricing_model', x.pricing_model, 'tagline', x.tagline, 'highlights', x.highlights,
                   'listed_at', x.listed_at, 'plan_state', x.plan_state,
                   'visible', x.listed_at IS NOT NULL AND hub_visible(hs.hub, x.plan_state),
                   'purchasable', x.listed_at IS NOT NULL AND hub_purchasable(hs.hub, x.plan_state))
                   ORDER BY lower(x.name), x.product_id), '[]'::jsonb)
        FROM (SELECT lp.*, company_module_state(lp.company_id, lp.module, lp.environment, sqlc.arg(today)::date) AS plan_state
              FROM listable_products lp WHERE lp.company_id = c.id) x)::jsonb AS listings
FROM partner_companies c
CROSS JOIN LATERAL (SELECT hub_state(c.id, sqlc.arg(today)::date) AS hub) hs
WHERE c.id = sqlc.arg(company_id);

-- name: GetCompanyListing :one
-- One listable product of the company with its copy; no row when it is not listable.
SELECT product_id, name, slug, company_slug, module, category, price::text AS price, currency,
       pricing_model, summary, tagline, highlights, listed_at
FROM listable_products
WHERE product_id = sqlc.arg(product_id) AND company_id = sqlc.arg(company_id);

-- name: LockListingServices :exec
-- Locks what a listing change follows until the transaction ends: the company's Solutions Hub
-- and the product's plan (LockProductPlan says why a lock and a state read after it suffice).
-- In id order, as checkout takes the same rows (LockCheckoutPlans).
SELECT 1 FROM products p
JOIN services s ON s.company_id = p.company_id
    AND (s.module = 'solutions_hub' OR (s.module = p.module AND s.environment = p.environment))
WHERE p.id = sqlc.arg(product_id) AND p.company_id = sqlc.arg(company_id)
ORDER BY s.id
FOR SHARE OF s;

-- name: LockCompanyHub :exec
-- Locks the company's Solutions Hub until the transaction ends, for a change to its Hub
-- profile (LockProductPlan says why a lock and a state read after it suffice).
SELECT 1 FROM services
WHERE company_id = sqlc.arg(company_id) AND module = 'solutions_hub'
FOR SHARE;

-- name: SaveListingCopy :execrows
-- The listing's tagline and highlights; 0 rows when the product is not the company's or not
-- listable. Listing it is a separate step (SetListingListed).
INSERT INTO listings (product_id, tagline, highlights, updated_at)
SELECT lp.product_id, sqlc.arg(tagline), sqlc.arg(highlights)::text[], sqlc.arg(now)
FROM listable_products lp
WHERE lp.product_id = sqlc.arg(product_id) AND lp.company_id = sqlc.arg(company_id)
ON CONFLICT (product_id) DO UPDATE SET
    tagline = EXCLUDED.tagline, highlights = EXCLUDED.highlights, updated_at = EXCLUDED.updated_at;

-- name: SetListingListed :execrows
-- Lists a product in the Hub or takes it out; 0 rows when the product is not the company's or
-- not listable. Listing it again while listed keeps its place among the newest.
INSERT INTO listings (product_id, listed_at, updated_at)
SELECT lp.product_id, CASE WHEN sqlc.arg(listed)::boolean THEN sqlc.arg(now)::timestamptz END, sqlc.arg(now)
FROM listable_products lp
WHERE lp.product_id = sqlc.arg(product_id) AND lp.company_id = sqlc.arg(company_id)
ON CONFLICT (product_id) DO UPDATE SET
    listed_at = CASE WHEN sqlc.arg(listed)::boolean THEN coalesce(listings.listed_at, EXCLUDED.listed_at) END,
    updated_at = EXCLUDED.updated_at;

-- name: UpsertDemoListing :exec
-- Used by the demo seed: a demo product's listing with its demo copy.
INSERT INTO listings (product_id, tagline, highlights, listed_at, updated_at)
VALUES (sqlc.arg(product_id), sqlc.arg(tagline), sqlc.arg(highlights)::text[], sqlc.narg(listed_at), sqlc.arg(updated_at))
ON CONFLICT (product_id) DO UPDATE SET
    tagline = EXCLUDED.tagline, highlights = EXCLUDED.highlights,
    listed_at = EXCLUDED.listed_at, updated_at = EXCLUDED.updated_at;

-- name: DeleteDemoListings :exec
-- Used by the demo seed: every listing of a demo company's products, before they are reset.
DELETE FROM listings l USING products p WHERE l.product_id = p.id AND p.company_id = sqlc.arg(company_id);
