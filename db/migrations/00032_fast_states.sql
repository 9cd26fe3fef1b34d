-- +goose Up
-- service_states found each service's current term by calling current_term_id, a SQL function
-- PostgreSQL cannot inline (it has a FROM clause): one function call, with its own executor
-- start-up, per service and per query. At the demo's size that was most of a signed-in page's
-- database time (company_access, 1.3 ms); over 14,000 services it is the whole Hub. The term is
-- now found by two index probes written into the body (the newest term started by today, else
-- the earliest), which the planner runs as sub-plans on services_terms' (service_id,
-- valid_from) index. The choice is the same as current_term_id's, which stays for callers
-- asking about one service and now says it in the same two probes.

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION current_term_id(service_id bigint, today date) RETURNS bigint
LANGUAGE sql STABLE STRICT PARALLEL SAFE
RETURN coalesce(
    (SELECT t.id FROM service_terms t WHERE t.service_id = current_term_id.service_id AND t.valid_from <= today
     ORDER BY t.valid_from DESC LIMIT 1),
    (SELECT t.id FROM service_terms t WHERE t.service_id = current_term_id.service_id
     ORDER BY t.valid_from LIMIT 1));
-- +goose StatementEnd

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION service_states(today date) RETURNS SETOF service_state_row
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT s.id, s.company_id, s.module, s.environment, s.status, s.version,
           t.id, t.valid_from, t.valid_until, t.term_months, t.cap_percent,
           t.message_quota, t.messages_used, t.device_quota, t.devices_used,
           f.term_days, f.grace_days, f.expired_from, f.message_allowance, f.device_allowance,
           f.messages_left, f.messages_left_allowance, f.devices_left, f.devices_left_allowance,
           st.state,
           coalesce(greatest(t.valid_until - today + 1, 0), 0),
           coalesce(CASE WHEN today > t.valid_until THEN greatest(f.expired_from - today, 0) END, 0),
           CASE WHEN st.state = 'expired' THEN f.expired_from END,
           state_usability(st.state)
    FROM services s
    -- by the service's own terms: a join by term id alone lets a generic plan hash them all
    LEFT JOIN service_terms t ON t.service_id = s.id AND t.id = coalesce(
        (SELECT c.id FROM service_terms c WHERE c.service_id = s.id AND c.valid_from <= today
         ORDER BY c.valid_from DESC LIMIT 1),
        (SELECT c.id FROM service_terms c WHERE c.service_id = s.id ORDER BY c.valid_from LIMIT 1))
    LEFT JOIN service_term_figures f ON f.term_id = t.id
    CROSS JOIN LATERAL (SELECT term_state(s.status, t, today) AS state) st
$$;
-- +goose StatementEnd

-- A listing's two states for SPEC §5 (its company's Solutions Hub and its product's plan), as
-- one row. It is set-returning so that PostgreSQL inlines it into the query that joins it:
-- hub_state and company_module_state are scalar functions with a FROM clause, which are
-- called per row and have their bodies planned again on every execution (1 ms of a listing
-- page). The row's shape is a view, for sqlc.
CREATE VIEW listing_state_row AS
SELECT NULL::service_state AS hub, NULL::service_state AS plan WHERE false;

-- +goose StatementBegin
CREATE FUNCTION listing_states(company_id bigint, module module_key, environment environment, today date)
RETURNS SETOF listing_state_row
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT coalesce(hub.state, 'none'), coalesce(pl.state, 'none')
    FROM (SELECT) AS one
    LEFT JOIN service_states(today) hub ON hub.company_id = listing_states.company_id
        AND hub.module = 'solutions_hub'
    LEFT JOIN service_states(today) pl ON pl.company_id = listing_states.company_id
        AND pl.module = listing_states.module AND pl.environment IS NOT DISTINCT FROM listing_states.environment
$$;
-- +goose StatementEnd

-- Where a renewal made today starts (SPEC §3), from the service's last term and its state
-- today: renewal_start's rule as an expression over values a query already has, so that
-- PostgreSQL inlines it (renewal_start itself reads service_states, which as a scalar
-- function it does per row, planning its body again on every execution: 3 ms of the staff
-- partner page). renewal_start now says it through this.
-- +goose StatementBegin
CREATE FUNCTION renewal_from(last_from date, last_until date, state service_state, valid_until date, today date)
RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
    WHEN last_from > today THEN last_until + 1
    WHEN state_can_use(state) THEN valid_until + 1
    ELSE today
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION renewal_start(service_id bigint, today date) RETURNS date
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT renewal_from(last.valid_from, last.valid_until, ss.state, ss.valid_until, today)
    FROM service_states(today) ss
    LEFT JOIN LATERAL (
        SELECT l.valid_from, l.valid_until FROM service_terms l
        WHERE l.service_id = ss.service_id ORDER BY l.valid_from DESC LIMIT 1) last ON true
    WHERE ss.service_id = renewal_start.service_id;
END;
-- +goose StatementEnd

-- The companies a staff member may see (staff_can_see's rule), as a set a query joins: an
-- admin every one, an account manager those assigned to them (by the index on
-- account_manager_id), a disabled account none. Set-returning, so it is inlined; a dashboard
-- filtering 2,000 companies by staff_can_see called it 2,000 times. staff_can_see now says it
-- through this.
-- +goose StatementBegin
CREATE FUNCTION staff_companies(viewer_id bigint) RETURNS TABLE (company_id bigint)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT c.id FROM partner_companies c
    WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = staff_companies.viewer_id
                  AND u.disabled_at IS NULL AND u.role = 'admin')
    UNION ALL
    SELECT c.id FROM users u
    JOIN partner_companies c ON c.account_manager_id = u.id
    WHERE u.id = staff_companies.viewer_id AND u.disabled_at IS NULL AND u.role = 'account_manager'
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION staff_can_see(company_id bigint, viewer_id bigint) RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT EXISTS (SELECT 1 FROM staff_companies(staff_can_see.viewer_id) sc
                   WHERE sc.company_id = staff_can_see.company_id);
END;
-- +goose StatementEnd

-- remaining and state_usability were STRICT with non-strict bodies (greatest, CASE), which
-- PostgreSQL does not inline: each call site ran as a function of its own, set up again for
-- every execution of the query — five of them in service_states, most of its cost. Without
-- STRICT they are inlined; each still answers NULL for NULL, as before.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION remaining(lim bigint, used bigint) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
-- lim − used, or 0 when that is below 0; NULL when either is (least ignores a NULL, − does not)
RETURN (lim - used) - least(lim - used, 0);
-- +goose StatementEnd

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION state_usability(state service_state) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE state
    WHEN 'active' THEN 1 WHEN 'grace' THEN 2 WHEN 'expired' THEN 3 WHEN 'exhausted' THEN 3
    WHEN 'scheduled' THEN 4 WHEN 'inactive' THEN 5 WHEN 'none' THEN 6
END;
-- +goose StatementEnd

-- usage_message was declared IMMUTABLE, but format() is only STABLE, and PostgreSQL does not
-- inline a function whose body is less stable than it says: record_usage ran it as a function
-- of its own, set up again for every report (an eighth of the report's cost). STABLE is what it
-- is, and it is inlined.
ALTER FUNCTION usage_message(text, environment, module_key, usage_metric, bigint, bigint, integer, bigint) STABLE;

-- +goose Down
ALTER FUNCTION usage_message(text, environment, module_key, usage_metric, bigint, bigint, integer, bigint) IMMUTABLE;
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION state_usability(state service_state) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN CASE state
    WHEN 'active' THEN 1 WHEN 'grace' THEN 2 WHEN 'expired' THEN 3 WHEN 'exhausted' THEN 3
    WHEN 'scheduled' THEN 4 WHEN 'inactive' THEN 5 ELSE 6
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION remaining(lim bigint, used bigint) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN greatest(lim - used, 0);
-- +goose StatementEnd
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION staff_can_see(company_id bigint, viewer_id bigint) RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT EXISTS (
        SELECT 1 FROM users u, partner_companies c
        WHERE u.id = staff_can_see.viewer_id AND c.id = staff_can_see.company_id
          AND u.disabled_at IS NULL
          AND (u.role = 'admin' OR (u.role = 'account_manager' AND c.account_manager_id = u.id)));
END;
-- +goose StatementEnd
DROP FUNCTION staff_companies(bigint);
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION renewal_start(service_id bigint, today date) RETURNS date
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT CASE
        WHEN last.valid_from > today THEN last.valid_until + 1
        WHEN state_can_use(ss.state) THEN ss.valid_until + 1
        ELSE today
    END
    FROM service_states(today) ss
    LEFT JOIN LATERAL (
        SELECT l.valid_from, l.valid_until FROM service_terms l
        WHERE l.service_id = ss.service_id ORDER BY l.valid_from DESC LIMIT 1) last ON true
    WHERE ss.service_id = renewal_start.service_id;
END;
-- +goose StatementEnd
DROP FUNCTION renewal_from(date, date, service_state, date, date);
DROP FUNCTION listing_states(bigint, module_key, environment, date);
DROP VIEW listing_state_row;
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION service_states(today date) RETURNS SETOF service_state_row
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT s.id, s.company_id, s.module, s.environment, s.status, s.version,
           t.id, t.valid_from, t.valid_until, t.term_months, t.cap_percent,
           t.message_quota, t.messages_used, t.device_quota, t.devices_used,
           f.term_days, f.grace_days, f.expired_from, f.message_allowance, f.device_allowance,
           f.messages_left, f.messages_left_allowance, f.devices_left, f.devices_left_allowance,
           st.state,
           coalesce(greatest(t.valid_until - today + 1, 0), 0),
           coalesce(CASE WHEN today > t.valid_until THEN greatest(f.expired_from - today, 0) END, 0),
           CASE WHEN st.state = 'expired' THEN f.expired_from END,
           state_usability(st.state)
    FROM services s
    LEFT JOIN service_terms t ON t.id = current_term_id(s.id, today)
    LEFT JOIN service_term_figures f ON f.term_id = t.id
    CROSS JOIN LATERAL (SELECT term_state(s.status, t, today) AS state) st
$$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION current_term_id(service_id bigint, today date) RETURNS bigint
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT t.id FROM service_terms t
    WHERE t.service_id = current_term_id.service_id
    ORDER BY t.valid_from <= today DESC,
             CASE WHEN t.valid_from <= today THEN t.valid_from END DESC,
             t.valid_from
    LIMIT 1;
END;
-- +goose StatementEnd
