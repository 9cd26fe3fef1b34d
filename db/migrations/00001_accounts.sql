-- +goose Up
-- Who signs in: staff (admins, account managers), partner users (members of one partner
-- company) and consumers. Sessions live in the database so every server sees them.

CREATE TYPE user_role AS ENUM ('admin', 'account_manager', 'partner', 'consumer');

CREATE TABLE partner_companies (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    is_hardware boolean NOT NULL DEFAULT false,
    is_software boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT partner_companies_has_a_type CHECK (is_hardware OR is_software)
);

CREATE UNIQUE INDEX partner_companies_name_key ON partner_companies (lower(name));

CREATE TABLE users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL CHECK (email ~ '^[^@\s]+@[^@\s]+$' AND length(email) <= 254),
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    password_hash text NOT NULL,
    role user_role NOT NULL,
    company_id bigint REFERENCES partner_companies (id),
    disabled_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    -- a partner user belongs to exactly one company; nobody else belongs to one
    CONSTRAINT users_company_matches_role CHECK ((role = 'partner') = (company_id IS NOT NULL))
);

CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE INDEX users_company_id_idx ON users (company_id);

ALTER TABLE partner_companies
    ADD COLUMN account_manager_id bigint REFERENCES users (id);

CREATE INDEX partner_companies_account_manager_idx ON partner_companies (account_manager_id);

-- The table scs's PostgreSQL store expects.
CREATE TABLE sessions (
    token text PRIMARY KEY,
    data bytea NOT NULL,
    expiry timestamptz NOT NULL
);

CREATE INDEX sessions_expiry_idx ON sessions (expiry);

-- +goose Down
DROP TABLE sessions;
ALTER TABLE partner_companies DROP COLUMN account_manager_id;
DROP TABLE users;
DROP TABLE partner_companies;
DROP TYPE user_role;
