-- +goose Up
-- A report is stored once, with its answer. record_usage (00022) inserted every report first,
-- to claim its idempotency key, and updated the row with the answer once decided: two writes of
-- the same row, and a claiming statement that cost as much as the count itself. A key is now
-- claimed by a transaction-scoped advisory lock on (company, key), taken in the lock's order;
-- the transaction holding it looks for a stored report (decided before, or by the transaction it
-- waited for) and, when there is none, counts and inserts the report with its answer. The
-- unique key on (company_id, idempotency_key) still refuses a second row, whatever the caller.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION record_usage(
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
    last_used timestamptz;
    timeout_before text;
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

    -- Claim every key: a transaction-scoped lock per company and key, taken in the order of the
    -- lock's number, so two batches sharing keys queue instead of deadlocking. Whoever holds a
    -- key's lock decides it; a transaction that waited for it finds the report the other stored.
    timeout_before := current_setting('lock_timeout');
    PERFORM set_config('lock_timeout', p_claim_timeout, true);
    PERFORM pg_advisory_xact_lock(k.lock)
    FROM (SELECT DISTINCT hashtextextended(e ->> 'key', p_company_id) AS lock
          FROM jsonb_array_elements(p_reports) e ORDER BY 1) k;
    PERFORM set_config('lock_timeout', timeout_before, true);

    -- Lock the terms this batch may count against in id order, so that batches touching
    -- several plans cannot deadlock each other (one plan needs no more than its update).
    IF jsonb_array_length(p_reports) > 1
       AND (SELECT count(DISTINCT e ->> 'module') FROM jsonb_array_elements(p_reports) e) > 1 THEN
        PERFORM 1 FROM service_states(p_today) ss
        JOIN service_terms st ON st.id = ss.term_id
        WHERE ss.company_id = p_company_id AND ss.environment = p_environment
          AND ss.module IN (SELECT (e ->> 'module')::module_key FROM jsonb_array_elements(p_reports) e)
        ORDER BY st.id
        FOR UPDATE OF st;
    END IF;

    FOR r IN
        SELECT x.* FROM jsonb_to_recordset(p_reports) AS x(idx integer, key text, hash text,
             module module_key, metric usage_metric, quantity bigint, occurred_at timestamptz)
        ORDER BY x.idx
    LOOP
        idx := r.idx;
        -- Decided before, by a transaction this one waited for, or earlier in this batch: its
        -- stored answer.
        SELECT u.id, u.request_hash, u.response_status, u.response_body
        INTO report_id, request_hash, response_status, response_body
        FROM usage_reports u
        WHERE u.company_id = p_company_id AND u.idempotency_key = r.key;
        IF FOUND THEN
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

        replayed := false;
        request_hash := r.hash;
        response_status := CASE v_code WHEN 'accepted' THEN 200 WHEN 'would_exceed_allowance' THEN 429
                                       WHEN 'below_zero' THEN 422 ELSE 403 END;
        response_body := convert_to(v_answer::text, 'UTF8');
        -- The report, stored once with its answer.
        INSERT INTO usage_reports AS u (company_id, idempotency_key, request_hash, environment, module, metric,
                                        quantity, occurred_at, source, api_key_id, created_at, term_id, accepted,
                                        code, state_after, used_after, response_status, response_body)
        VALUES (p_company_id, r.key, r.hash, p_environment, r.module, r.metric, r.quantity, r.occurred_at,
                p_source, p_api_key_id, p_now, t.term_id, counted, v_answer ->> 'code', v_state, v_used,
                record_usage.response_status, record_usage.response_body)
        RETURNING u.id INTO report_id;
        RETURN NEXT;
    END LOOP;
END;
$fn$;
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION record_usage(
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
