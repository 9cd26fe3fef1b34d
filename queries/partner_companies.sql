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

-- name: GetCompanyForStaff :one
-- A company the viewer may see; no row otherwise (the page answers 404).
SELECT c.* FROM partner_companies c
WHERE c.id = sqlc.arg(id) AND staff_can_see(c.id, sqlc.arg(viewer_id)::bigint);

-- name: GetStaffPartnerPage :one
-- Everything the staff partner page shows, in one round trip; no row when the viewer may not
-- see the company. Each service is on its current term with its figures and state at today
-- (service_states), its term history and its open renewal request; renewal_from is where a renewal made today
-- starts. The timeline is the company's latest audit events. JSON keys are read by
-- web/admin_partner_data.go.
SELECT c.id, c.name, c.is_hardware, c.is_software, c.account_manager_id,
       coalesce(am.name, '')::text AS account_manager_name,
       (SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY lower(x.name)), '[]') FROM (
            SELECT u.id, u.name, u.email, u.disabled_at IS NOT NULL AS disabled
            FROM users u WHERE u.company_id = c.id) x)::jsonb AS users,
       (SELECT coalesce(jsonb_agg(to_jsonb(sv) ORDER BY sv.position, sv.environment), '[]') FROM (
            SELECT ss.service_id AS id, ss.module, m.name AS module_name, m.metered, m.position, ss.environment,
                   ss.status, ss.version, ss.state, ss.term_id, ss.valid_from, ss.valid_until, ss.term_months,
                   ss.cap_percent, ss.message_quota, ss.device_quota, ss.messages_used, ss.devices_used,
                   ss.message_allowance, ss.device_allowance, ss.expired_from,
                   renewal_start(ss.service_id, sqlc.arg(today)::date) AS renewal_from,
                   (SELECT coalesce(jsonb_agg(to_jsonb(h) ORDER BY h.valid_from DESC), '[]') FROM (
                        SELECT ht.id, ht.valid_from, ht.valid_until, ht.term_months, ht.cap_percent,
                               ht.message_quota, ht.device_quota, ht.messages_used, ht.devices_used
                        FROM service_terms ht WHERE ht.service_id = ss.service_id) h) AS terms,
                   (SELECT to_jsonb(o) FROM (
                        SELECT r.id, r.term_months, r.message, r.created_at, ru.name AS requested_by
                        FROM renewal_requests r JOIN users ru ON ru.id = r.requested_by
                        WHERE r.service_id = ss.service_id AND r.status = 'open') o) AS open_request
            FROM service_states(sqlc.arg(today)::date) ss
            JOIN modules m ON m.key = ss.module
            WHERE ss.company_id = c.id) sv)::jsonb AS services,
       (SELECT coalesce(jsonb_agg(to_jsonb(e) ORDER BY e.at DESC, e.id DESC), '[]') FROM (
            SELECT ev.id, ev.at, ev.action, ev.subject, ev.before, ev.after, a.name AS actor_name
            FROM audit_events ev JOIN users a ON a.id = ev.actor_id
            WHERE ev.company_id = c.id
            ORDER BY ev.at DESC, ev.id DESC
            LIMIT 20) e)::jsonb AS timeline,
       (SELECT jsonb_agg(to_jsonb(mm) ORDER BY mm.position) FROM (
            SELECT key, name, metered, position FROM modules) mm)::jsonb AS modules
FROM partner_companies c
LEFT JOIN users am ON am.id = c.account_manager_id
WHERE c.id = sqlc.arg(company_id) AND staff_can_see(c.id, sqlc.arg(viewer_id)::bigint);

-- name: GetCompaniesAdminPage :one
-- The admin's list of partner companies and the account managers one can be assigned to.
SELECT (SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY lower(x.name)), '[]') FROM (
            SELECT c.id, c.name, c.is_hardware, c.is_software, c.account_manager_id,
                   coalesce(am.name, '') AS account_manager_name,
                   (SELECT count(*) FROM users u WHERE u.company_id = c.id) AS users,
                   (SELECT count(*) FROM services s WHERE s.company_id = c.id) AS services
            FROM partner_companies c LEFT JOIN users am ON am.id = c.account_manager_id) x)::jsonb AS companies,
       (SELECT coalesce(jsonb_agg(to_jsonb(m) ORDER BY lower(m.name)), '[]') FROM (
            SELECT u.id, u.name, u.email FROM users u
            WHERE u.role = 'account_manager' AND u.disabled_at IS NULL) m)::jsonb AS managers;

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
