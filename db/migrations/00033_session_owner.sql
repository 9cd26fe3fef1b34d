-- +goose Up
-- Who a session belongs to, beside its encoded data: the signed-in user, or a visitor's cart
-- key. With them a request reads its session, its user, their company's access and the cart
-- count in one round trip (GetRequestSession and ListRequestSessionAccess, sent in one batch
-- by the session store), and a user's sessions can be found and ended by user.
-- Sessions saved before this migration have neither: a signed-in one ends at its next request
-- (the portal cannot tell whose it is without reading it), a visitor's keeps its data.
ALTER TABLE sessions
    ADD COLUMN user_id bigint REFERENCES users (id) ON DELETE CASCADE,
    ADD COLUMN cart_key text;

CREATE INDEX sessions_user_idx ON sessions (user_id) WHERE user_id IS NOT NULL;

-- +goose Down
DROP INDEX sessions_user_idx;
ALTER TABLE sessions DROP COLUMN cart_key, DROP COLUMN user_id;
