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
