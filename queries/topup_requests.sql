-- Top-up requests (migration 00030): a partner asks, an account manager answers. Approving
-- raises the term's quota through the table's trigger, in the answering statement.

-- name: CreateTopupRequest :one
-- A request on the service's current term, made only while that term is not over (its state
-- can be viewed and its grace has not ended) and meters the dimension; no row otherwise. The
-- state is read in this statement, so a concurrent change cannot slip in between. Fails with a
-- unique violation on topup_requests_one_open_idx while one is open for the dimension.
INSERT INTO topup_requests (service_id, term_id, metric, amount, reason, requested_by, created_at)
SELECT ss.service_id, ss.term_id, sqlc.arg(metric), sqlc.arg(amount), sqlc.arg(reason),
       sqlc.arg(requested_by), sqlc.arg(created_at)
FROM services s
JOIN service_states(sqlc.arg(today)::date) ss ON ss.service_id = s.id
WHERE s.id = sqlc.arg(service_id) AND s.company_id = sqlc.arg(company_id)
  AND state_can_view(ss.state) AND sqlc.arg(today)::date < ss.expired_from
  AND CASE sqlc.arg(metric)::usage_metric WHEN 'messages' THEN ss.message_quota ELSE ss.device_quota END IS NOT NULL
RETURNING *;

-- name: ListOpenTopupRequestsForStaff :many
-- Open top-up requests of the companies the viewer may see, oldest first, with the plan as it
-- stands today; term_current is false once the term asked about has ended.
SELECT r.id, r.service_id, r.metric, r.amount, r.reason, r.created_at,
       s.company_id, c.name AS company_name, s.module, m.name AS module_name, s.environment,
       u.name AS requested_by_name, ss.state::service_state AS state,
       ss.message_quota, ss.messages_used, ss.device_quota, ss.devices_used, ss.valid_until,
       (ss.term_id = r.term_id)::boolean AS term_current
FROM topup_requests r
JOIN services s ON s.id = r.service_id
JOIN partner_companies c ON c.id = s.company_id
JOIN modules m ON m.key = s.module
JOIN users u ON u.id = r.requested_by
JOIN service_states(sqlc.arg(today)::date) ss ON ss.service_id = s.id
WHERE r.status = 'open' AND s.company_id IN (SELECT sc.company_id FROM staff_companies(sqlc.arg(viewer_id)::bigint) sc)
ORDER BY r.created_at, r.id;

-- name: GetTopupRequestForAnswer :one
-- Locks a request the viewer may answer, and its service, so the answer and a renewal or a
-- status change of the plan take turns; no row when its company is not theirs.
SELECT r.id, r.service_id, r.term_id, r.status, r.metric, r.amount, r.reason, s.company_id
FROM topup_requests r
JOIN services s ON s.id = r.service_id
WHERE r.id = sqlc.arg(id) AND s.company_id IN (SELECT sc.company_id FROM staff_companies(sqlc.arg(viewer_id)::bigint) sc)
FOR UPDATE OF r, s;

-- name: AnswerTopupRequest :one
-- Closes an open request; approving it (granted set) raises the term's quota by the trigger.
-- An approval needs the term asked about to be still the current one: no row otherwise, and
-- no row when the request was answered already.
UPDATE topup_requests r
SET status = sqlc.arg(status), granted = sqlc.narg(granted), answer = sqlc.arg(answer),
    answered_by = sqlc.arg(answered_by), answered_at = sqlc.arg(answered_at)
FROM services s
JOIN service_states(sqlc.arg(today)::date) ss ON ss.service_id = s.id
WHERE r.id = sqlc.arg(id) AND r.status = 'open' AND s.id = r.service_id
  AND (sqlc.arg(status)::renewal_request_status <> 'approved' OR ss.term_id = r.term_id)
RETURNING r.*;

-- name: ListTopupRequestsForCompany :many
-- A company's top-up requests, newest first, with the plan and who asked.
SELECT r.*, s.module, s.environment, m.name AS module_name, u.name AS requested_by_name
FROM topup_requests r
JOIN services s ON s.id = r.service_id
JOIN modules m ON m.key = s.module
JOIN users u ON u.id = r.requested_by
WHERE s.company_id = $1
ORDER BY r.created_at DESC, r.id DESC;

-- name: ListCompanyTopups :many
-- The approved top-ups of a company's terms, oldest first: the term history shows them.
SELECT r.id, r.service_id, r.term_id, r.metric, r.granted::integer AS granted, r.answered_at
FROM topup_requests r
JOIN services s ON s.id = r.service_id
WHERE s.company_id = sqlc.arg(company_id) AND r.status = 'approved'
ORDER BY r.answered_at, r.id;

-- name: ListOpenTopupsForCompany :many
-- The open top-up requests of a company's services: My Services says one is waiting.
SELECT r.service_id, r.metric, r.amount, r.created_at
FROM topup_requests r
JOIN services s ON s.id = r.service_id
WHERE s.company_id = sqlc.arg(company_id) AND r.status = 'open'
ORDER BY r.created_at;
