-- +goose Up
-- My Products: a partner company's software solutions and hardware devices. Each belongs to one
-- plan, (module, environment), and follows that plan's state (SPEC §4, §5); the plan is found
-- by company, module and environment (services_one_per_plan), so a product outlives a plan
-- being deleted and regranted.

CREATE TYPE product_category AS ENUM (
    'asset_tracking', 'smart_building', 'energy', 'healthcare', 'industrial', 'agriculture', 'retail', 'fleet'
);
CREATE TYPE pricing_model AS ENUM ('one_time', 'monthly');
CREATE TYPE product_status AS ENUM ('draft', 'published');
CREATE TYPE software_deployment AS ENUM ('cloud', 'edge', 'on_premises');

-- The currencies prices may be in (ISO 4217), in one place for both tables below.
-- +goose StatementBegin
CREATE FUNCTION is_price_currency(currency text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN currency IN ('EUR', 'USD', 'GBP');
-- +goose StatementEnd

CREATE TABLE products (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id bigint NOT NULL REFERENCES partner_companies (id),
    -- the kind: software solutions need a software plan, hardware devices a hardware plan
    module module_key NOT NULL CHECK (module_is_metered(module)),
    environment environment NOT NULL,
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
    slug text NOT NULL CHECK (length(slug) <= 80 AND slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    summary text NOT NULL DEFAULT '' CHECK (length(summary) <= 160),
    description text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    category product_category NOT NULL,
    version text NOT NULL DEFAULT '' CHECK (length(version) <= 40),
    price numeric(12, 2) NOT NULL CHECK (price >= 0),
    currency text NOT NULL CHECK (is_price_currency(currency)),
    pricing_model pricing_model NOT NULL,
    status product_status NOT NULL DEFAULT 'draft',
    -- hardware only
    model_number text CHECK (length(btrim(model_number)) BETWEEN 1 AND 60),
    connectivity text[] CHECK (cardinality(connectivity) >= 1
        AND connectivity <@ ARRAY['wifi', 'cellular', 'lorawan', 'ble', 'ethernet']),
    -- software only
    deployment software_deployment,
    -- bumped by every edit, so two people editing at once cannot overwrite each other
    revision integer NOT NULL DEFAULT 1,
    archived_at timestamptz,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT products_hardware_fields CHECK (
        (module = 'hardware') = (model_number IS NOT NULL AND connectivity IS NOT NULL)),
    CONSTRAINT products_software_fields CHECK ((module = 'software') = (deployment IS NOT NULL)),
    -- archived products keep their slug: orders and history still name them by it
    CONSTRAINT products_company_slug_key UNIQUE (company_id, slug)
);

-- My Products lists a company's products that are not archived, newest change first.
CREATE INDEX products_company_idx ON products (company_id, updated_at DESC) WHERE archived_at IS NULL;

-- A consumer's right to use a product, with what they paid. Whether it can be used is not
-- stored: it follows the partner's plan for the product on the day asked (SPEC §5).
CREATE TABLE purchases (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    consumer_id bigint NOT NULL REFERENCES users (id),
    product_id bigint NOT NULL REFERENCES products (id),
    purchased_at timestamptz NOT NULL,
    price numeric(12, 2) NOT NULL CHECK (price >= 0),
    currency text NOT NULL CHECK (is_price_currency(currency)),
    pricing_model pricing_model NOT NULL
);

CREATE INDEX purchases_product_idx ON purchases (product_id, purchased_at DESC);
CREATE INDEX purchases_consumer_idx ON purchases (consumer_id, purchased_at DESC);

-- +goose Down
DROP TABLE purchases;
DROP TABLE products;
DROP FUNCTION is_price_currency(text);
DROP TYPE software_deployment;
DROP TYPE product_status;
DROP TYPE pricing_model;
DROP TYPE product_category;
