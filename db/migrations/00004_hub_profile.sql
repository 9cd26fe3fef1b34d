-- +goose Up
-- How a partner company presents itself in the Solutions Hub.
ALTER TABLE partner_companies
    ADD COLUMN hub_tagline text NOT NULL DEFAULT '' CHECK (length(hub_tagline) <= 120),
    ADD COLUMN hub_contact_email text NOT NULL DEFAULT '' CHECK (length(hub_contact_email) <= 254);

-- +goose Down
ALTER TABLE partner_companies DROP COLUMN hub_contact_email, DROP COLUMN hub_tagline;
