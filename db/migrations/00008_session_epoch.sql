-- +goose Up
-- A session remembers the epoch its user had when signing in; setting a new password or
-- disabling the account moves the epoch on, so every session made before stops working at once.
ALTER TABLE users ADD COLUMN session_epoch integer NOT NULL DEFAULT 1;

-- +goose Down
ALTER TABLE users DROP COLUMN session_epoch;
