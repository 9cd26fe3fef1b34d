-- Orders and their lines. Checkout writes them in one transaction (web/checkout.go): it locks
-- what decides whether its lines can be bought, re-checks them, then records the order.

-- name: LockCheckoutPlans :exec
-- Locks the products of a checkout and the services that decide whether they can be bought
-- (their company's Solutions Hub and their plan) until the transaction ends. Every change to a
-- service updates or locks its row, so it happens either before this lock (and the re-check
-- that follows sees it) or after the order is committed.
SELECT 1 FROM products p
JOIN services s ON s.company_id = p.company_id
    AND (s.module = 'solutions_hub' OR (s.module = p.module AND s.environment = p.environment))
WHERE p.id = ANY (sqlc.arg(product_ids)::bigint[])
ORDER BY s.id, p.id
FOR SHARE OF p, s;

-- name: LockCheckoutListings :exec
-- Locks the listings of a checkout's products, so a partner cannot take one out of the Hub
-- between the re-check and the commit.
SELECT 1 FROM listings WHERE product_id = ANY (sqlc.arg(product_ids)::bigint[]) ORDER BY product_id FOR SHARE;

-- name: CreateOrder :one
-- No row (pgx.ErrNoRows) when an order was already placed with this checkout token: the
-- caller shows that order instead. A concurrent placement with the same token waits here for
-- the first to commit.
INSERT INTO orders (consumer_id, checkout_token, placed_at)
VALUES (sqlc.arg(consumer_id), sqlc.arg(checkout_token), sqlc.arg(placed_at))
ON CONFLICT ON CONSTRAINT orders_checkout_token_key DO NOTHING
RETURNING id;

-- name: GetOrderByToken :one
SELECT id, consumer_id FROM orders WHERE checkout_token = sqlc.arg(checkout_token);

-- name: CreateOrderLines :exec
-- The order's lines at their products' current prices (the caller holds them locked): placed,
-- or refused with the reason shown to the consumer (empty for a placed line).
INSERT INTO order_lines (order_id, product_id, product_name, company_name, quantity, unit_price,
                         currency, pricing_model, status, refusal_reason)
SELECT sqlc.arg(order_id)::bigint, p.id, p.name, c.name, (sqlc.arg(quantities)::integer[])[x.n], p.price,
       p.currency, p.pricing_model, ((sqlc.arg(statuses)::text[])[x.n])::order_line_status,
       nullif((sqlc.arg(reasons)::text[])[x.n], '')
FROM unnest(sqlc.arg(product_ids)::bigint[]) WITH ORDINALITY AS x (product_id, n)
JOIN products p ON p.id = x.product_id
JOIN partner_companies c ON c.id = p.company_id;

-- name: ListOrders :many
-- A consumer's 200 latest orders, newest first, with what was placed and refused: one row per
-- order, currency and billing period charged, with its total (placed lines only), currencies
-- in order; an order with nothing placed has one row, without a currency.
WITH recent AS (
    SELECT o.id, o.placed_at,
           count(*) FILTER (WHERE l.status = 'placed')::integer AS placed_lines,
           count(*) FILTER (WHERE l.status = 'refused')::integer AS refused_lines,
           coalesce(sum(l.quantity) FILTER (WHERE l.status = 'placed'), 0)::integer AS items
    FROM orders o
    JOIN order_lines l ON l.order_id = o.id
    WHERE o.consumer_id = sqlc.arg(consumer_id)
    GROUP BY o.id
    ORDER BY o.placed_at DESC, o.id DESC
    LIMIT 200
), totals AS (
    SELECT l.order_id, l.currency, l.pricing_model, sum(l.amount)::text AS amount
    FROM order_lines l
    WHERE l.order_id IN (SELECT r.id FROM recent r) AND l.status = 'placed'
    GROUP BY l.order_id, l.currency, l.pricing_model
)
SELECT r.id, r.placed_at, r.placed_lines, r.refused_lines, r.items, t.currency, t.pricing_model, t.amount
FROM recent r
LEFT JOIN totals t ON t.order_id = r.id
ORDER BY r.placed_at DESC, r.id DESC, t.currency;

-- name: ListOrderLines :many
-- One order of the consumer, line by line (no rows when it is not theirs); the page sums the
-- placed lines per currency and billing period.
SELECT o.id AS order_id, o.placed_at, l.id, l.product_id, l.product_name, l.company_name,
       l.quantity, l.unit_price::text AS unit_price, l.currency, l.pricing_model,
       l.amount::text AS amount, l.status, l.refusal_reason
FROM orders o
JOIN order_lines l ON l.order_id = o.id
WHERE o.id = sqlc.arg(order_id) AND o.consumer_id = sqlc.arg(consumer_id)
ORDER BY l.status, l.id;

-- name: DeleteDemoOrderLines :exec
-- Used by the demo seed: every order line of a demo company's products (their purchases go
-- first).
DELETE FROM order_lines l USING products p WHERE l.product_id = p.id AND p.company_id = sqlc.arg(company_id);

-- name: DeleteEmptyOrders :exec
-- Used by the demo seed, after DeleteDemoOrderLines: checkout never leaves an order without lines.
DELETE FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id);
