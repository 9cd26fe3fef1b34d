-- Service and purchase events (migration 00024): recorded by the sweep and by the actions that
-- change a service, turned into notices by the delivery job.

-- name: RecordEvents :one
-- What the day brings for one company (or every company when company_id is NULL): see
-- record_events. Returns how many events were recorded.
SELECT record_events(sqlc.arg(today)::date, sqlc.arg(now)::timestamptz, sqlc.narg(company_id)::bigint)::bigint AS recorded;

-- name: CreateServiceEvent :one
-- Something someone did to a service (granted, renewed, deactivated, reactivated, a renewal
-- or top-up request made or answered), in the transaction that did it. Without a term_id it concerns the
-- service's current term.
INSERT INTO service_events (service_id, company_id, term_id, kind, actor_id, renewal_request_id, topup_request_id, recorded_at)
SELECT s.id, s.company_id,
       coalesce(sqlc.narg(term_id), (SELECT ss.term_id FROM service_states(sqlc.arg(today)::date) ss WHERE ss.service_id = s.id)) AS term_id,
       sqlc.arg(kind), sqlc.narg(actor_id), sqlc.narg(renewal_request_id), sqlc.narg(topup_request_id), sqlc.arg(now)
FROM services s WHERE s.id = sqlc.arg(service_id)
RETURNING id;

-- name: ClaimServiceEvents :many
-- Up to max_rows undelivered service events with what their notices say, oldest first, locked
-- until the transaction that delivers them ends; events another delivery holds are skipped.
SELECT e.id, e.kind, e.metric, e.actor_id, e.recorded_at, e.service_id, e.company_id,
       c.name AS company_name, c.account_manager_id,
       s.module, s.environment, m.name AS module_name,
       t.valid_from, t.valid_until, f.expired_from, t.cap_percent,
       t.message_quota, t.device_quota, f.message_allowance, f.device_allowance,
       r.answer AS request_answer, r.term_months AS request_term_months,
       tr.metric AS topup_metric, tr.amount AS topup_amount, tr.granted AS topup_granted, tr.answer AS topup_answer,
       coalesce(a.name, '')::text AS actor_name
FROM service_events e
JOIN services s ON s.id = e.service_id
JOIN partner_companies c ON c.id = e.company_id
JOIN modules m ON m.key = s.module
LEFT JOIN service_terms t ON t.id = e.term_id
LEFT JOIN service_term_figures f ON f.term_id = t.id
LEFT JOIN renewal_requests r ON r.id = e.renewal_request_id
LEFT JOIN topup_requests tr ON tr.id = e.topup_request_id
LEFT JOIN users a ON a.id = e.actor_id
WHERE e.delivered_at IS NULL
ORDER BY e.id
LIMIT sqlc.arg(max_rows)
FOR UPDATE OF e SKIP LOCKED;

-- name: ClaimPurchaseEvents :many
-- Up to max_rows undelivered purchase events with the purchase, product and partner, locked
-- like ClaimServiceEvents.
SELECT e.id, e.kind, e.plan_state, e.read_only_since, e.recorded_at,
       pu.id AS purchase_id, pu.consumer_id, p.name AS product_name, p.slug AS product_slug,
       c.name AS company_name, c.slug AS company_slug
FROM purchase_events e
JOIN purchases pu ON pu.id = e.purchase_id
JOIN products p ON p.id = pu.product_id
JOIN partner_companies c ON c.id = p.company_id
WHERE e.delivered_at IS NULL
ORDER BY e.id
LIMIT sqlc.arg(max_rows)
FOR UPDATE OF e SKIP LOCKED;

-- name: MarkServiceEventsDelivered :exec
UPDATE service_events SET delivered_at = sqlc.arg(now)::timestamptz WHERE id = ANY(sqlc.arg(ids)::bigint[]);

-- name: MarkPurchaseEventsDelivered :exec
UPDATE purchase_events SET delivered_at = sqlc.arg(now)::timestamptz WHERE id = ANY(sqlc.arg(ids)::bigint[]);

-- name: ListNoticeRecipients :many
-- Who hears of events: the active partner users of the companies, and the active users named
-- (account managers, consumers), each with the topics they turned e-mail on or off for.
SELECT u.id, u.email, u.name, u.role, u.company_id,
       ARRAY(SELECT p.topic::text FROM notification_preferences p WHERE p.user_id = u.id AND p.by_email)::text[] AS email_on,
       ARRAY(SELECT p.topic::text FROM notification_preferences p WHERE p.user_id = u.id AND NOT p.by_email)::text[] AS email_off
FROM users u
WHERE u.disabled_at IS NULL
  AND ((u.role = 'partner' AND u.company_id = ANY(sqlc.arg(company_ids)::bigint[]))
       OR u.id = ANY(sqlc.arg(user_ids)::bigint[]))
ORDER BY u.id;

-- name: ListPurchaseEventsOfProduct :many
-- The releases and restorations of a company's product's purchases, newest first: the
-- partner's product page.
SELECT e.id, e.kind, e.plan_state, e.read_only_since, e.recorded_at, pu.id AS purchase_id,
       u.name AS consumer_name
FROM purchase_events e
JOIN purchases pu ON pu.id = e.purchase_id
JOIN products p ON p.id = pu.product_id
JOIN users u ON u.id = pu.consumer_id
WHERE pu.product_id = sqlc.arg(product_id) AND p.company_id = sqlc.arg(company_id)
ORDER BY e.recorded_at DESC, e.id DESC
LIMIT 50;

-- name: ListPurchaseEventsOfConsumer :many
-- The releases and restorations of a consumer's purchases, newest first: My purchases.
SELECT e.id, e.kind, e.plan_state, e.read_only_since, e.recorded_at, pu.id AS purchase_id,
       p.name AS product_name, c.name AS company_name
FROM purchase_events e
JOIN purchases pu ON pu.id = e.purchase_id
JOIN products p ON p.id = pu.product_id
JOIN partner_companies c ON c.id = p.company_id
WHERE pu.consumer_id = sqlc.arg(consumer_id)
ORDER BY e.recorded_at DESC, e.id DESC
LIMIT 50;
