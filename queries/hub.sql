-- The Solutions Hub as consumers see it: the listings SPEC §5 makes visible on the portal's day
-- (today), each with whether it can be bought (hub_visible, hub_purchasable).

-- name: SearchHub :many
-- One page of the Hub in one statement: a row per listing on the page, in the page's order,
-- each also carrying how many listings match in all (total) and the companies with visible
-- listings (the company filter's choices, by name: company_slugs and company_names, index by
-- index). When the page is empty there is still one row, with those and no listing (every
-- listing column NULL). Both lists hang on the same states; a second statement would compute
-- them again, and the states are most of the work.
--
-- words are the search box's words (hub_search_query); none, or only stop words, match
-- everything.
--
-- States are read set-wise from service_states, once per service (the Solutions Hubs and the
-- production plans), as company_access reads them; calling company_module_state per company
-- would plan its body again for every call.
--
-- Keyset pagination: every sort is "sort_key DESC, product_id DESC" (relevance: the rank;
-- newest: when listed; price: minus the price, or the price), and a page is the page_size + 1
-- listings after the cursor (or, backward, before it: the caller reverses and trims). No page
-- makes the database produce and throw away the pages before it, as OFFSET would; sorting
-- the matches for a page is a top-N sort.
WITH search AS MATERIALIZED (
    -- materialized: computed once, even in a generic plan (where the words are a parameter)
    SELECT CASE WHEN numnode(t.query) > 0 THEN t.query END AS query
    FROM (SELECT hub_search_query(sqlc.arg(words)::text[]) AS query) t
), states AS (
    SELECT ss.company_id, ss.module, ss.environment, ss.state
    FROM service_states(sqlc.arg(today)::date) ss
    WHERE ss.module = 'solutions_hub' OR ss.environment = 'production'
), plans AS (
    -- the production plans whose listings are visible, each with its company's Solutions Hub
    -- (a company holds one, so max() over the company picks it)
    SELECT x.company_id, x.module, x.environment, x.hub, x.state AS plan
    FROM (SELECT st.*, max(st.state) FILTER (WHERE st.module = 'solutions_hub') OVER (PARTITION BY st.company_id) AS hub
          FROM states st) x
    WHERE x.environment IS NOT NULL AND hub_visible(x.hub, x.state)
), matches AS (
    SELECT h.product_id, h.name, h.slug, h.company_name, h.company_slug, h.module, h.category,
           h.price, h.currency, h.pricing_model, h.tagline, h.summary,
           hub_purchasable(pl.hub, pl.plan) AS purchasable,
           CASE sqlc.arg(sort)::text
               WHEN 'relevance' THEN coalesce(ts_rank(h.document, s.query), 0)::numeric
               WHEN 'price' THEN -h.price
               WHEN '-price' THEN h.price
               ELSE extract(epoch FROM h.listed_at)
           END AS sort_key
    FROM hub_listings h
    JOIN plans pl ON pl.company_id = h.company_id AND pl.module = h.module AND pl.environment = h.environment
    CROSS JOIN search s
    WHERE (s.query IS NULL OR h.document @@ s.query)
      AND (sqlc.narg(module)::module_key IS NULL OR h.module = sqlc.narg(module)::module_key)
      AND (sqlc.narg(category)::product_category IS NULL OR h.category = sqlc.narg(category)::product_category)
      AND (sqlc.narg(company)::text IS NULL OR h.company_slug = sqlc.narg(company)::text)
      AND (sqlc.narg(min_price)::text IS NULL OR h.price >= sqlc.narg(min_price)::text::numeric)
      AND (sqlc.narg(max_price)::text IS NULL OR h.price <= sqlc.narg(max_price)::text::numeric)
), page AS (
    SELECT m.* FROM matches m
    WHERE sqlc.narg(cursor_id)::bigint IS NULL
       OR (NOT sqlc.arg(backward)::boolean
           AND (m.sort_key, m.product_id) < (sqlc.narg(cursor_key)::text::numeric, sqlc.narg(cursor_id)::bigint))
       OR (sqlc.arg(backward)::boolean
           AND (m.sort_key, m.product_id) > (sqlc.narg(cursor_key)::text::numeric, sqlc.narg(cursor_id)::bigint))
    ORDER BY CASE WHEN sqlc.arg(backward)::boolean THEN m.sort_key END,
             CASE WHEN sqlc.arg(backward)::boolean THEN m.product_id END,
             m.sort_key DESC, m.product_id DESC
    LIMIT sqlc.arg(page_size)::integer + 1
), cards AS (
    SELECT p.product_id, p.name, p.slug, p.company_name, p.company_slug, p.module, p.category,
           p.price::text AS price, p.currency, p.pricing_model, p.tagline, p.summary, p.purchasable,
           p.sort_key::text AS sort_key,
           coalesce((SELECT cl.quantity FROM cart_lines cl
               WHERE cl.owner = cart_owner(sqlc.narg(consumer_id), sqlc.narg(visitor_key))
                 AND cl.product_id = p.product_id), 0)::integer AS in_cart,
           row_number() OVER (ORDER BY p.sort_key DESC, p.product_id DESC) AS position,
           coalesce(fp.ids, '{}')::bigint[] AS picture_ids, coalesce(fp.hashes, '{}')::text[] AS picture_hashes,
           coalesce(fp.types, '{}')::text[] AS picture_types, coalesce(fp.widths, '{}')::integer[] AS picture_widths,
           coalesce(fp.heights, '{}')::integer[] AS picture_heights
    FROM page p
    LEFT JOIN LATERAL (SELECT array_agg(v.picture_id ORDER BY v.position, v.picture_id, v.width) AS ids,
           array_agg(v.hash ORDER BY v.position, v.picture_id, v.width) AS hashes,
           array_agg(v.content_type ORDER BY v.position, v.picture_id, v.width) AS types,
           array_agg(v.width ORDER BY v.position, v.picture_id, v.width) AS widths,
           array_agg(v.height ORDER BY v.position, v.picture_id, v.width) AS heights
        FROM picture_list v WHERE v.picture_id = (SELECT pi.id FROM pictures pi WHERE pi.product_id = p.product_id ORDER BY pi.position, pi.id LIMIT 1)) fp ON true
), facets AS (
    SELECT (SELECT count(*) FROM matches)::integer AS total,
           coalesce(array_agg(c.slug ORDER BY lower(c.name), c.slug), '{}')::text[] AS company_slugs,
           coalesce(array_agg(c.name ORDER BY lower(c.name), c.slug), '{}')::text[] AS company_names
    FROM partner_companies c
    WHERE c.id IN (SELECT pl.company_id FROM plans pl
                   WHERE EXISTS (SELECT 1 FROM hub_listings h WHERE h.company_id = pl.company_id
                                 AND h.module = pl.module AND h.environment = pl.environment))
)
SELECT f.total, f.company_slugs, f.company_names,
       cd.product_id, cd.name, cd.slug, cd.company_name, cd.company_slug, cd.module, cd.category,
       cd.price, cd.currency, cd.pricing_model, cd.tagline, cd.summary, cd.purchasable, cd.sort_key,
       cd.in_cart, cd.picture_ids, cd.picture_hashes, cd.picture_types, cd.picture_widths, cd.picture_heights
FROM facets f
LEFT JOIN cards cd ON true
ORDER BY cd.position;

-- name: GetHubListing :one
-- A visible listing by its address, with its company's Hub profile, whether it can be bought,
-- and how many of it the cart holds. No row when it is not visible.
SELECT h.product_id, h.name, h.slug, h.company_name, h.company_slug, h.module, h.category,
       h.version, h.price::text AS price, h.currency, h.pricing_model, h.summary, h.description,
       h.tagline, h.highlights, h.model_number, h.connectivity, h.deployment,
       c.hub_tagline AS company_tagline, c.hub_contact_email AS company_email,
       hub_purchasable(st.hub, st.plan) AS purchasable,
       coalesce((SELECT cl.quantity FROM cart_lines cl
           WHERE cl.owner = cart_owner(sqlc.narg(consumer_id), sqlc.narg(visitor_key))
             AND cl.product_id = h.product_id), 0)::integer AS in_cart,
       coalesce(pp.ids, '{}')::bigint[] AS picture_ids, coalesce(pp.hashes, '{}')::text[] AS picture_hashes,
           coalesce(pp.types, '{}')::text[] AS picture_types, coalesce(pp.widths, '{}')::integer[] AS picture_widths,
           coalesce(pp.heights, '{}')::integer[] AS picture_heights,
       coalesce(lg.ids, '{}')::bigint[] AS logo_ids, coalesce(lg.hashes, '{}')::text[] AS logo_hashes,
           coalesce(lg.types, '{}')::text[] AS logo_types, coalesce(lg.widths, '{}')::integer[] AS logo_widths,
           coalesce(lg.heights, '{}')::integer[] AS logo_heights
FROM hub_listings h
JOIN partner_companies c ON c.id = h.company_id
CROSS JOIN LATERAL listing_states(h.company_id, h.module, h.environment, sqlc.arg(today)::date) st
LEFT JOIN LATERAL (SELECT array_agg(v.picture_id ORDER BY v.position, v.picture_id, v.width) AS ids,
           array_agg(v.hash ORDER BY v.position, v.picture_id, v.width) AS hashes,
           array_agg(v.content_type ORDER BY v.position, v.picture_id, v.width) AS types,
           array_agg(v.width ORDER BY v.position, v.picture_id, v.width) AS widths,
           array_agg(v.height ORDER BY v.position, v.picture_id, v.width) AS heights
        FROM picture_list v WHERE v.product_id = h.product_id) pp ON true
LEFT JOIN LATERAL (SELECT array_agg(v.picture_id ORDER BY v.position, v.picture_id, v.width) AS ids,
           array_agg(v.hash ORDER BY v.position, v.picture_id, v.width) AS hashes,
           array_agg(v.content_type ORDER BY v.position, v.picture_id, v.width) AS types,
           array_agg(v.width ORDER BY v.position, v.picture_id, v.width) AS widths,
           array_agg(v.height ORDER BY v.position, v.picture_id, v.width) AS heights
        FROM picture_list v WHERE v.product_id IS NULL AND v.company_id = h.company_id) lg ON true
WHERE h.company_slug = sqlc.arg(company_slug) AND h.slug = sqlc.arg(slug) AND hub_visible(st.hub, st.plan)
ORDER BY h.company_id
LIMIT 1;
