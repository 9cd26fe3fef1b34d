-- +goose Up
-- Carts: a consumer's lines, kept by user, and a visitor's, kept by a random key that lives in
-- the visitor's session. A line remembers the price it was added at, so the cart can show a
-- change; whether a line can still be bought is asked again on every view (SPEC §5).

-- One text names a cart's owner whoever it is, so a single unique key (and ON CONFLICT target)
-- covers both kinds of cart.
-- +goose StatementBegin
CREATE FUNCTION cart_owner(consumer_id bigint, visitor_key text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN coalesce('consumer:' || consumer_id::text, 'visitor:' || visitor_key);
-- +goose StatementEnd

CREATE TABLE cart_lines (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    consumer_id bigint REFERENCES users (id),
    visitor_key text CHECK (length(visitor_key) BETWEEN 16 AND 64),
    owner text NOT NULL GENERATED ALWAYS AS (cart_owner(consumer_id, visitor_key)) STORED,
    -- a product that is deleted (only the demo seed deletes products) leaves the carts
    product_id bigint NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    -- the price when the line was last added to
    price_seen numeric(12, 2) NOT NULL CHECK (price_seen >= 0),
    currency_seen text NOT NULL CHECK (is_price_currency(currency_seen)),
    added_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT cart_lines_one_owner CHECK ((consumer_id IS NULL) <> (visitor_key IS NULL)),
    CONSTRAINT cart_lines_owner_product_key UNIQUE (owner, product_id)
);

-- visitors' carts outlive their sessions; the session cleaner removes them by age
CREATE INDEX cart_lines_visitor_updated_idx ON cart_lines (updated_at) WHERE visitor_key IS NOT NULL;

-- +goose Down
DROP TABLE cart_lines;
DROP FUNCTION cart_owner(bigint, text);
