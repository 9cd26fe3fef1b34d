-- name: CreatePurchase :one
-- A consumer's right to use a product, at the price paid. purchased_at is the application's
-- clock (checkout passes its own now; the demo seed places purchases in the past).
INSERT INTO purchases (consumer_id, product_id, purchased_at, price, currency, pricing_model)
VALUES (sqlc.arg(consumer_id), sqlc.arg(product_id), sqlc.arg(purchased_at),
        sqlc.arg(price)::text::numeric, sqlc.arg(currency), sqlc.arg(pricing_model))
RETURNING id;

-- name: DeleteDemoPurchases :exec
-- Used by the demo seed: every purchase of a demo company's products, before they are reset.
DELETE FROM purchases pu USING products p WHERE pu.product_id = p.id AND p.company_id = sqlc.arg(company_id);
