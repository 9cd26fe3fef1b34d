-- +goose Up
-- ExpressConnect: a partner company's device designs. A design is a head row (which company,
-- its current name and version) and one row per saved version, never changed once written, so
-- any two versions can be compared and an old one exported as it was.
--
-- A version keeps its header as columns (name, protocol, product…) and its model (telemetry
-- attributes with their nesting, commands with parameters, properties, data flows) as one jsonb
-- document in the public export format (web/devicedesign, schema at /expressconnect/schema.json):
-- the application validates it against that schema and its rules before writing, and the
-- checks below hold its shape, so the counts the lists show can be generated from it.

CREATE TYPE device_protocol AS ENUM ('mqtt', 'http', 'lwm2m', 'opcua');
CREATE TYPE device_authentication AS ENUM ('x509', 'symmetric_key', 'token');

CREATE TABLE device_designs (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id bigint NOT NULL REFERENCES partner_companies (id),
    -- the current version's name, here so no two designs of a company share one
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
    -- the current version: raised by every saved change (optimistic concurrency, like products)
    version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    -- where it came from, as people read it: '' (made here), "Copy of “X”, version 3",
    -- "Imported from x.json"
    origin text NOT NULL DEFAULT '' CHECK (length(origin) <= 300),
    created_by bigint REFERENCES users (id),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE UNIQUE INDEX device_designs_company_name_key ON device_designs (company_id, lower(name));
CREATE INDEX device_designs_company_idx ON device_designs (company_id, updated_at DESC);

CREATE TABLE device_design_versions (
    design_id bigint NOT NULL REFERENCES device_designs (id) ON DELETE CASCADE,
    version integer NOT NULL CHECK (version >= 1),
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
    description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    -- one of the company's hardware products (the writer checks it in the insert); kept when
    -- the product is archived
    product_id bigint REFERENCES products (id),
    protocol device_protocol NOT NULL,
    authentication device_authentication NOT NULL,
    model jsonb NOT NULL CHECK (
        jsonb_typeof(model) = 'object'
        AND jsonb_typeof(model -> 'attributes') = 'array'
        AND jsonb_typeof(model -> 'commands') = 'array'
        AND jsonb_typeof(model -> 'properties') = 'array'
        AND jsonb_typeof(model -> 'flows') = 'array'
        AND pg_column_size(model) <= 262144),
    attribute_count integer NOT NULL GENERATED ALWAYS AS (jsonb_array_length(model -> 'attributes')) STORED,
    command_count integer NOT NULL GENERATED ALWAYS AS (jsonb_array_length(model -> 'commands')) STORED,
    property_count integer NOT NULL GENERATED ALWAYS AS (jsonb_array_length(model -> 'properties')) STORED,
    flow_count integer NOT NULL GENERATED ALWAYS AS (jsonb_array_length(model -> 'flows')) STORED,
    saved_by bigint REFERENCES users (id),
    saved_at timestamptz NOT NULL,
    -- what made this version, for the history: "Created", "Edited", "Imported from x.json"
    note text NOT NULL DEFAULT '' CHECK (length(note) <= 300),
    PRIMARY KEY (design_id, version)
);

-- +goose StatementBegin
CREATE FUNCTION device_design_versions_frozen() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a saved design version is never changed: save a new version instead'
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER device_design_versions_no_update BEFORE UPDATE ON device_design_versions
    FOR EACH ROW EXECUTE FUNCTION device_design_versions_frozen();

-- +goose Down
DROP TABLE device_design_versions;
DROP FUNCTION device_design_versions_frozen();
DROP TABLE device_designs;
DROP TYPE device_authentication;
DROP TYPE device_protocol;
