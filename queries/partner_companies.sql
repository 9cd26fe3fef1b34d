-- name: UpsertPartnerCompany :one
-- Used by the demo seed: companies are matched by name.
INSERT INTO partner_companies (name, is_hardware, is_software)
VALUES ($1, $2, $3)
ON CONFLICT ((lower(name))) DO UPDATE
SET is_hardware = EXCLUDED.is_hardware, is_software = EXCLUDED.is_software
RETURNING *;

-- name: SetPartnerCompanyAccountManager :exec
UPDATE partner_companies SET account_manager_id = $2 WHERE id = $1;

-- name: UpdateHubProfile :exec
UPDATE partner_companies SET hub_tagline = $2, hub_contact_email = $3 WHERE id = $1;

-- name: GetCompanyForStaff :one
-- A company the viewer may see, with its account manager's name (empty for none); no row
-- otherwise (the page answers 404).
SELECT sqlc.embed(c), coalesce(am.name, '')::text AS account_manager_name
FROM partner_companies c
LEFT JOIN users am ON am.id = c.account_manager_id
WHERE c.id = sqlc.arg(id) AND c.id IN (SELECT sc.company_id FROM staff_companies(sqlc.arg(viewer_id)::bigint) sc);

-- name: ListCompaniesForStaff :many
-- The companies the viewer may see, by name: what the staff filters and forms offer.
SELECT c.id, c.name
FROM partner_companies c
WHERE c.id IN (SELECT sc.company_id FROM staff_companies(sqlc.arg(viewer_id)::bigint) sc)
ORDER BY lower(c.name), c.id;

-- name: ListCompaniesForAdmin :many
-- One page of the admin's list of partner companies, by name, with their account manager's
-- name (empty for none) and how many users and services each has. search, when not empty,
-- keeps the companies whose name contains it (any case).
SELECT sqlc.embed(c), coalesce(am.name, '')::text AS account_manager_name,
       (SELECT count(*) FROM users u WHERE u.company_id = c.id) AS users,
       (SELECT count(*) FROM services s WHERE s.company_id = c.id) AS services
FROM partner_companies c
LEFT JOIN users am ON am.id = c.account_manager_id
WHERE sqlc.arg(search)::text = '' OR strpos(lower(c.name), lower(sqlc.arg(search)::text)) > 0
ORDER BY lower(c.name), c.id
LIMIT sqlc.arg(max_rows)::integer OFFSET sqlc.arg(skip)::integer;

-- name: CountCompaniesForAdmin :one
-- How many companies ListCompaniesForAdmin has over all its pages.
SELECT count(*) FROM partner_companies c
WHERE sqlc.arg(search)::text = '' OR strpos(lower(c.name), lower(sqlc.arg(search)::text)) > 0;

-- name: ListCompanyServicesForStaff :many
-- The services of a company the viewer may see (none otherwise), in catalogue order, each on
-- its current term with its figures and state at today (service_states). renewal_from is where
-- a renewal made today starts; open_request_* describe the partner's open renewal request
-- (NULL when there is none).
SELECT s.id, s.module, m.name AS module_name, m.metered, s.environment, s.status, s.version,
       ss.state::service_state AS state, ss.term_id, ss.valid_from, ss.valid_until, ss.term_months,
       ss.cap_percent, ss.message_quota, ss.device_quota, ss.messages_used, ss.devices_used,
       ss.message_allowance, ss.device_allowance, ss.expired_from,
       renewal_from(last.valid_from, last.valid_until, ss.state, ss.valid_until, sqlc.arg(today)::date)::date AS renewal_from,
       gt.granted_message_quota,
       gt.granted_device_quota,
       r.id AS open_request_id, r.term_months AS open_request_term_months,
       r.message AS open_request_message, r.created_at AS open_request_at,
       ru.name AS open_request_by, s.deactivated_at, s.deactivation_reason
FROM services s
JOIN modules m ON m.key = s.module
JOIN service_states(sqlc.arg(today)::date) ss ON ss.service_id = s.id
-- the last term, for renewal_from (renewal_start's rule, inlined)
LEFT JOIN LATERAL (
    SELECT l.valid_from, l.valid_until FROM service_terms l
    WHERE l.service_id = s.id ORDER BY l.valid_from DESC LIMIT 1) last ON true
LEFT JOIN service_term_grants gt ON gt.term_id = ss.term_id
LEFT JOIN renewal_requests r ON r.service_id = s.id AND r.status = 'open'
LEFT JOIN users ru ON ru.id = r.requested_by
WHERE s.company_id = sqlc.arg(company_id) AND s.company_id IN (SELECT sc.company_id FROM staff_companies(sqlc.arg(viewer_id)::bigint) sc)
ORDER BY m.position, s.environment;

-- name: ListCompanyTermsForStaff :many
-- Every term of the services of a company the viewer may see (none otherwise), by service and
-- newest first: each service's history on the staff partner page.
SELECT t.service_id, t.id, t.valid_from, t.valid_until, t.term_months, t.cap_percent,
       t.message_quota, t.device_quota, t.messages_used, t.devices_used,
       t.message_topup, t.device_topup, f.grace_days, f.expired_from, t.created_at
FROM service_terms t
JOIN service_term_figures f ON f.term_id = t.id
JOIN services s ON s.id = t.service_id
WHERE s.company_id = sqlc.arg(company_id) AND s.company_id IN (SELECT sc.company_id FROM staff_companies(sqlc.arg(viewer_id)::bigint) sc)
ORDER BY t.service_id, t.valid_from DESC;

-- name: GetPartnerCompanyForUpdate :one
SELECT * FROM partner_companies WHERE id = $1 FOR UPDATE;

-- name: CreatePartnerCompany :one
-- Fails on partner_companies_name_key when the name is taken (case-insensitive).
INSERT INTO partner_companies (name, is_hardware, is_software, account_manager_id)
VALUES ($1, $2, $3, $4)
RETURNING *;

-- name: UpdatePartnerCompany :one
UPDATE partner_companies
SET name = $2, is_hardware = $3, is_software = $4, account_manager_id = $5
WHERE id = $1
RETURNING *;

-- name: IsActiveAccountManager :one
-- Whether id may be assigned companies: an account manager whose account is not disabled.
SELECT EXISTS (SELECT 1 FROM users WHERE id = $1 AND role = 'account_manager' AND disabled_at IS NULL);
