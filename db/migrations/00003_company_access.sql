-- +goose Up
-- What a partner company may do in each module on a given day, read with the signed-in user in
-- one round trip (db.LoadSessionUser), so navigation and module gating cost no extra trip.
-- One row per module by its best plan (the lowest usability, as GetCompanyModuleState picks
-- it), keyed by the module, and one row per software/hardware plan keyed "module:environment".
-- usability is state_usability (lower is more usable), so an area that several modules open
-- picks the best of them by the database's one ranking. read_only_since is the first day of
-- 'expired' while expired. A module the company does not hold is 'none'.

-- The shape of company_access's rows, for sqlc (which reads a function's columns only from the
-- table or view it returns). It holds no rows.
CREATE VIEW company_access_row AS
SELECT NULL::text AS key, NULL::module_key AS module, NULL::environment AS environment,
       NULL::bigint AS service_id, NULL::service_state AS state, NULL::integer AS usability,
       NULL::date AS valid_until, NULL::date AS read_only_since
WHERE false;

-- +goose StatementBegin
CREATE FUNCTION company_access(company_id bigint, today date) RETURNS SETOF company_access_row
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    WITH plans AS (
        SELECT m.key AS module, ss.service_id, ss.environment, ns.state, state_usability(ns.state) AS usability,
               ss.valid_until, ss.read_only_since
        FROM modules m
        LEFT JOIN service_states(today) ss ON ss.module = m.key AND ss.company_id = company_access.company_id
        -- no service: SPEC §4 row 1
        CROSS JOIN LATERAL (SELECT coalesce(ss.state, 'none') AS state) ns
    )
    (SELECT DISTINCT ON (module) module::text AS key, module, environment, service_id, state, usability, valid_until, read_only_since
     FROM plans
     ORDER BY module, usability, environment)
    UNION ALL
    SELECT module::text || ':' || environment::text, module, environment, service_id, state, usability, valid_until, read_only_since
    FROM plans
    WHERE environment IS NOT NULL;
END;
-- +goose StatementEnd

-- +goose Down
DROP FUNCTION company_access(bigint, date);
DROP VIEW company_access_row;
