-- +goose Up
-- The Solutions Hub searched hub_listings (products, their listings and companies) and worked
-- out the states of every company's Solutions Hub and production plans on each request: with
-- 50,000 listings, a page took half a second, most of it reading 48,000 products scattered over
-- 100,000. hub_entries is its index: one narrow row per listed product, with what the search
-- filters and sorts by, and the first day the listing is visible.
--
-- Visibility (SPEC §5) asks that neither the company's Solutions Hub nor the product's plan be
-- hidden (none, inactive, scheduled). A service that is not inactive and has a term is
-- scheduled until its earliest term starts, and viewable from then on for good: its current
-- term is then one that has started, so it is active, grace, expired or exhausted, whatever
-- the usage. So a listing is visible on day d iff d is on or after both services' earliest
-- starts, and neither is inactive: visible_from is the later of those starts, NULL when a
-- service is missing, has no term or is inactive. A test holds this to hub_visible over the
-- states of every case (db/hub_entries_test.go). Whether a visible listing can be bought does
-- depend on the day and the usage; the Hub asks that of the page's listings alone.
CREATE TABLE hub_entries (
    product_id bigint PRIMARY KEY REFERENCES listings (product_id) ON DELETE CASCADE,
    company_id bigint NOT NULL,
    module module_key NOT NULL,
    environment environment NOT NULL,
    category product_category NOT NULL,
    price numeric(12, 2) NOT NULL,
    listed_at timestamptz NOT NULL,
    document tsvector NOT NULL,
    visible_from date
);

CREATE INDEX hub_entries_document_idx ON hub_entries USING gin (document);
CREATE INDEX hub_entries_company_idx ON hub_entries (company_id, visible_from);
-- a search without words reads this alone (an index-only scan), not the wide rows with the
-- documents
CREATE INDEX visible_hub_entries_idx ON hub_entries (visible_from)
    INCLUDE (product_id, company_id, module, category, price, listed_at);

COMMENT ON TABLE hub_entries IS
    'the Solutions Hub''s index: a row per listed product (hub_listings), kept by triggers on listings, products, services and terms';
COMMENT ON COLUMN hub_entries.visible_from IS
    'the first day the listing is visible (SPEC §5): the later of the earliest starts of its company''s Solutions Hub and its plan; NULL while either is missing, has no term or is inactive';

-- The first day a service is viewable: its earliest term's start, unless it is inactive.
-- +goose StatementBegin
CREATE FUNCTION plan_viewable_from(company_id bigint, module module_key, environment environment) RETURNS date
LANGUAGE sql STABLE PARALLEL SAFE
RETURN (SELECT min(t.valid_from) FROM services s JOIN service_terms t ON t.service_id = s.id
        WHERE s.company_id = plan_viewable_from.company_id AND s.module = plan_viewable_from.module
          AND s.environment IS NOT DISTINCT FROM plan_viewable_from.environment AND s.status <> 'inactive');
-- +goose StatementEnd

-- Brings the entries of the given products up to date: added, changed or removed as
-- hub_listings and the services say. The companies are locked first (an advisory lock each, in
-- id order; one lock for them all when there are many), so that of two transactions changing
-- one company's listings or services, the one that refreshes last works from a snapshot with
-- the other's change in it.
-- +goose StatementBegin
CREATE FUNCTION refresh_hub_entries(product_ids bigint[]) RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    companies bigint[];
BEGIN
    IF cardinality(product_ids) = 0 THEN
        RETURN;
    END IF;
    SELECT array_agg(DISTINCT p.company_id ORDER BY p.company_id) INTO companies
    FROM products p WHERE p.id = ANY (product_ids);
    IF cardinality(companies) > 64 THEN
        -- a bulk change (a data load) takes the whole index at once, not a lock per company
        PERFORM pg_advisory_xact_lock(hashtext('hub_entries: all'), 0);
    ELSE
        PERFORM pg_advisory_xact_lock_shared(hashtext('hub_entries: all'), 0);
        PERFORM pg_advisory_xact_lock(hashtext('hub_entries'), hashint8(c)) FROM unnest(companies) c;
    END IF;
    DELETE FROM hub_entries e
    WHERE e.product_id = ANY (product_ids)
      AND NOT EXISTS (SELECT 1 FROM hub_listings h WHERE h.product_id = e.product_id);
    INSERT INTO hub_entries AS e (product_id, company_id, module, environment, category, price, listed_at, document,
                                  visible_from)
    SELECT h.product_id, h.company_id, h.module, h.environment, h.category, h.price, h.listed_at, h.document,
           CASE WHEN hub.day IS NOT NULL AND plan.day IS NOT NULL THEN greatest(hub.day, plan.day) END
    FROM hub_listings h
    CROSS JOIN LATERAL (SELECT plan_viewable_from(h.company_id, 'solutions_hub', NULL) AS day) hub
    CROSS JOIN LATERAL (SELECT plan_viewable_from(h.company_id, h.module, h.environment) AS day) plan
    WHERE h.product_id = ANY (product_ids)
    ON CONFLICT (product_id) DO UPDATE
    SET company_id = EXCLUDED.company_id, module = EXCLUDED.module, environment = EXCLUDED.environment,
        category = EXCLUDED.category, price = EXCLUDED.price, listed_at = EXCLUDED.listed_at,
        document = EXCLUDED.document, visible_from = EXCLUDED.visible_from
    WHERE (e.company_id, e.module, e.environment, e.category, e.price, e.listed_at, e.document, e.visible_from)
          IS DISTINCT FROM (EXCLUDED.company_id, EXCLUDED.module, EXCLUDED.environment, EXCLUDED.category,
                            EXCLUDED.price, EXCLUDED.listed_at, EXCLUDED.document, EXCLUDED.visible_from);
END;
$$;
-- +goose StatementEnd

-- The entries of every listed product of the given companies: a change of their services or
-- terms moves when their listings are visible.
-- +goose StatementBegin
CREATE FUNCTION refresh_company_hub_entries(company_ids bigint[]) RETURNS void
LANGUAGE sql
BEGIN ATOMIC
    SELECT refresh_hub_entries(ARRAY(
        SELECT l.product_id FROM listings l JOIN products p ON p.id = l.product_id
        WHERE p.company_id = ANY (company_ids)));
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION hub_entries_after_listings() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM refresh_hub_entries(ARRAY(SELECT n.product_id FROM changed n));
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION hub_entries_after_products() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM refresh_hub_entries(ARRAY(SELECT n.id FROM changed n JOIN listings l ON l.product_id = n.id));
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION hub_entries_after_services() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM refresh_company_hub_entries(ARRAY(SELECT DISTINCT o.company_id FROM removed o));
    ELSE
        PERFORM refresh_company_hub_entries(ARRAY(SELECT DISTINCT n.company_id FROM changed n));
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

-- Listings added or changed (a listing removed takes its entry with it, by the foreign key);
-- products changed (published, archived, repriced, ...: a product removed takes its listing);
-- services granted, changed or removed. Statement triggers: a bulk load refreshes once.
CREATE TRIGGER hub_entries_listings_insert AFTER INSERT ON listings
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION hub_entries_after_listings();
CREATE TRIGGER hub_entries_listings_update AFTER UPDATE ON listings
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION hub_entries_after_listings();
CREATE TRIGGER hub_entries_products_update AFTER UPDATE ON products
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION hub_entries_after_products();
CREATE TRIGGER hub_entries_services_insert AFTER INSERT ON services
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION hub_entries_after_services();
CREATE TRIGGER hub_entries_services_update AFTER UPDATE ON services
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION hub_entries_after_services();
CREATE TRIGGER hub_entries_services_delete AFTER DELETE ON services
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION hub_entries_after_services();

-- Terms added, removed or moved change a service's earliest start.
-- +goose StatementBegin
CREATE FUNCTION hub_entries_after_terms() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM refresh_company_hub_entries(ARRAY(
            SELECT DISTINCT s.company_id FROM services s WHERE s.id IN (SELECT n.service_id FROM added n)));
    ELSE
        PERFORM refresh_company_hub_entries(ARRAY(
            SELECT DISTINCT s.company_id FROM services s WHERE s.id IN (SELECT o.service_id FROM removed o)));
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION hub_entries_after_term_move() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM refresh_company_hub_entries(ARRAY(
        SELECT DISTINCT s.company_id FROM services s WHERE s.id IN (OLD.service_id, NEW.service_id)));
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER hub_entries_terms_insert AFTER INSERT ON service_terms
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION hub_entries_after_terms();
CREATE TRIGGER hub_entries_terms_delete AFTER DELETE ON service_terms
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION hub_entries_after_terms();
CREATE TRIGGER hub_entries_terms_move AFTER UPDATE OF valid_from, service_id ON service_terms
    FOR EACH ROW EXECUTE FUNCTION hub_entries_after_term_move();

SELECT refresh_hub_entries(ARRAY(SELECT product_id FROM listings));

-- +goose Down
DROP TRIGGER hub_entries_terms_move ON service_terms;
DROP TRIGGER hub_entries_terms_delete ON service_terms;
DROP TRIGGER hub_entries_terms_insert ON service_terms;
DROP FUNCTION hub_entries_after_term_move();
DROP FUNCTION hub_entries_after_terms();
DROP TRIGGER hub_entries_services_delete ON services;
DROP TRIGGER hub_entries_services_update ON services;
DROP TRIGGER hub_entries_services_insert ON services;
DROP TRIGGER hub_entries_products_update ON products;
DROP TRIGGER hub_entries_listings_update ON listings;
DROP TRIGGER hub_entries_listings_insert ON listings;
DROP FUNCTION hub_entries_after_services();
DROP FUNCTION hub_entries_after_products();
DROP FUNCTION hub_entries_after_listings();
DROP FUNCTION refresh_company_hub_entries(bigint[]);
DROP FUNCTION refresh_hub_entries(bigint[]);
DROP FUNCTION plan_viewable_from(bigint, module_key, environment);
DROP TABLE hub_entries;
