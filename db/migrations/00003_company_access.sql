-- +goose Up
-- What a partner company may do in each module on a given day, as one value that the query
-- loading the signed-in user carries, so navigation and module gating cost no extra round trip.
-- Keys: every module by its best plan (state_usability order, as GetCompanyModuleState), and
-- each software/hardware plan as "module:environment". Values: service_id, state, valid_until and, when
-- expired, read_only_since (the first day of 'expired').

-- +goose StatementBegin
CREATE FUNCTION company_access(company_id bigint, today date) RETURNS jsonb
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    WITH plans AS (
        SELECT m.key AS module, s.id AS service_id, s.environment, st.state, t.valid_until,
               CASE WHEN st.state = 'expired' THEN f.expired_from END AS read_only_since
        FROM modules m
        LEFT JOIN services s ON s.module = m.key AND s.company_id = company_access.company_id
        LEFT JOIN service_terms t ON t.id = current_term_id(s.id, today)
        LEFT JOIN service_term_figures f ON f.term_id = t.id
        CROSS JOIN LATERAL (SELECT service_state(s.status, t.valid_from, t.valid_until, t.cap_percent,
            t.message_quota, t.messages_used, t.device_quota, t.devices_used, today) AS state) st
    ), keyed AS (
        (SELECT DISTINCT ON (module) module::text AS key, service_id, state, valid_until, read_only_since
         FROM plans
         ORDER BY module, state_usability(state), environment)
        UNION ALL
        SELECT module::text || ':' || environment::text, service_id, state, valid_until, read_only_since
        FROM plans
        WHERE environment IS NOT NULL
    )
    SELECT coalesce(jsonb_object_agg(key, jsonb_build_object(
               'service_id', service_id, 'state', state, 'valid_until', valid_until, 'read_only_since', read_only_since)), '{}'::jsonb)
    FROM keyed;
END;
-- +goose StatementEnd

-- +goose Down
DROP FUNCTION company_access(bigint, date);
