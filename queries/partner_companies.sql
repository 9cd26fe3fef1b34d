-- name: UpsertPartnerCompany :one
-- Used by the demo seed: companies are matched by name.
INSERT INTO partner_companies (name, is_hardware, is_software)
VALUES ($1, $2, $3)
ON CONFLICT ((lower(name))) DO UPDATE
SET is_hardware = EXCLUDED.is_hardware, is_software = EXCLUDED.is_software
RETURNING *;

-- name: SetPartnerCompanyAccountManager :exec
UPDATE partner_companies SET account_manager_id = $2 WHERE id = $1;

-- name: GetHubProfile :one
SELECT hub_tagline, hub_contact_email FROM partner_companies WHERE id = $1;

-- name: UpdateHubProfile :exec
UPDATE partner_companies SET hub_tagline = $2, hub_contact_email = $3 WHERE id = $1;
