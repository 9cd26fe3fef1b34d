-- +goose Up
-- When and why a service was last deactivated: an Inactive card says since when, a write into
-- a module that became hidden says what happened, and staff read the reason. Both are cleared
-- when the service is active again; the audit trail keeps every earlier change.
ALTER TABLE services
    ADD COLUMN deactivated_at timestamptz,
    ADD COLUMN deactivation_reason text NOT NULL DEFAULT '' CHECK (length(deactivation_reason) <= 500);

-- +goose Down
ALTER TABLE services DROP COLUMN deactivation_reason, DROP COLUMN deactivated_at;
