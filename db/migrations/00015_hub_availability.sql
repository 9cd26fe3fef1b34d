-- +goose Up
-- What SPEC §5 makes of states in the Solutions Hub, on top of the state rule of 00002. Nothing
-- here decides a state: company_module_state only looks the plan up in service_states, exactly
-- as company_access does; the functions after it only classify states, with state_can_view and
-- state_can_use (00002).

-- The state of a company's service for a module (and, for software and hardware, one
-- environment's plan) on a day: 'none' when the company does not hold it (SPEC §4 row 1).
-- +goose StatementBegin
CREATE FUNCTION company_module_state(company_id bigint, module module_key, environment environment, today date)
RETURNS service_state
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT coalesce(ss.state, 'none')
    FROM (SELECT) AS one
    LEFT JOIN service_states(today) ss ON ss.company_id = company_module_state.company_id
        AND ss.module = company_module_state.module
        AND ss.environment IS NOT DISTINCT FROM company_module_state.environment;
END;
-- +goose StatementEnd

-- The state of a company's Solutions Hub on a day.
-- +goose StatementBegin
CREATE FUNCTION hub_state(company_id bigint, today date) RETURNS service_state
LANGUAGE sql STABLE PARALLEL SAFE
RETURN company_module_state(company_id, 'solutions_hub', NULL, today);
-- +goose StatementEnd

-- SPEC §5: a listing is visible in the Hub iff neither its company's Solutions Hub nor its
-- product's plan is hidden, and purchasable iff both can be used.
-- +goose StatementBegin
CREATE FUNCTION hub_visible(hub service_state, plan service_state) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN state_can_view(hub) AND state_can_view(plan);
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION hub_purchasable(hub service_state, plan service_state) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN state_can_use(hub) AND state_can_use(plan);
-- +goose StatementEnd

-- A company's part of a listing's address (/hub/company-a/…): its name in lowercase ASCII words
-- joined by hyphens, accents dropped (as product slugs are made). Not unique by construction
-- (names differ in more than that); a listing is found by the company's and the product's slug
-- together, the oldest company first.
-- +goose StatementBegin
CREATE FUNCTION company_slug(name text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN coalesce(nullif(btrim(regexp_replace(
    regexp_replace(normalize(lower(name), NFD), '[\u0300-\u036f]', '', 'g'),
    '[^a-z0-9]+', '-', 'g'), '-'), ''), 'company');
-- +goose StatementEnd

ALTER TABLE partner_companies ADD COLUMN slug text NOT NULL GENERATED ALWAYS AS (company_slug(name)) STORED;
CREATE INDEX partner_companies_slug_idx ON partner_companies (slug);

-- +goose Down
ALTER TABLE partner_companies DROP COLUMN slug;
DROP FUNCTION company_slug(text);
DROP FUNCTION hub_purchasable(service_state, service_state);
DROP FUNCTION hub_visible(service_state, service_state);
DROP FUNCTION hub_state(bigint, date);
DROP FUNCTION company_module_state(bigint, module_key, environment, date);
