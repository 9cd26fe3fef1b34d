-- +goose Up
-- Quota top-ups (SPEC §3) and the daily history of accepted usage.
--
-- A term's message_quota and device_quota are its Q_d of SPEC §4, top-ups included: the meter's
-- conditional update (record_usage) and the state rule (term_state) read the quota from the
-- term row itself, so an approved top-up raises that column in the approving transaction and
-- every reader — meter, service_states, My Services, the entitlements API — sees it at once,
-- with no second formula anywhere. message_topup and device_topup say how much of the quota
-- came from approved top-ups, so the granted quota is quota − topup. A top-up belongs to its
-- term and ends with it: a renewal makes a new term from the granted quota.
ALTER TABLE service_terms
    ADD COLUMN message_topup integer NOT NULL DEFAULT 0 CHECK (message_topup >= 0),
    ADD COLUMN device_topup integer NOT NULL DEFAULT 0 CHECK (device_topup >= 0),
    -- a top-up needs a metered dimension, and the granted quota stays at least 1
    ADD CONSTRAINT service_terms_topup_within_quota CHECK (
        coalesce(message_quota - message_topup >= 1, message_topup = 0)
        AND coalesce(device_quota - device_topup >= 1, device_topup = 0));

-- The quotas a term was granted, without its top-ups: what a renewal carries over and what the
-- account manager's forms edit. A view, so that a LEFT JOIN tells sqlc they may be NULL.
CREATE VIEW service_term_grants AS
SELECT t.id AS term_id,
       t.message_quota - t.message_topup AS granted_message_quota,
       t.device_quota - t.device_topup AS granted_device_quota
FROM service_terms t;

-- A partner's request for a one-off top-up of one dimension of its current term, or an
-- account manager's own top-up (made approved). granted is what was approved, which may differ
-- from what was asked.
CREATE TABLE topup_requests (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    service_id bigint NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    term_id bigint NOT NULL REFERENCES service_terms (id) ON DELETE CASCADE,
    metric usage_metric NOT NULL,
    amount integer NOT NULL CHECK (amount BETWEEN 1 AND 1000000000),
    reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 1000),
    requested_by bigint NOT NULL REFERENCES users (id),
    status renewal_request_status NOT NULL DEFAULT 'open',
    granted integer CHECK (granted BETWEEN 1 AND 1000000000),
    answer text CHECK (length(answer) <= 1000),
    answered_by bigint REFERENCES users (id),
    answered_at timestamptz,
    created_at timestamptz NOT NULL,
    CONSTRAINT topup_requests_granted_iff_approved CHECK ((status = 'approved') = (granted IS NOT NULL)),
    CONSTRAINT topup_requests_answered_iff_closed CHECK (
        (status = 'open') = (answered_at IS NULL) AND (answered_by IS NULL) = (answered_at IS NULL))
);

-- one open request per plan and dimension: a second click is a duplicate, not a new request
CREATE UNIQUE INDEX topup_requests_one_open_idx ON topup_requests (service_id, metric) WHERE status = 'open';
CREATE INDEX topup_requests_term_idx ON topup_requests (term_id, created_at);

-- The one way a top-up reaches its term: approving it (or making it approved) raises the
-- term's quota and its topup in the same statement, so quota − topup is always the granted
-- quota. A dimension the term does not meter cannot be topped up.
-- +goose StatementBegin
CREATE FUNCTION topup_requests_apply() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    UPDATE service_terms t
    SET message_quota = t.message_quota + CASE WHEN NEW.metric = 'messages' THEN NEW.granted ELSE 0 END,
        message_topup = t.message_topup + CASE WHEN NEW.metric = 'messages' THEN NEW.granted ELSE 0 END,
        device_quota = t.device_quota + CASE WHEN NEW.metric = 'devices' THEN NEW.granted ELSE 0 END,
        device_topup = t.device_topup + CASE WHEN NEW.metric = 'devices' THEN NEW.granted ELSE 0 END
    WHERE t.id = NEW.term_id
      AND CASE NEW.metric WHEN 'messages' THEN t.message_quota ELSE t.device_quota END IS NOT NULL;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'term % does not meter %', NEW.term_id, NEW.metric USING ERRCODE = 'check_violation',
            CONSTRAINT = 'topup_requests_metered';
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER topup_requests_apply_insert AFTER INSERT ON topup_requests
    FOR EACH ROW WHEN (NEW.status = 'approved') EXECUTE FUNCTION topup_requests_apply();
CREATE TRIGGER topup_requests_apply_update AFTER UPDATE OF status ON topup_requests
    FOR EACH ROW WHEN (OLD.status <> 'approved' AND NEW.status = 'approved') EXECUTE FUNCTION topup_requests_apply();

-- Top-up requests and their answers are told like renewal requests. New enum values cannot
-- be used in the transaction that adds them, so the once-per-term index below names the event
-- kinds that happen once (the clock's and usage's) instead of those that may repeat.
ALTER TYPE service_event_kind ADD VALUE 'topup_requested';
ALTER TYPE service_event_kind ADD VALUE 'topup_approved';
ALTER TYPE service_event_kind ADD VALUE 'topup_declined';
ALTER TABLE service_events ADD COLUMN topup_request_id bigint REFERENCES topup_requests (id) ON DELETE CASCADE;
DROP INDEX service_events_once_per_term;
CREATE UNIQUE INDEX service_events_once_per_term ON service_events (term_id, kind, metric) NULLS NOT DISTINCT
    WHERE kind IN ('quota_80', 'quota_100', 'reminder_30', 'reminder_7', 'reminder_1',
                   'grace', 'expired', 'exhausted');

-- Accepted usage per term, metric and day (in the portal's time zone). Usage reports are
-- swept after 36 days; this history stays as long as the plan does. It is folded from the
-- reports by a periodic job (fold_usage), never by the report's own statement, so the meter's
-- hot path stays one conditional update.
CREATE TABLE usage_daily (
    term_id bigint NOT NULL REFERENCES service_terms (id) ON DELETE CASCADE,
    service_id bigint NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    metric usage_metric NOT NULL,
    day date NOT NULL,
    -- the net change: devices may go down as well as up
    quantity bigint NOT NULL,
    reports integer NOT NULL CHECK (reports >= 0),
    PRIMARY KEY (term_id, metric, day)
);

CREATE INDEX usage_daily_service_idx ON usage_daily (service_id, day);

-- How far the fold has read: every report with an id up to last_report_id is in usage_daily.
-- One row, locked FOR UPDATE by each fold and advanced in the fold's transaction, so two folds
-- running at once take turns and no report is counted twice.
CREATE TABLE usage_fold_mark (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    last_report_id bigint NOT NULL DEFAULT 0
);
INSERT INTO usage_fold_mark DEFAULT VALUES;

-- +goose Down
DROP TABLE usage_fold_mark;
DROP TABLE usage_daily;
DROP INDEX service_events_once_per_term;
ALTER TABLE service_events DROP COLUMN topup_request_id;
CREATE UNIQUE INDEX service_events_once_per_term ON service_events (term_id, kind, metric) NULLS NOT DISTINCT
    WHERE kind NOT IN ('granted', 'renewed', 'deactivated', 'reactivated',
                       'renewal_requested', 'renewal_approved', 'renewal_declined');
DROP TABLE topup_requests;
DROP FUNCTION topup_requests_apply();
DROP VIEW service_term_grants;
ALTER TABLE service_terms DROP CONSTRAINT service_terms_topup_within_quota,
    DROP COLUMN message_topup, DROP COLUMN device_topup;
