-- +goose Up
-- What a person sees of their own sessions on their account page: when each signed in, when
-- it was last seen, from which browser and address. id names a session on the page without
-- giving away its token (the token is the cookie: whoever has it is signed in).
-- Sessions saved before this migration take the moment of the migration as both times.
ALTER TABLE sessions
    ADD COLUMN id bigint NOT NULL GENERATED ALWAYS AS IDENTITY,
    ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN user_agent text NOT NULL DEFAULT '' CHECK (length(user_agent) <= 512),
    ADD COLUMN ip text NOT NULL DEFAULT '' CHECK (length(ip) <= 64);

CREATE UNIQUE INDEX sessions_id_key ON sessions (id);

-- A change of sign-in address waits here until the link sent to the new address is opened:
-- the link proves the new address is the user's. Only a hash of the token is kept, as for
-- password links; a newer request or the change itself burns the older links.
CREATE TABLE email_change_tokens (
    token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    new_email text NOT NULL CHECK (new_email ~ '^[^@\s]+@[^@\s]+$' AND length(new_email) <= 254),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at timestamptz,
    CONSTRAINT email_change_tokens_expire_after_creation CHECK (expires_at > created_at)
);

CREATE INDEX email_change_tokens_user_idx ON email_change_tokens (user_id);

-- +goose Down
DROP TABLE email_change_tokens;
DROP INDEX sessions_id_key;
ALTER TABLE sessions DROP COLUMN ip, DROP COLUMN user_agent, DROP COLUMN last_seen_at,
    DROP COLUMN created_at, DROP COLUMN id;
