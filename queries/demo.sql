-- Queries only the demo seed uses: the demo starts over by removing a demo company's renewal
-- requests, terms and services, in that order, inside the seed's transaction.

-- name: DeleteDemoRenewalRequests :exec
DELETE FROM renewal_requests r USING services s WHERE r.service_id = s.id AND s.company_id = $1;

-- name: DeleteDemoServiceTerms :exec
DELETE FROM service_terms t USING services s WHERE t.service_id = s.id AND s.company_id = $1;

-- name: DeleteDemoServices :exec
DELETE FROM services WHERE company_id = $1;

-- name: SetDemoTermUsage :exec
UPDATE service_terms SET messages_used = $2, devices_used = $3 WHERE id = $1;

-- name: DeleteDemoSupportTickets :exec
-- A demo company's tickets, with their messages, files and events.
DELETE FROM support_tickets WHERE company_id = $1;

-- name: SeedDemoUsageHistory :exec
-- A demo term's daily history: total spread over its days up to today, growing towards today
-- (day i of n gets a share proportional to i), so the charts have a shape to show.
INSERT INTO usage_daily (term_id, service_id, metric, day, quantity, reports)
SELECT t.id, t.service_id, sqlc.arg(metric), d.day::date, q.quantity, greatest(q.quantity, 0)::integer
FROM service_terms t
CROSS JOIN LATERAL (SELECT (sqlc.arg(today)::date - t.valid_from + 1) AS n) span
CROSS JOIN LATERAL generate_series(t.valid_from, sqlc.arg(today)::date, interval '1 day') WITH ORDINALITY AS d(day, i)
CROSS JOIN LATERAL (SELECT (sqlc.arg(total)::bigint * d.i * (d.i + 1) / (span.n * (span.n + 1)))
                         - (sqlc.arg(total)::bigint * (d.i - 1) * d.i / (span.n * (span.n + 1))) AS quantity) q
WHERE t.id = sqlc.arg(term_id) AND span.n > 0
ON CONFLICT (term_id, metric, day) DO NOTHING;
