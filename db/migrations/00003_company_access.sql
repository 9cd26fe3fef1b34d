-- +goose Up
-- What a partner company may do in each module on a given day, as one value that the query
-- loading the signed-in user carries, so navigation and module gating cost no extra round trip.
-- Keys: every module by its best plan (the lowest usability, as GetCompanyModuleState picks
-- it), and each software/hardware plan as "module:environment". Values: service_id, state,
-- usability (state_usability: lower is more usable, so an area that several modules open can
-- pick the best of them by the same ranking), valid_until and, when expired, read_only_since
-- (the first day of 'expired'). A module the company does not hold is 'none'.

-- +goose StatementBegin
CREATE FUNCTION company_access(company_id bigint, today date) RETURNS jsonb
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    WITH plans AS (
        SELECT m.key AS module, ss.service_id, ss.environment, ns.state, state_usability(ns.state) AS usability,
               ss.valid_until, ss.read_only_since
        FROM modules m
        LEFT JOIN service_states(today) ss ON ss.module = m.key AND ss.company_id = company_access.company_id
        -- no service: SPEC §4 row 1
        CROSS JOIN LATERAL (SELECT coalesce(ss.state, 'none') AS state) ns
    ), keyed AS (
        (SELECT DISTINCT ON (module) module::text AS key, service_id, state, usability, valid_until, read_only_since
         FROM plans
         ORDER BY module, usability, environment)
        UNION ALL
        SELECT module::text || ':' || environment::text, service_id, state, usability, valid_until, read_only_since
        FROM plans
        WHERE environment IS NOT NULL
    )
    SELECT coalesce(jsonb_object_agg(key, jsonb_build_object(
               'service_id', service_id, 'state', state, 'usability', usability,
               'valid_until', valid_until, 'read_only_since', read_only_since)), '{}'::jsonb)
    FROM keyed;
END;
-- +goose StatementEnd

-- +goose Down
DROP FUNCTION company_access(bigint, date);
