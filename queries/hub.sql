-- The Solutions Hub as consumers see it: the listings SPEC §5 makes visible on the portal's day
-- (today), each with whether it can be bought (hub_visible, hub_purchasable).

-- name: SearchHub :many
-- One page of the Hub in one statement: a row per listing on the page, in the page's order,
-- each also carrying how many listings match in all (total) and the companies with visible
-- listings (the company filter's choices, by name: company_slugs and company_names, index by
-- index). When the page is empty there is still one row, with those and no listing (every
-- listing column NULL).
--
-- words are the search box's words (hub_search_query); none, or only stop words, match
-- everything.
--
-- The search reads hub_entries, the Hub's index, whose visible_from says which listings are
-- visible on a day (SPEC §5), so no state is worked out for the listings that do not make the
-- page. Whether a listing can be bought is asked of the page's listings alone (listing_states).
--
-- Keyset pagination: every sort is "sort_key DESC, product_id DESC" (relevance: the rank;
-- newest: when listed; price: minus the price, or the price), and a page is the page_size + 1
-- listings after the cursor (or, backward, before it: the caller reverses and trims). No page
-- makes the database produce and throw away the pages before it, as OFFSET would; sorting
-- the matches for a page is a top-N sort.
WITH search AS MATERIALIZED (
    -- materialized: computed once, even in a generic plan (where the words are a parameter)
    SELECT CASE WHEN numnode(t.query) > 0 THEN t.query END AS query,
           -- two names can make one slug ("Acme, Inc." and "ACME Inc"): the filter shows both
           ARRAY(SELECT c.id FROM partner_companies c WHERE c.slug = sqlc.narg(company)::text) AS company_ids
    FROM (SELECT hub_search_query(sqlc.arg(words)::text[]) AS query) t
), matches AS MATERIALIZED (
    -- Two branches, of which the search runs one: without words, the index's narrow columns
    -- (visible_hub_entries_idx covers them); with words, the listings whose document matches
    -- (by hub_entries_document_idx).
    SELECT x.product_id,
           CASE sqlc.arg(sort)::text
               WHEN 'relevance' THEN coalesce(x.rank, 0)::numeric
               WHEN 'price' THEN -x.price
               WHEN '-price' THEN x.price
               ELSE extract(epoch FROM x.listed_at)
           END AS sort_key
    FROM (
        SELECT e.product_id, e.company_id, e.module, e.category, e.price, e.listed_at, NULL::real AS rank
        FROM hub_entries e
        WHERE (SELECT s.query FROM search s) IS NULL AND e.visible_from <= sqlc.arg(today)::date
        UNION ALL
        SELECT e.product_id, e.company_id, e.module, e.category, e.price, e.listed_at, ts_rank(e.document, s.query)
        FROM hub_entries e
        JOIN search s ON e.document @@ s.query
        WHERE e.visible_from <= sqlc.arg(today)::date
    ) x
    WHERE (sqlc.narg(module)::module_key IS NULL OR x.module = sqlc.narg(module)::module_key)
      AND (sqlc.narg(category)::product_category IS NULL OR x.category = sqlc.narg(category)::product_category)
      AND (sqlc.narg(company)::text IS NULL OR x.company_id = ANY ((SELECT s.company_ids FROM search s)::bigint[]))
      AND (sqlc.narg(min_price)::text IS NULL OR x.price >= sqlc.narg(min_price)::text::numeric)
      AND (sqlc.narg(max_price)::text IS NULL OR x.price <= sqlc.narg(max_price)::text::numeric)
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
    SELECT h.product_id, h.name, h.slug, h.company_name, h.company_slug, h.module, h.category,
           h.price::text AS price, h.currency, h.pricing_model, h.tagline, h.summary,
           hub_purchasable(st.hub, st.plan) AS purchasable,
           p.sort_key::text AS sort_key,
           coalesce((SELECT cl.quantity FROM cart_lines cl
               WHERE cl.owner = cart_owner(sqlc.narg(consumer_id), sqlc.narg(visitor_key))
                 AND cl.product_id = p.product_id), 0)::integer AS in_cart,
           row_number() OVER (ORDER BY p.sort_key DESC, p.product_id DESC) AS position,
           coalesce(fp.ids, '{}')::bigint[] AS picture_ids, coalesce(fp.hashes, '{}')::text[] AS picture_hashes,
           coalesce(fp.types, '{}')::text[] AS picture_types, coalesce(fp.widths, '{}')::integer[] AS picture_widths,
           coalesce(fp.heights, '{}')::integer[] AS picture_heights
    FROM page p
    JOIN hub_listings h ON h.product_id = p.product_id
    CROSS JOIN LATERAL listing_states(h.company_id, h.module, h.environment, sqlc.arg(today)::date) st
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
    WHERE EXISTS (SELECT 1 FROM hub_entries e WHERE e.company_id = c.id AND e.visible_from <= sqlc.arg(today)::date)
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
