-- +goose Up
-- One-time password links an admin issues. Only a hash of the token is kept: the link itself
-- is shown once and a copy of this table opens no account.
CREATE TABLE password_reset_tokens (
    token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
    user_id bigint NOT NULL REFERENCES users (id),
    created_by bigint NOT NULL REFERENCES users (id),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at timestamptz,
    CONSTRAINT password_reset_tokens_expire_after_creation CHECK (expires_at > created_at)
);

CREATE INDEX password_reset_tokens_user_idx ON password_reset_tokens (user_id);

-- +goose Down
DROP TABLE password_reset_tokens;
