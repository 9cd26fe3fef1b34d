-- +goose Up
-- API keys: how a partner's device platform speaks for its company. A key belongs to one
-- environment (its reports count against that environment's plans). Only a hash of the secret
-- is kept: the secret is shown once, when the key is made, and cannot be recovered.
CREATE TABLE api_keys (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id bigint NOT NULL REFERENCES partner_companies (id),
    environment environment NOT NULL,
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    -- the start of the secret, shown in lists so people can tell keys apart
    prefix text NOT NULL,
    -- sha256 of the whole secret; the secret carries 256 random bits, so no salt or slow hash
    -- is needed and a lookup by hash is the authentication
    secret_hash bytea NOT NULL CHECK (length(secret_hash) = 32),
    created_by bigint REFERENCES users (id),
    created_at timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at timestamptz,
    revoked_by bigint REFERENCES users (id),
    CONSTRAINT api_keys_secret_hash_key UNIQUE (secret_hash),
    CONSTRAINT api_keys_revoker_only_when_revoked CHECK (revoked_by IS NULL OR revoked_at IS NOT NULL)
);

CREATE INDEX api_keys_company_idx ON api_keys (company_id, created_at DESC);

-- +goose Down
DROP TABLE api_keys;
