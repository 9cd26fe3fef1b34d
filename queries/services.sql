-- name: ListCompanyServices :many
-- My Services: every module of the catalogue, a never-granted one with state 'none', and one
-- row per plan (environment) for software and hardware, each on its current term, with its
-- figures and its state at the application's day (today), all from service_states.
-- open_request_at and last_* describe the service's renewal requests.
-- next_term_from is a renewal already made: the first term that starts after both today and
-- the current term. The current terms' quota warnings are a list of their own
-- (ListCompanyQuotaWarnings), which My Services reads in the same batch.
SELECT m.key AS module, m.name AS module_name, m.metered, m.position,
       ss.service_id, ss.environment, ss.status, ss.version,
       ss.term_id, ss.valid_from, ss.valid_until, ss.term_months, ss.cap_percent,
       ss.message_quota, ss.messages_used, ss.device_quota, ss.devices_used,
       -- no service: SPEC §4 row 1
       coalesce(ss.state, 'none')::service_state AS state,
       ss.grace_days, ss.expired_from, ss.message_allowance, ss.device_allowance,
       coalesce(ss.days_left, 0)::integer AS days_left,
       coalesce(ss.grace_days_left, 0)::integer AS grace_days_left,
       ss.messages_left, ss.messages_left_allowance, ss.devices_left, ss.devices_left_allowance,
       nt.valid_from AS next_term_from,
       orq.created_at AS open_request_at,
       coalesce(lr.status::text, '')::text AS last_answer_status, lr.answer AS last_answer, lr.answered_at AS last_answered_at,
       sv.deactivated_at
FROM modules m
LEFT JOIN service_states(sqlc.arg(today)::date) ss ON ss.module = m.key AND ss.company_id = sqlc.arg(company_id)::bigint
LEFT JOIN services sv ON sv.id = ss.service_id
-- by the service's own terms (not by term id alone, which a generic plan answers by hashing
-- every term there is)
LEFT JOIN service_terms nt ON nt.service_id = ss.service_id AND nt.id = (
    SELECT n.id FROM service_terms n
    WHERE n.service_id = ss.service_id AND n.valid_from > sqlc.arg(today)::date AND n.valid_from > ss.valid_from
    ORDER BY n.valid_from LIMIT 1)
-- the open renewal request, if any, and the latest answered one
LEFT JOIN renewal_requests orq ON orq.service_id = ss.service_id AND orq.status = 'open'
LEFT JOIN LATERAL (
    SELECT r.status, r.answer, r.answered_at FROM renewal_requests r
    WHERE r.service_id = ss.service_id AND r.status <> 'open'
    ORDER BY r.answered_at DESC LIMIT 1) lr ON true
ORDER BY m.position, ss.environment;

-- name: GetCompanyModuleState :one
-- The state of one module for a company, with what a read-only banner says. For software and
-- hardware a NULL environment asks for the module as a whole: its best plan, the most usable by
-- state_usability (active > grace > expired = exhausted > scheduled > inactive > none; ties
-- go to the sandbox plan), which is what navigation shows the Products area by. A non-metered
-- module has no environment, so only NULL finds its service.
-- read_only_since is the first day of 'expired' when the state is expired, else NULL.
SELECT m.key AS module, ss.service_id, ss.environment, ss.status,
       -- no service: SPEC §4 row 1
       coalesce(ss.state, 'none')::service_state AS state,
       ss.valid_from, ss.valid_until, ss.cap_percent, ss.grace_days, ss.read_only_since,
       ss.message_quota, ss.message_allowance, ss.messages_used,
       ss.device_quota, ss.device_allowance, ss.devices_used
FROM modules m
LEFT JOIN services s ON s.module = m.key AND s.company_id = sqlc.arg(company_id)
    AND (sqlc.narg(environment)::environment IS NULL OR s.environment = sqlc.narg(environment)::environment)
LEFT JOIN service_states(sqlc.arg(today)::date) ss ON ss.service_id = s.id
WHERE m.key = sqlc.arg(module)
ORDER BY ss.usability, ss.environment
LIMIT 1;

-- name: GetService :one
SELECT * FROM services WHERE id = $1;

-- name: GetServiceForUpdate :one
-- Locks the service for the rest of the transaction, so a renewal or a status change and the
-- audit record written with it see the same row.
SELECT * FROM services WHERE id = $1 FOR UPDATE;

-- name: CreateService :one
INSERT INTO services (company_id, module, environment, status)
VALUES ($1, $2, $3, $4)
RETURNING *;

-- name: UpdateServiceStatus :one
-- Optimistic concurrency: no row (pgx.ErrNoRows) when someone changed the service since the
-- caller read expected_version.
-- Deactivating stamps the moment (kept while it stays inactive) and the reason given, if any;
-- activating clears both.
UPDATE services SET status = sqlc.arg(status), version = version + 1,
    deactivated_at = CASE WHEN sqlc.arg(status)::service_status = 'inactive' THEN coalesce(deactivated_at, sqlc.arg(now)::timestamptz) END,
    deactivation_reason = CASE WHEN sqlc.arg(status)::service_status = 'inactive'
        THEN coalesce(nullif(sqlc.arg(reason)::text, ''), deactivation_reason) ELSE '' END
WHERE id = sqlc.arg(id) AND version = sqlc.arg(expected_version)
RETURNING *;

-- name: CreateServiceTerm :one
-- The module is copied from the service so the composite key can tell whether quotas are
-- allowed; no row (pgx.ErrNoRows) when the service does not exist.
INSERT INTO service_terms (service_id, module, valid_from, term_months, cap_percent, message_quota, device_quota)
SELECT s.id, s.module, sqlc.arg(valid_from), sqlc.arg(term_months), sqlc.arg(cap_percent),
       sqlc.narg(message_quota), sqlc.narg(device_quota)
FROM services s WHERE s.id = sqlc.arg(service_id)
RETURNING *;

-- name: CreateRenewalRequest :one
-- Fails with a unique violation on renewal_requests_one_open_idx while one is still open.
-- created_at is the application's clock, so "requested on" agrees with the portal's today.
INSERT INTO renewal_requests (service_id, requested_by, message, term_months, created_at)
VALUES ($1, $2, $3, $4, sqlc.arg(created_at))
RETURNING *;

-- name: ListRenewalRequestsForCompany :many
-- Newest first, with what the request is about and who asked.
SELECT r.*, s.module, s.environment, m.name AS module_name, u.name AS requested_by_name
FROM renewal_requests r
JOIN services s ON s.id = r.service_id
JOIN modules m ON m.key = s.module
JOIN users u ON u.id = r.requested_by
WHERE s.company_id = $1
ORDER BY r.created_at DESC, r.id DESC;

-- name: GetServiceForChange :one
-- A service as a staff change sees it, locked for the rest of the transaction; no row when it
-- is not the company's or the viewer may not see the company. Read again after the change it
-- is the "after" of the audit record, with the state the database computes. renewal_from is
-- where a renewal made today starts (renewal_start, SPEC §3).
SELECT s.id, s.company_id, s.module, m.name AS module_name, m.metered, s.environment, s.status, s.version,
       ss.term_id, ss.valid_from, ss.valid_until, ss.term_months, ss.cap_percent,
       ss.message_quota, ss.device_quota, ss.messages_used, ss.devices_used,
       ss.state::service_state AS state,
       renewal_start(s.id, sqlc.arg(today)::date)::date AS renewal_from,
       -- the quotas without this term's top-ups: what a renewal carries over
       gt.granted_message_quota,
       gt.granted_device_quota
FROM services s
JOIN modules m ON m.key = s.module
JOIN service_states(sqlc.arg(today)::date) ss ON ss.service_id = s.id
LEFT JOIN service_term_grants gt ON gt.term_id = ss.term_id
WHERE s.id = sqlc.arg(id) AND s.company_id = sqlc.arg(company_id)
  AND s.company_id IN (SELECT sc.company_id FROM staff_companies(sqlc.arg(viewer_id)::bigint) sc)
FOR UPDATE OF s;

-- name: UpdateTermLimits :exec
-- Cap and granted quotas of a term, effective at once; usage is left as it is. The term's
-- top-ups stay on top of the granted quota; a dimension no longer metered drops them.
UPDATE service_terms
SET cap_percent = sqlc.arg(cap_percent),
    message_quota = sqlc.narg(message_quota) + message_topup,
    message_topup = CASE WHEN sqlc.narg(message_quota)::integer IS NULL THEN 0 ELSE message_topup END,
    device_quota = sqlc.narg(device_quota) + device_topup,
    device_topup = CASE WHEN sqlc.narg(device_quota)::integer IS NULL THEN 0 ELSE device_topup END
WHERE id = sqlc.arg(id);

-- name: GetServiceDeactivation :one
-- When a service was deactivated (NULL while it is active), and its module's name: a write
-- into a module that became hidden says what went and since when.
SELECT s.deactivated_at, m.name AS module_name FROM services s JOIN modules m ON m.key = s.module WHERE s.id = sqlc.arg(id);
