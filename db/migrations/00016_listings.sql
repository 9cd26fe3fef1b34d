-- +goose Up
-- Solutions Hub listings: a partner's copy for a published production product, and whether it
-- is listed. Which listings consumers see and may buy is not stored: it follows the company's
-- Solutions Hub and the product's plan on the day asked (hub_visible, hub_purchasable).

CREATE TABLE listings (
    -- a product that is deleted (only the demo seed deletes products) takes its listing along
    product_id bigint PRIMARY KEY REFERENCES products (id) ON DELETE CASCADE,
    tagline text NOT NULL DEFAULT '' CHECK (length(tagline) <= 120),
    highlights text[] NOT NULL DEFAULT '{}' CHECK (cardinality(highlights) <= 5
        AND array_position(highlights, NULL) IS NULL),
    -- set while listed: the moment it was (last) listed, which "newest" sorts by
    listed_at timestamptz,
    updated_at timestamptz NOT NULL,
    -- what full-text search reads: maintained by the triggers below from the listing, its
    -- product and its company
    document tsvector NOT NULL DEFAULT ''::tsvector
);

-- A highlight is one short line.
-- +goose StatementBegin
CREATE FUNCTION highlights_fit(highlights text[]) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN coalesce((SELECT bool_and(length(h) BETWEEN 1 AND 100) FROM unnest(highlights) h), true);
-- +goose StatementEnd

ALTER TABLE listings ADD CONSTRAINT listings_highlights_fit CHECK (highlights_fit(highlights));

CREATE INDEX listings_document_idx ON listings USING gin (document);
CREATE INDEX listings_listed_idx ON listings (listed_at DESC, product_id DESC) WHERE listed_at IS NOT NULL;

-- The searchable text of a listing, weighted: the product's name first, then the tagline and
-- the company, then the summary and highlights, then the description. Each text is indexed twice:
-- stemmed (English: "sensors" finds "sensor") and as written (so a prefix typed in full still
-- finds longer words: "energy" finds "EnergyLens", which stems to "energylen", not "energi…").
-- +goose StatementBegin
CREATE FUNCTION searchable(body text, weight "char") RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN setweight(to_tsvector('english'::regconfig, body) || to_tsvector('simple'::regconfig, body), weight);
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION listing_document(product_id bigint, tagline text, highlights text[]) RETURNS tsvector
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT searchable(p.name, 'A') || searchable(tagline, 'B') || searchable(c.name, 'B')
        || searchable(p.summary, 'C') || searchable(array_to_string(highlights, ' '), 'C')
        || searchable(p.description, 'D')
    FROM products p JOIN partner_companies c ON c.id = p.company_id
    WHERE p.id = listing_document.product_id;
END;
-- +goose StatementEnd

-- All of a search's words must match.
CREATE AGGREGATE tsquery_and_all(tsquery) (SFUNC = tsquery_and, STYPE = tsquery);

-- What the Hub's search box asks: every word, as a prefix (results follow the typing), stemmed
-- or as typed (see searchable). Only letters and digits of a word reach to_tsquery, so nothing
-- a visitor types is read as an operator. NULL when no word is left.
-- +goose StatementBegin
CREATE FUNCTION hub_search_query(words text[]) RETURNS tsquery
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT tsquery_and_all(to_tsquery('english'::regconfig, w || ':*') || to_tsquery('simple'::regconfig, w || ':*'))
    FROM (SELECT regexp_replace(lower(x), '[^[:alnum:]]', '', 'g') AS w FROM unnest(words) AS x) cleaned
    WHERE w <> '';
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION listings_set_document() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.document := coalesce(listing_document(NEW.product_id, NEW.tagline, NEW.highlights), ''::tsvector);
    RETURN NEW;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER listings_document BEFORE INSERT OR UPDATE ON listings
    FOR EACH ROW EXECUTE FUNCTION listings_set_document();

-- A product's or a company's text changes: its listings' documents follow (the trigger above
-- recomputes them on any update).
-- +goose StatementBegin
CREATE FUNCTION products_refresh_listing() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE listings SET document = ''::tsvector WHERE product_id = NEW.id;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER products_listing_document AFTER UPDATE OF name, summary, description ON products
    FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.summary IS DISTINCT FROM NEW.summary
          OR OLD.description IS DISTINCT FROM NEW.description)
    EXECUTE FUNCTION products_refresh_listing();

-- +goose StatementBegin
CREATE FUNCTION companies_refresh_listings() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE listings l SET document = ''::tsvector
    FROM products p WHERE p.id = l.product_id AND p.company_id = NEW.id;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER companies_listing_document AFTER UPDATE OF name ON partner_companies
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION companies_refresh_listings();

-- The products a company can list: published, not archived, in production (SPEC §5), each with
-- its listing when it has one.
CREATE VIEW listable_products AS
SELECT p.id AS product_id, p.company_id, c.name AS company_name, c.slug AS company_slug,
       p.module, p.environment, p.name, p.slug, p.summary, p.description, p.category, p.version,
       p.price, p.currency, p.pricing_model, p.model_number, p.connectivity, p.deployment,
       l.product_id IS NOT NULL AS has_listing, coalesce(l.tagline, '') AS tagline,
       coalesce(l.highlights, '{}') AS highlights, l.listed_at, l.document
FROM products p
JOIN partner_companies c ON c.id = p.company_id
LEFT JOIN listings l ON l.product_id = p.id
WHERE p.status = 'published' AND p.environment = 'production' AND p.archived_at IS NULL;

-- The listings of the Hub: listable products their company has listed. Whether one is visible
-- and purchasable today is for the caller to ask (hub_state, company_module_state, hub_visible,
-- hub_purchasable).
CREATE VIEW hub_listings AS
SELECT * FROM listable_products WHERE listed_at IS NOT NULL;

-- +goose Down
DROP VIEW hub_listings;
DROP VIEW listable_products;
DROP TRIGGER companies_listing_document ON partner_companies;
DROP FUNCTION companies_refresh_listings();
DROP TRIGGER products_listing_document ON products;
DROP FUNCTION products_refresh_listing();
DROP TABLE listings;
DROP FUNCTION listings_set_document();
DROP FUNCTION hub_search_query(text[]);
DROP AGGREGATE tsquery_and_all(tsquery);
DROP FUNCTION listing_document(bigint, text, text[]);
DROP FUNCTION searchable(text, "char");
DROP FUNCTION highlights_fit(text[]);
