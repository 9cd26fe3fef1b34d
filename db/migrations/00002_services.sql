-- +goose Up
-- Services: what each partner company holds of the fixed module catalogue, term by term, and
-- the rule of SPEC §4 that turns a term, its usage and a day into a state. The rule lives here
-- once, as IMMUTABLE functions that take the day as an argument: every query passes the
-- application's clock, so listings, guards and tests all agree with one implementation. Its
-- inputs are gathered once too: service_states(today), at the end of the rule's part, gives
-- each service's current term, figures and state, and everything else reads them from it.

CREATE TYPE module_key AS ENUM (
    'software', 'hardware', 'devlab', 'expressconnect', 'appconnect', 'solutions_hub', 'support'
);
CREATE TYPE environment AS ENUM ('sandbox', 'production');
CREATE TYPE service_status AS ENUM ('active', 'inactive');
CREATE TYPE service_state AS ENUM (
    'none', 'inactive', 'scheduled', 'active', 'grace', 'expired', 'exhausted'
);
CREATE TYPE renewal_request_status AS ENUM ('open', 'approved', 'declined');

-- Only software and hardware are plans (per environment, with quotas); the table CHECKs below
-- cannot read the modules table, so this is the one place that says which modules are metered.
-- +goose StatementBegin
CREATE FUNCTION module_is_metered(module module_key) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN module IN ('software', 'hardware');
-- +goose StatementEnd

-- The last day of a term, inclusive: valid_from + term − 1 day in calendar months. When the
-- anniversary does not exist (31 January + 3 months), PostgreSQL clamps it to the month's last
-- day; that day is then the last day of the term, so the next term starts on the 1st and a term
-- never ends before its final month does (31 Jan + 3 months → 30 Apr, not 29 Apr).
-- +goose StatementBegin
CREATE FUNCTION term_until(valid_from date, term_months integer) RETURNS date
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN CASE
    WHEN extract(day FROM valid_from + make_interval(months => term_months)) < extract(day FROM valid_from)
        THEN (valid_from + make_interval(months => term_months))::date
    ELSE (valid_from + make_interval(months => term_months))::date - 1
END;
-- +goose StatementEnd

-- grace_days = ceil(term_days × cap / 100), in exact integer arithmetic.
-- +goose StatementBegin
CREATE FUNCTION grace_days(valid_from date, valid_until date, cap integer) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN ((valid_until - valid_from + 1) * cap + 99) / 100;
-- +goose StatementEnd

-- allowance = floor(quota × (100 + cap) / 100); NULL when the dimension is not metered.
-- +goose StatementBegin
CREATE FUNCTION allowance(quota integer, cap integer) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN (quota::bigint * (100 + cap)) / 100;
-- +goose StatementEnd

-- What is left of a limit: never below 0, and NULL (STRICT) when the dimension is not
-- metered; greatest() alone would turn a missing quota into 0 left.
-- +goose StatementBegin
CREATE FUNCTION remaining(lim bigint, used bigint) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN greatest(lim - used, 0);
-- +goose StatementEnd

-- 80 % of a quota (SPEC §6): when a partner is warned, and when the dashboard lists the plan.
-- In exact integer arithmetic; NULL (STRICT) when the dimension is not metered.
-- +goose StatementBegin
CREATE FUNCTION quota_nearly_used(used bigint, quota bigint) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN used * 5 >= quota * 4;
-- +goose StatementEnd

-- SPEC §4, rows 1–7 in order, first match wins. A NULL status means there is no service; a
-- service without any term has nothing to use and is 'none' too (unless inactive). A NULL quota
-- means the dimension is not metered and never blocks. Without a day there is no answer (NULL,
-- which no caller can scan into a state) rather than a guess that might open a module.
-- Each state is typed where it is written: a cast of the whole CASE would run through the
-- enum's input function, which is only STABLE, and that keeps PostgreSQL from inlining the
-- rule into the queries that evaluate it (a function call per service instead of an expression).
-- +goose StatementBegin
CREATE FUNCTION service_state(
    status service_status, valid_from date, valid_until date, cap integer,
    message_quota integer, messages_used bigint, device_quota integer, devices_used integer,
    today date
) RETURNS service_state
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
    WHEN today IS NULL THEN NULL
    WHEN status IS NULL THEN 'none'::service_state
    WHEN status = 'inactive' THEN 'inactive'::service_state
    WHEN valid_from IS NULL THEN 'none'::service_state
    WHEN today < valid_from THEN 'scheduled'::service_state
    WHEN today <= valid_until
        AND (message_quota IS NULL OR messages_used < message_quota)
        AND (device_quota IS NULL OR devices_used < device_quota) THEN 'active'::service_state
    WHEN today > valid_until + grace_days(valid_from, valid_until, cap) THEN 'expired'::service_state
    WHEN coalesce(messages_used >= allowance(message_quota, cap), false)
        OR coalesce(devices_used >= allowance(device_quota, cap), false) THEN 'exhausted'::service_state
    ELSE 'grace'::service_state
END;
-- +goose StatementEnd

-- How usable a state is, lower is better: the order in which a module with several plans picks
-- the plan that speaks for it (navigation shows the Products area when any plan can be used).
-- Expired and exhausted rank alike: both are read-only.
-- +goose StatementBegin
CREATE FUNCTION state_usability(state service_state) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN CASE state
    WHEN 'active' THEN 1 WHEN 'grace' THEN 2 WHEN 'expired' THEN 3 WHEN 'exhausted' THEN 3
    WHEN 'scheduled' THEN 4 WHEN 'inactive' THEN 5 ELSE 6
END;
-- +goose StatementEnd

-- What a state allows, as db.ServiceState's CanUse, ReadOnly and CanView say in Go (a test holds
-- the two to the same answers for every state). Queries classify states with these and never
-- with lists of their own; a missing state (no day to ask about) allows nothing.
-- +goose StatementBegin
CREATE FUNCTION state_can_use(state service_state) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN coalesce(state IN ('active', 'grace'), false);
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION state_read_only(state service_state) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN coalesce(state IN ('expired', 'exhausted'), false);
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION state_can_view(state service_state) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN state_can_use(state) OR state_read_only(state);
-- +goose StatementEnd

CREATE TABLE modules (
    key module_key PRIMARY KEY,
    name text NOT NULL UNIQUE,
    description text NOT NULL,
    metered boolean NOT NULL GENERATED ALWAYS AS (module_is_metered(key)) STORED,
    position integer NOT NULL UNIQUE
);

INSERT INTO modules (key, name, description, position) VALUES
    ('software', 'Software products', 'Create and edit software solutions in My Products.', 1),
    ('hardware', 'Hardware products', 'Create and edit hardware devices in My Products.', 2),
    ('devlab', 'IoTConnect DevLab', 'The sandbox console: API keys, test devices and test messages.', 3),
    ('expressconnect', 'ExpressConnect', 'Design devices and their data flows, export them as JSON.', 4),
    ('appconnect', 'AppConnect', 'Deploy a customised copy of a ready-made solution template.', 5),
    ('solutions_hub', 'Solutions Hub visibility', 'Publish your products as marketplace listings.', 6),
    ('support', 'Support', 'Open and follow support tickets about any module.', 7);

-- One company's subscription to one module; software and hardware hold one plan per environment.
CREATE TABLE services (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id bigint NOT NULL REFERENCES partner_companies (id),
    module module_key NOT NULL REFERENCES modules (key),
    environment environment,
    status service_status NOT NULL DEFAULT 'active',
    -- bumped by every change, so two account managers editing at once cannot overwrite each other
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT services_environment_iff_plan CHECK (module_is_metered(module) = (environment IS NOT NULL)),
    CONSTRAINT services_one_per_plan UNIQUE NULLS NOT DISTINCT (company_id, module, environment),
    -- lets a term reference (service, module) and so know whether it may carry quotas
    CONSTRAINT services_id_module_key UNIQUE (id, module)
);

-- A term of a service. Renewals add terms; earlier ones stay as history with their usage.
CREATE TABLE service_terms (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    service_id bigint NOT NULL,
    module module_key NOT NULL,
    valid_from date NOT NULL,
    term_months integer NOT NULL CHECK (term_months IN (3, 6, 12)),
    valid_until date NOT NULL GENERATED ALWAYS AS (term_until(valid_from, term_months)) STORED,
    cap_percent integer NOT NULL DEFAULT 0 CHECK (cap_percent BETWEEN 0 AND 100),
    message_quota integer CHECK (message_quota >= 1),
    device_quota integer CHECK (device_quota >= 1),
    messages_used bigint NOT NULL DEFAULT 0 CHECK (messages_used >= 0),
    devices_used integer NOT NULL DEFAULT 0 CHECK (devices_used >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT service_terms_service_fkey FOREIGN KEY (service_id, module) REFERENCES services (id, module),
    CONSTRAINT service_terms_quotas_only_on_plans CHECK (
        module_is_metered(module) OR (message_quota IS NULL AND device_quota IS NULL)),
    -- its index also serves the current-term lookup: service_id = $1 AND valid_from <= today
    CONSTRAINT service_terms_service_from_key UNIQUE (service_id, valid_from)
);

-- What a term allows and what is left of it, from the functions above. None of it depends on
-- the day, so it is a view: service_states gives it for each current term, and a service's
-- history LEFT JOINs it by term id, which is also how sqlc learns that its columns may be NULL
-- (its generated struct, read directly, would claim they never are).
-- *_left is quota − used and *_left_allowance allowance − used, never below 0, NULL when the
-- dimension is not metered.
CREATE VIEW service_term_figures AS
SELECT t.id AS term_id,
       (t.valid_until - t.valid_from + 1)::integer AS term_days,
       grace_days(t.valid_from, t.valid_until, t.cap_percent) AS grace_days,
       -- the first day of 'expired' (SPEC §4 row 5), which read-only banners quote
       (t.valid_until + grace_days(t.valid_from, t.valid_until, t.cap_percent) + 1)::date AS expired_from,
       allowance(t.message_quota, t.cap_percent) AS message_allowance,
       allowance(t.device_quota, t.cap_percent) AS device_allowance,
       remaining(t.message_quota, t.messages_used) AS messages_left,
       remaining(allowance(t.message_quota, t.cap_percent), t.messages_used) AS messages_left_allowance,
       remaining(t.device_quota, t.devices_used)::integer AS devices_left,
       remaining(allowance(t.device_quota, t.cap_percent), t.devices_used) AS devices_left_allowance
FROM service_terms t;

-- The term §4 is evaluated on: the latest one started on or before today, or, while only future
-- terms exist, the earliest of them (whose state is then 'scheduled').
-- +goose StatementBegin
CREATE FUNCTION current_term_id(service_id bigint, today date) RETURNS bigint
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

-- The one place that hands service_state its nine inputs: the rule for a service with this
-- status, evaluated on one of its terms (NULL when it has none). The inputs are taken by name
-- from the term's row, so no caller can pass them in the wrong order. Queries never call it:
-- they read states from service_states below. The usage meter (record_usage) is the exception:
-- its conditional UPDATE asks it about the term row it is updating, because only an expression
-- over that row is decided again on the newest version when the UPDATE has waited for a
-- concurrent report's lock (a state read from service_states would be the older snapshot's).
-- +goose StatementBegin
CREATE FUNCTION term_state(status service_status, t service_terms, today date) RETURNS service_state
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN service_state(status, t.valid_from, t.valid_until, t.cap_percent,
                     t.message_quota, t.messages_used, t.device_quota, t.devices_used, today);
-- +goose StatementEnd

-- The columns of service_states, as a view because sqlc learns a set-returning function's
-- columns only from the table or view it returns: it reads neither RETURNS TABLE nor a
-- composite type. It holds no rows. sqlc takes every column as nullable, so a query that needs
-- one NOT NULL says so (a cast or coalesce, or the column from the base table).
CREATE VIEW service_state_row AS
SELECT NULL::bigint AS service_id, NULL::bigint AS company_id, NULL::module_key AS module,
       NULL::environment AS environment, NULL::service_status AS status, NULL::integer AS version,
       NULL::bigint AS term_id, NULL::date AS valid_from, NULL::date AS valid_until,
       NULL::integer AS term_months, NULL::integer AS cap_percent,
       NULL::integer AS message_quota, NULL::bigint AS messages_used,
       NULL::integer AS device_quota, NULL::integer AS devices_used,
       NULL::integer AS term_days, NULL::integer AS grace_days, NULL::date AS expired_from,
       NULL::bigint AS message_allowance, NULL::bigint AS device_allowance,
       NULL::bigint AS messages_left, NULL::bigint AS messages_left_allowance,
       NULL::integer AS devices_left, NULL::bigint AS devices_left_allowance,
       NULL::service_state AS state, NULL::integer AS days_left, NULL::integer AS grace_days_left,
       NULL::date AS read_only_since, NULL::integer AS usability
WHERE false;

-- The single source of SPEC §4 for a day: every service on its current term, the term's
-- figures, and the state with what is left of the term and its grace. Everything that needs a
-- state, a current term or its figures reads them here, filtered by company, service or plan.
-- PostgreSQL inlines it into the query that reads it, so such a filter reaches the services'
-- indexes instead of evaluating every service: it must stay LANGUAGE sql, STABLE, not STRICT,
-- not SECURITY DEFINER, and a single SELECT (a test reads the plan).
--  * days_left counts today: valid_until − today + 1 while today ≤ valid_until, else 0.
--  * grace_days_left is the time-based grace left, counting today: expired_from − today while
--    valid_until < today < expired_from, else 0 — still in term (a plan in grace because of its
--    quota has no days of grace) or expired.
--  * read_only_since is the first day of 'expired' when the state is expired, else NULL: an
--    exhausted quota has no date, as usage carries none.
--  * usability is state_usability of the state, the one ranking of states.
-- +goose StatementBegin
CREATE FUNCTION service_states(today date) RETURNS SETOF service_state_row
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

-- A partner's request that its account manager renew a service.
CREATE TABLE renewal_requests (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    service_id bigint NOT NULL REFERENCES services (id),
    requested_by bigint NOT NULL REFERENCES users (id),
    message text NOT NULL DEFAULT '' CHECK (length(message) <= 1000),
    term_months integer CHECK (term_months IN (3, 6, 12)),
    status renewal_request_status NOT NULL DEFAULT 'open',
    answer text CHECK (length(answer) <= 1000),
    answered_by bigint REFERENCES users (id),
    answered_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT renewal_requests_answered_iff_closed CHECK (
        (status = 'open') = (answered_at IS NULL) AND (answered_by IS NULL) = (answered_at IS NULL))
);

-- A partner asks once; a second click while one is open is a duplicate, not a new request.
CREATE UNIQUE INDEX renewal_requests_one_open_idx ON renewal_requests (service_id) WHERE status = 'open';
CREATE INDEX renewal_requests_service_idx ON renewal_requests (service_id, created_at);

-- +goose Down
DROP TABLE renewal_requests;
DROP FUNCTION service_states(date);
DROP VIEW service_state_row;
DROP FUNCTION term_state(service_status, service_terms, date);
DROP FUNCTION current_term_id(bigint, date);
DROP VIEW service_term_figures;
DROP TABLE service_terms;
DROP TABLE services;
DROP TABLE modules;
DROP FUNCTION state_can_view(service_state);
DROP FUNCTION state_read_only(service_state);
DROP FUNCTION state_can_use(service_state);
DROP FUNCTION state_usability(service_state);
DROP FUNCTION service_state(service_status, date, date, integer, integer, bigint, integer, integer, date);
DROP FUNCTION quota_nearly_used(bigint, bigint);
DROP FUNCTION remaining(bigint, bigint);
DROP FUNCTION allowance(integer, integer);
DROP FUNCTION grace_days(date, date, integer);
DROP FUNCTION term_until(date, integer);
DROP FUNCTION module_is_metered(module_key);
DROP TYPE renewal_request_status;
DROP TYPE service_state;
DROP TYPE service_status;
DROP TYPE environment;
DROP TYPE module_key;
