-- +goose Up
-- Metering (SPEC §5 "Usage"): a report is accepted only while its plan can be used and
-- used + quantity ≤ allowance, decided by one conditional UPDATE of the current term (as
-- service_states finds it) whose WHERE clause is the state rule itself (term_state, allowance)
-- over the row it updates, evaluated at the application's day. When it updates no row, a read
-- of service_states that follows explains why. PostgreSQL's row lock on the term makes
-- concurrent reports queue on it, and each re-checks the WHERE clause against the row the
-- previous one left: no interleaving can pass the allowance or lose a count.
--
-- The answer to a report (its HTTP status and JSON body) is written here too, by the same
-- statement that counts it and stores it under its idempotency key: the bytes replayed are the
-- bytes first sent, and a report costs the API a single round trip, not a transaction of four
-- (the usage benchmark holds the API to half the speed of the bare update).

-- Whether quantity fits a dimension: never below 0 (devices go down too) and never past the
-- allowance; a dimension without a quota is not metered and only has to stay in its column.
-- +goose StatementBegin
CREATE FUNCTION usage_fits(used bigint, quantity bigint, quota integer, cap integer, column_max bigint)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN used + quantity >= 0
    AND used + quantity <= coalesce(allowance(quota, cap), column_max);
-- +goose StatementEnd

-- The sentence of an answer. Wording lives here because answers are stored and replayed byte
-- for byte: changing it changes new answers only.
-- +goose StatementBegin
CREATE FUNCTION usage_message(
    code text, env environment, module module_key, metric usage_metric, quantity bigint,
    used bigint, quota integer, left_allowance bigint
) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE code
    WHEN 'accepted' THEN CASE
        WHEN quota IS NULL THEN format('Counted: %s are not metered on the %s %s plan.', metric, env, module)
        ELSE format('Counted: %s of %s %s used, %s left in the allowance.', used, quota, metric, left_allowance) END
    WHEN 'not_subscribed' THEN format('Your company has no %s %s plan.', env, module)
    WHEN 'inactive' THEN format('The %s %s plan is inactive. Ask your account manager to renew it.', env, module)
    WHEN 'scheduled' THEN format('The %s %s plan has not started yet.', env, module)
    WHEN 'expired' THEN format('The %s %s plan has expired, grace period included. Request a renewal to report usage again.', env, module)
    WHEN 'exhausted' THEN format('The %s %s plan has used up its quota, cap allowance included. Request a renewal to report usage again.', env, module)
    WHEN 'would_exceed_allowance' THEN CASE
        WHEN left_allowance IS NULL THEN format('Refused: %s %s is more than the %s %s plan can count.', quantity, metric, env, module)
        ELSE format('Refused: %s %s would pass the allowance of the %s %s plan; %s left.', quantity, metric, env, module, left_allowance) END
    WHEN 'below_zero' THEN format('Refused: the %s %s plan cannot count fewer than 0 devices.', env, module)
END;
-- +goose StatementEnd

-- Records a batch of reports for one company and environment, in order, and answers each.
-- Reports are {idx, key, hash, module, metric, quantity, occurred_at} in p_reports; a key must
-- appear once. For each:
--  * a key that already has a report (this company's) is not counted again: the row comes back
--    with replayed = true and the stored request hash and answer, for the caller to compare the
--    hash and replay the answer. A key still being decided by another transaction is waited
--    for (at most p_claim_timeout, then lock_not_available, which the API answers with 409);
--  * otherwise the report is counted or refused, its warnings recorded, and its answer stored
--    and returned: status 200 (accepted), 403 (not_subscribed, inactive, scheduled, expired,
--    exhausted), 429 (would_exceed_allowance) or 422 (invalid: a device count below 0).
-- A revoked p_api_key_id raises SQLSTATE UA401 and records nothing.
-- One statement is one transaction; a caller that changes more in the same transaction (the
-- DevLab console's devices) calls it inside its own.
-- +goose StatementBegin
CREATE FUNCTION record_usage(
    p_company_id bigint, p_environment environment, p_today date, p_now timestamptz,
    p_source usage_source, p_api_key_id bigint, p_claim_timeout text, p_reports jsonb
) RETURNS TABLE (
    idx integer, report_id bigint, replayed boolean, request_hash text,
    response_status integer, response_body bytea
)
LANGUAGE plpgsql VOLATILE
AS $fn$
DECLARE
    r record;
    t record;
    counted boolean;
    v_code text;
    v_state service_state;
    v_used bigint;
    v_quota integer;
    v_allowance bigint;
    v_answer jsonb;
    claimed_keys text[];
    claimed_ids bigint[];
    pos integer;
    modules integer;
    last_used timestamptz;
    timeout_before text := current_setting('lock_timeout');
BEGIN
    -- The API key may have been revoked since the caller last read it (the API caches keys for
    -- its hot path): checked here, by the statement that counts. Its last use is noted at most
    -- once a minute, so busy keys do not rewrite their row on every report.
    IF p_api_key_id IS NOT NULL THEN
        SELECT k.last_used_at INTO last_used FROM api_keys k WHERE k.id = p_api_key_id AND k.revoked_at IS NULL;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'API key % is revoked', p_api_key_id USING ERRCODE = 'UA401';
        END IF;
        IF last_used IS NULL OR last_used < p_now - interval '1 minute' THEN
            UPDATE api_keys k SET last_used_at = p_now WHERE k.id = p_api_key_id;
        END IF;
    END IF;

    -- Claim every key in key order (two batches sharing keys lock them in the same order).
    PERFORM set_config('lock_timeout', p_claim_timeout, true);
    WITH ins AS (
        INSERT INTO usage_reports (company_id, idempotency_key, request_hash, environment, module,
                                   metric, quantity, occurred_at, source, api_key_id, created_at)
        SELECT p_company_id, x.key, x.hash, p_environment, x.module, x.metric, x.quantity,
               x.occurred_at, p_source, p_api_key_id, p_now
        FROM jsonb_to_recordset(p_reports) AS x(key text, hash text, module module_key,
             metric usage_metric, quantity bigint, occurred_at timestamptz)
        ORDER BY x.key
        ON CONFLICT (company_id, idempotency_key) DO NOTHING
        RETURNING usage_reports.id AS id, usage_reports.idempotency_key AS key
    )
    SELECT coalesce(array_agg(ins.key), '{}'), coalesce(array_agg(ins.id), '{}'),
           (SELECT count(DISTINCT e ->> 'module') FROM jsonb_array_elements(p_reports) e)
    INTO claimed_keys, claimed_ids, modules
    FROM ins;
    PERFORM set_config('lock_timeout', timeout_before, true);

    -- Lock the terms this batch may count against in id order, so that batches touching
    -- several plans cannot deadlock each other (one plan needs no more than its update).
    IF cardinality(claimed_ids) > 0 AND modules > 1 THEN
        PERFORM 1 FROM service_states(p_today) ss
        JOIN service_terms st ON st.id = ss.term_id
        WHERE ss.company_id = p_company_id AND ss.environment = p_environment
          AND ss.module IN (SELECT (e ->> 'module')::module_key FROM jsonb_array_elements(p_reports) e)
        ORDER BY st.id
        FOR UPDATE OF st;
    END IF;

    FOR r IN
        SELECT x.* FROM jsonb_to_recordset(p_reports) AS x(idx integer, key text, hash text,
             module module_key, metric usage_metric, quantity bigint)
        ORDER BY x.idx
    LOOP
        idx := r.idx;
        pos := array_position(claimed_keys, r.key);
        IF pos IS NULL THEN
            -- Decided before (or by a transaction this one waited for): its stored answer.
            SELECT u.id, u.request_hash, u.response_status, u.response_body
            INTO report_id, request_hash, response_status, response_body
            FROM usage_reports u
            WHERE u.company_id = p_company_id AND u.idempotency_key = r.key;
            replayed := true;
            RETURN NEXT;
            CONTINUE;
        END IF;

        -- The one conditional update. The state is asked of st itself, not read from ss: after
        -- waiting for a concurrent report's lock, PostgreSQL re-checks this WHERE clause on the
        -- newest version of st only (ss keeps the version this statement first read), and a
        -- report must be refused once the other dimension, or a lowered quota, used the plan up.
        UPDATE service_terms st
        SET messages_used = st.messages_used + CASE WHEN r.metric = 'messages' THEN r.quantity ELSE 0 END,
            devices_used = st.devices_used + CASE WHEN r.metric = 'devices' THEN r.quantity::integer ELSE 0 END
        FROM service_states(p_today) ss
        WHERE ss.company_id = p_company_id AND ss.module = r.module AND ss.environment = p_environment
          AND st.id = ss.term_id
          AND state_can_use(term_state(ss.status, st, p_today))
          AND CASE r.metric
              WHEN 'messages' THEN usage_fits(st.messages_used, r.quantity, st.message_quota, st.cap_percent, 9223372036854775807)
              ELSE usage_fits(st.devices_used, r.quantity, st.device_quota, st.cap_percent, 2147483647)
          END
        RETURNING st.id AS term_id, ss.service_id, term_state(ss.status, st, p_today) AS state, st.valid_until,
                  st.cap_percent, st.message_quota, st.messages_used, st.device_quota, st.devices_used
        INTO t;
        counted := FOUND;

        IF NOT counted THEN
            -- Why not: the plan as it stands now.
            SELECT ss.term_id, ss.service_id, coalesce(ss.state, 'none') AS state, ss.valid_until,
                   ss.cap_percent, ss.message_quota, ss.messages_used, ss.device_quota, ss.devices_used
            INTO t
            FROM (SELECT) AS one
            -- no plan: SPEC §4 row 1
            LEFT JOIN service_states(p_today) ss
                ON ss.company_id = p_company_id AND ss.module = r.module AND ss.environment = p_environment;
        END IF;

        v_state := t.state;
        IF r.metric = 'messages' THEN
            v_used := t.messages_used; v_quota := t.message_quota;
        ELSE
            v_used := t.devices_used; v_quota := t.device_quota;
        END IF;
        v_allowance := allowance(v_quota, t.cap_percent);

        IF counted THEN
            v_code := 'accepted';
            -- Warnings the plan now qualifies for; the unique key keeps the first of each.
            IF v_state <> 'active' OR quota_nearly_used(v_used, v_quota) THEN
                INSERT INTO quota_warnings (term_id, service_id, kind, metric, used, quota, recorded_at)
                SELECT t.term_id, t.service_id, w.kind, w.metric, v_used, v_quota, p_now
                FROM (VALUES
                    ('quota_80'::quota_warning_kind, r.metric, v_quota IS NOT NULL AND quota_nearly_used(v_used, v_quota)),
                    ('quota_100', r.metric, v_quota IS NOT NULL AND v_used >= v_quota),
                    ('grace', NULL, v_state = 'grace'),
                    ('exhausted', NULL, v_state = 'exhausted')
                ) AS w(kind, metric, applies)
                WHERE w.applies
                ON CONFLICT ON CONSTRAINT quota_warnings_once DO NOTHING;
            END IF;
        ELSE
            v_code := CASE
                WHEN v_state = 'none' THEN 'not_subscribed'
                WHEN NOT state_can_use(v_state) THEN v_state::text
                WHEN v_used + r.quantity < 0 THEN 'below_zero'
                ELSE 'would_exceed_allowance'
            END;
        END IF;

        -- The answer, as the API sends it and will replay it.
        v_answer := jsonb_build_object(
            'accepted', counted,
            'code', CASE v_code WHEN 'below_zero' THEN 'invalid' ELSE v_code END,
            'message', usage_message(v_code, p_environment, r.module, r.metric, r.quantity, v_used, v_quota,
                                     remaining(v_allowance, v_used)),
            'idempotency_key', r.key, 'module', r.module, 'environment', p_environment, 'metric', r.metric,
            'quantity', r.quantity, 'state', v_state,
            'used', v_used, 'quota', v_quota, 'allowance', v_allowance,
            'remaining_quota', remaining(v_quota, v_used), 'remaining_allowance', remaining(v_allowance, v_used),
            'valid_until', t.valid_until);
        IF v_code = 'below_zero' THEN
            v_answer := v_answer || jsonb_build_object('fields',
                jsonb_build_object('quantity', 'would take the device count below 0'));
        END IF;

        report_id := claimed_ids[pos];
        -- a key repeated within the batch is this report again, never a second count
        claimed_keys[pos] := NULL;
        replayed := false;
        request_hash := r.hash;
        response_status := CASE v_code WHEN 'accepted' THEN 200 WHEN 'would_exceed_allowance' THEN 429
                                       WHEN 'below_zero' THEN 422 ELSE 403 END;
        response_body := convert_to(v_answer::text, 'UTF8');
        UPDATE usage_reports u
        SET term_id = t.term_id, accepted = counted, code = v_answer ->> 'code', state_after = v_state,
            used_after = v_used, response_status = record_usage.response_status,
            response_body = record_usage.response_body
        WHERE u.id = report_id;
        RETURN NEXT;
    END LOOP;
END;
$fn$;
-- +goose StatementEnd

-- +goose Down
DROP FUNCTION record_usage(bigint, environment, date, timestamptz, usage_source, bigint, text, jsonb);
DROP FUNCTION usage_message(text, environment, module_key, usage_metric, bigint, bigint, integer, bigint);
DROP FUNCTION usage_fits(bigint, bigint, integer, integer, bigint);
