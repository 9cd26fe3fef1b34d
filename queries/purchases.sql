-- name: DeleteDemoPurchases :exec
-- Used by the demo seed: every purchase of a demo company's products, before they are reset.
DELETE FROM purchases pu USING products p WHERE pu.product_id = p.id AND p.company_id = sqlc.arg(company_id);

-- name: CreateOrderPurchases :exec
-- The consumer's purchases of an order's placed lines, at the prices paid.
INSERT INTO purchases (consumer_id, product_id, purchased_at, price, currency, pricing_model, quantity, order_line_id)
SELECT o.consumer_id, l.product_id, o.placed_at, l.unit_price, l.currency, l.pricing_model, l.quantity, l.id
FROM order_lines l
JOIN orders o ON o.id = l.order_id
WHERE l.order_id = sqlc.arg(order_id) AND l.status = 'placed';

-- name: ListConsumerPurchases :many
-- My purchases: each with its product and company, and whether it can be used today — only
-- while the partner's plan for the product can be (SPEC §5). released_on is the first day of
-- 'expired' when that is why it cannot (read_only_since); other reasons carry no date.
SELECT pu.id, pu.purchased_at, pu.quantity, pu.price::text AS price, (pu.price * pu.quantity)::text AS amount,
       pu.currency, pu.pricing_model,
       l.order_id, p.name, p.slug, p.module, c.name AS company_name, c.slug AS company_slug,
       c.hub_contact_email AS company_email,
       -- the partner no longer holding the plan: SPEC §4 row 1
       coalesce(ss.state, 'none')::service_state AS state, ss.read_only_since AS released_on,
       -- whether the listing is still shown in the Hub, so the page links only to a page that exists
       (h.product_id IS NOT NULL AND hub_visible(ls.hub, ls.plan))::boolean AS listed
FROM purchases pu
JOIN products p ON p.id = pu.product_id
JOIN partner_companies c ON c.id = p.company_id
LEFT JOIN order_lines l ON l.id = pu.order_line_id
LEFT JOIN hub_listings h ON h.product_id = p.id
LEFT JOIN service_states(sqlc.arg(today)::date) ss
    ON ss.company_id = p.company_id AND ss.module = p.module AND ss.environment = p.environment
CROSS JOIN LATERAL listing_states(p.company_id, p.module, p.environment, sqlc.arg(today)::date) ls
WHERE pu.consumer_id = sqlc.arg(consumer_id)
ORDER BY pu.purchased_at DESC, pu.id DESC
LIMIT 500;
