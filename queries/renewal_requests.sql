-- Renewal requests as staff answer them (the partner's side is in services.sql).

-- name: ListOpenRenewalRequestsForStaff :many
-- Open requests of the companies the viewer may see, oldest first, with what a renewal made
-- today would do: the service's state and where the new term would start.
SELECT r.id, r.service_id, r.message, r.term_months, r.created_at,
       s.company_id, c.name AS company_name, s.module, m.name AS module_name, s.environment, s.version,
       u.name AS requested_by_name,
       ss.term_months AS current_term_months, ss.valid_until, ss.state::service_state AS state,
       renewal_from(last.valid_from, last.valid_until, ss.state, ss.valid_until, sqlc.arg(today)::date)::date AS renewal_from
FROM renewal_requests r
JOIN services s ON s.id = r.service_id
JOIN partner_companies c ON c.id = s.company_id
JOIN modules m ON m.key = s.module
JOIN users u ON u.id = r.requested_by
JOIN service_states(sqlc.arg(today)::date) ss ON ss.service_id = s.id
-- the last term, for renewal_from (renewal_start's rule, inlined)
LEFT JOIN LATERAL (
    SELECT l.valid_from, l.valid_until FROM service_terms l
    WHERE l.service_id = s.id ORDER BY l.valid_from DESC LIMIT 1) last ON true
WHERE r.status = 'open' AND s.company_id IN (SELECT sc.company_id FROM staff_companies(sqlc.arg(viewer_id)::bigint) sc)
ORDER BY r.created_at, r.id;

-- name: GetRenewalRequestForAnswer :one
-- Locks a request the viewer may answer; no row when its company is not theirs.
SELECT r.id, r.service_id, r.status, r.term_months, r.message, s.company_id, c.name AS company_name
FROM renewal_requests r
JOIN services s ON s.id = r.service_id
JOIN partner_companies c ON c.id = s.company_id
WHERE r.id = sqlc.arg(id) AND s.company_id IN (SELECT sc.company_id FROM staff_companies(sqlc.arg(viewer_id)::bigint) sc)
FOR UPDATE OF r;

-- name: AnswerRenewalRequest :one
-- No row when the request was answered already.
UPDATE renewal_requests
SET status = sqlc.arg(status), answer = sqlc.arg(answer), answered_by = sqlc.arg(answered_by),
    answered_at = sqlc.arg(answered_at)
WHERE id = sqlc.arg(id) AND status = 'open'
RETURNING *;
