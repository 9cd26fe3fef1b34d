-- +goose Up
-- Keys the servers share, made once by the database itself, so that every server and every
-- restart signs and checks with the same one: device_cookie signs the cookies that let a browser
-- which signed in before keep its own sign-in budget (web/auth/device.go). gen_random_uuid is
-- drawn from a strong random source; two of them give 244 random bits.
CREATE TABLE server_keys (
    name text PRIMARY KEY,
    key bytea NOT NULL CHECK (length(key) >= 32)
);

INSERT INTO server_keys (name, key)
VALUES ('device_cookie', decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));

-- A sign-up is finished from a link sent to the address, so that the sign-up page answers the
-- same whether or not the address has an account. The link remembers where the visitor was
-- going and their cart, for when it is opened in another browser. Tokens are kept as their
-- SHA-256 only.
CREATE TABLE signup_links (
    token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
    email text NOT NULL CHECK (length(email) <= 254),
    next_path text NOT NULL DEFAULT '',
    cart_key text,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at timestamptz,
    CONSTRAINT signup_links_expire_after_creation CHECK (expires_at > created_at)
);

CREATE INDEX signup_links_email_idx ON signup_links (lower(email));

-- +goose Down
DROP TABLE signup_links;
DROP TABLE server_keys;
