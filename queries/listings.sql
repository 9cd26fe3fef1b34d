-- Solutions Hub listings, the partner's side: a company's listable products (published,
-- production, not archived) with their copy and, as consumers see them today, whether they are
-- visible and purchasable (SPEC §5, decided by hub_visible and hub_purchasable).

-- name: GetCompanyHubProfile :one
-- How the company appears in the Hub: its profile and the part of its listings' addresses that
-- names it. The Hub listings page reads it with ListCompanyListings in one batch.
SELECT c.hub_tagline, c.hub_contact_email, c.slug
FROM partner_companies c
WHERE c.id = sqlc.arg(company_id);

-- name: ListCompanyListings :many
-- The company's listable products by name, each with its plan's and its Solutions Hub's state
-- at today and what consumers see of it: visible and purchasable only while listed.
WITH states AS (
    SELECT ss.module, ss.environment, ss.state
    FROM service_states(sqlc.arg(today)::date) ss
    WHERE ss.company_id = sqlc.arg(company_id)::bigint
      AND (ss.module = 'solutions_hub' OR ss.environment = 'production')
), hub AS (
    -- no service: SPEC §4 row 1
    SELECT coalesce((SELECT st.state FROM states st WHERE st.module = 'solutions_hub'), 'none') AS state
)
SELECT lp.product_id, lp.name, lp.slug, lp.module, lp.price::text AS price, lp.currency,
       lp.pricing_model, lp.tagline, lp.listed_at,
       hub.state::service_state AS hub_state, x.plan_state,
       (lp.listed_at IS NOT NULL AND hub_visible(hub.state, x.plan_state))::boolean AS visible,
       (lp.listed_at IS NOT NULL AND hub_purchasable(hub.state, x.plan_state))::boolean AS purchasable
FROM listable_products lp
CROSS JOIN hub
LEFT JOIN states pl ON pl.module = lp.module AND pl.environment = lp.environment
-- no service: SPEC §4 row 1
CROSS JOIN LATERAL (SELECT coalesce(pl.state, 'none')::service_state AS plan_state) x
WHERE lp.company_id = sqlc.arg(company_id)::bigint
ORDER BY lower(lp.name), lp.product_id;

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
