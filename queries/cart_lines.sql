-- Carts. A cart is named by its owner: a consumer (consumer_id) or a visitor (visitor_key, from
-- the session); exactly one of the two is given, and cart_owner turns it into the key lines are
-- stored under.

-- name: AddToCart :one
-- Adds quantity of a listing that can be bought today (SPEC §5) at its current price, on top of
-- what the cart holds (at most 99). No row when it cannot be bought. cart_count is the cart's
-- number of items afterwards.
WITH listing AS (
    SELECT h.product_id, h.name, h.price, h.currency
    FROM hub_listings h
    CROSS JOIN LATERAL listing_states(h.company_id, h.module, h.environment, sqlc.arg(today)::date) st
    WHERE h.product_id = sqlc.arg(product_id) AND hub_purchasable(st.hub, st.plan)
), added AS (
    INSERT INTO cart_lines (consumer_id, visitor_key, product_id, quantity, price_seen, currency_seen, added_at, updated_at)
    SELECT sqlc.narg(consumer_id), sqlc.narg(visitor_key), l.product_id, sqlc.arg(quantity),
           l.price, l.currency, sqlc.arg(now), sqlc.arg(now)
    FROM listing l
    ON CONFLICT ON CONSTRAINT cart_lines_owner_product_key DO UPDATE SET
        quantity = least(cart_lines.quantity + EXCLUDED.quantity, 99),
        price_seen = EXCLUDED.price_seen, currency_seen = EXCLUDED.currency_seen,
        updated_at = EXCLUDED.updated_at
    RETURNING product_id, quantity
)
SELECT l.name, a.quantity,
       (a.quantity + coalesce((SELECT sum(c.quantity) FROM cart_lines c
           WHERE c.owner = cart_owner(sqlc.narg(consumer_id), sqlc.narg(visitor_key))
             AND c.product_id <> a.product_id), 0))::integer AS cart_count
FROM added a
JOIN listing l ON l.product_id = a.product_id;

-- name: CountCartItems :one
SELECT coalesce(sum(quantity), 0)::integer
FROM cart_lines WHERE owner = cart_owner(sqlc.narg(consumer_id), sqlc.narg(visitor_key));

-- name: ListCartLines :many
-- The cart, re-checked: each line with its product's current price and whether it can still be
-- bought today (SPEC §5); amount is the current price × quantity (the page sums the purchasable
-- ones per currency and billing period).
WITH lines AS (
    SELECT cl.id, cl.product_id, cl.quantity, cl.price_seen, cl.currency_seen,
           p.name, p.slug, c.name AS company_name, c.slug AS company_slug, p.module, p.category,
           p.price, p.currency, p.pricing_model,
           coalesce(hub_visible(st.hub, st.plan), false)::boolean AS visible,
           coalesce(hub_purchasable(st.hub, st.plan), false)::boolean AS purchasable,
           p.price * cl.quantity AS amount, cl.added_at
    FROM cart_lines cl
    JOIN products p ON p.id = cl.product_id
    JOIN partner_companies c ON c.id = p.company_id
    LEFT JOIN hub_listings h ON h.product_id = cl.product_id
    -- a line that is no longer a listing has no states: neither visible nor purchasable
    LEFT JOIN LATERAL (SELECT ls.hub, ls.plan
        FROM listing_states(h.company_id, h.module, h.environment, sqlc.arg(today)::date) ls
        WHERE h.product_id IS NOT NULL) st ON true
    WHERE cl.owner = cart_owner(sqlc.narg(consumer_id), sqlc.narg(visitor_key))
)
SELECT l.id, l.product_id, l.quantity, l.price_seen::text AS price_seen, l.currency_seen,
       l.name, l.slug, l.company_name, l.company_slug, l.module, l.category,
       l.price::text AS price, l.currency, l.pricing_model, l.visible, l.purchasable,
       l.amount::text AS amount
FROM lines l
ORDER BY l.added_at, l.id;

-- name: SetCartQuantity :execrows
UPDATE cart_lines SET quantity = sqlc.arg(quantity), updated_at = sqlc.arg(now)
WHERE owner = cart_owner(sqlc.narg(consumer_id), sqlc.narg(visitor_key)) AND product_id = sqlc.arg(product_id);

-- name: RemoveCartLine :execrows
DELETE FROM cart_lines
WHERE owner = cart_owner(sqlc.narg(consumer_id), sqlc.narg(visitor_key)) AND product_id = sqlc.arg(product_id);

-- name: RemoveCartLines :exec
-- Takes the lines of an order out of the consumer's cart.
DELETE FROM cart_lines
WHERE owner = cart_owner(sqlc.arg(consumer_id)::bigint, NULL) AND product_id = ANY (sqlc.arg(product_ids)::bigint[]);

-- name: MergeVisitorCart :exec
-- Moves a visitor's cart into the consumer's at sign-in, in one statement. A product in both
-- keeps the larger quantity (the same thing chosen twice is one intent, not two) and the price
-- last seen.
WITH moved AS (
    DELETE FROM cart_lines WHERE owner = cart_owner(NULL, sqlc.arg(visitor_key)::text)
    RETURNING product_id, quantity, price_seen, currency_seen, added_at, updated_at
)
INSERT INTO cart_lines (consumer_id, product_id, quantity, price_seen, currency_seen, added_at, updated_at)
SELECT sqlc.arg(consumer_id)::bigint, m.product_id, m.quantity, m.price_seen, m.currency_seen, m.added_at, m.updated_at
FROM moved m
ON CONFLICT ON CONSTRAINT cart_lines_owner_product_key DO UPDATE SET
    quantity = greatest(cart_lines.quantity, EXCLUDED.quantity),
    price_seen = CASE WHEN EXCLUDED.updated_at > cart_lines.updated_at THEN EXCLUDED.price_seen ELSE cart_lines.price_seen END,
    currency_seen = CASE WHEN EXCLUDED.updated_at > cart_lines.updated_at THEN EXCLUDED.currency_seen ELSE cart_lines.currency_seen END,
    updated_at = greatest(cart_lines.updated_at, EXCLUDED.updated_at);

-- name: DeleteStaleVisitorCarts :execrows
-- Visitors' carts whose sessions can no longer exist (sessions live at most 12 hours).
DELETE FROM cart_lines WHERE visitor_key IS NOT NULL AND updated_at < current_timestamp - interval '1 day';

-- name: DeleteDemoCartLines :exec
-- Used by the demo seed: every cart line holding a demo company's product, before it is reset.
DELETE FROM cart_lines cl USING products p WHERE cl.product_id = p.id AND p.company_id = sqlc.arg(company_id);

-- name: LockCartLines :exec
-- Locks a consumer's cart for a checkout: a second checkout of the same cart (another tab, a
-- resubmission) waits, then finds the lines the first one ordered gone.
SELECT 1 FROM cart_lines WHERE owner = cart_owner(sqlc.arg(consumer_id)::bigint, NULL) ORDER BY product_id FOR UPDATE;
