-- +goose Up
-- Orders: what a consumer checked out, line by line, with the prices paid. A line that could no
-- longer be bought when the order was placed is kept as refused, with the reason the consumer
-- was shown, and charged nothing. Placed lines become purchases.

CREATE TYPE order_line_status AS ENUM ('placed', 'refused');

CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    consumer_id bigint NOT NULL REFERENCES users (id),
    -- the one-time token of the review page the order was placed from: placing it again (a
    -- double click, a resubmission, back and submit) finds this order instead of a new one
    checkout_token text NOT NULL CHECK (length(checkout_token) BETWEEN 16 AND 64),
    placed_at timestamptz NOT NULL,
    CONSTRAINT orders_checkout_token_key UNIQUE (checkout_token)
);

CREATE INDEX orders_consumer_idx ON orders (consumer_id, placed_at DESC, id DESC);

CREATE TABLE order_lines (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES orders (id),
    product_id bigint NOT NULL REFERENCES products (id),
    -- the names the consumer ordered by, as they were
    product_name text NOT NULL,
    company_name text NOT NULL,
    quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    unit_price numeric(12, 2) NOT NULL CHECK (unit_price >= 0),
    currency text NOT NULL CHECK (is_price_currency(currency)),
    pricing_model pricing_model NOT NULL,
    amount numeric(14, 2) NOT NULL GENERATED ALWAYS AS (unit_price * quantity) STORED,
    status order_line_status NOT NULL,
    refusal_reason text CHECK (length(refusal_reason) BETWEEN 1 AND 500),
    CONSTRAINT order_lines_refused_with_reason CHECK ((status = 'refused') = (refusal_reason IS NOT NULL)),
    CONSTRAINT order_lines_order_product_key UNIQUE (order_id, product_id)
);

CREATE INDEX order_lines_product_idx ON order_lines (product_id);

-- A purchase made at checkout names its order line; the number of units bought rides along.
ALTER TABLE purchases
    ADD COLUMN quantity integer NOT NULL DEFAULT 1 CHECK (quantity BETWEEN 1 AND 99),
    ADD COLUMN order_line_id bigint REFERENCES order_lines (id),
    ADD CONSTRAINT purchases_order_line_key UNIQUE (order_line_id);

-- +goose Down
ALTER TABLE purchases DROP COLUMN order_line_id, DROP COLUMN quantity;
DROP TABLE order_lines;
DROP TABLE orders;
DROP TYPE order_line_status;
