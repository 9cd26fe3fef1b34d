-- +goose Up
-- Usage reports and quota warnings.
--
-- usage_reports is both the idempotency record of the usage API and the log of every report
-- the portal decided (the DevLab console shows the last ones). A report claims its
-- (company, idempotency_key) before anything is counted, in the same transaction as the
-- counter update and the stored answer, so a replay finds the first answer and a concurrent
-- duplicate waits on the first one's transaction instead of counting twice.
--
-- It is the hottest table of the portal, written by every report: it has no foreign keys,
-- whose checks would run queries and lock the company's and key's rows on every report. Its
-- rows are only ever written by record_usage, with ids it has just read.

CREATE TYPE usage_metric AS ENUM ('messages', 'devices');
CREATE TYPE usage_source AS ENUM ('api', 'devlab');
CREATE TYPE quota_warning_kind AS ENUM ('quota_80', 'quota_100', 'grace', 'exhausted');

CREATE TABLE usage_reports (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id bigint NOT NULL,
    idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    -- what the report asked for, so the same key with another body can be told apart
    request_hash text NOT NULL,
    environment environment NOT NULL,
    module module_key NOT NULL CHECK (module_is_metered(module)),
    metric usage_metric NOT NULL,
    quantity bigint NOT NULL,
    occurred_at timestamptz,
    source usage_source NOT NULL,
    api_key_id bigint,
    -- the term it was counted against (or refused on)
    term_id bigint,
    accepted boolean NOT NULL DEFAULT false,
    code text NOT NULL DEFAULT 'pending',
    state_after service_state,
    used_after bigint,
    -- the exact answer, replayed byte for byte; set in the claiming transaction
    response_status integer,
    response_body bytea,
    created_at timestamptz NOT NULL,
    CONSTRAINT usage_reports_idempotency_key UNIQUE (company_id, idempotency_key)
)
-- each row is updated once, right after its insert (the answer): room on its page keeps that
-- update HOT, so the indexes are not written twice
WITH (fillfactor = 80);

-- the DevLab log: a company's latest reports in one environment
CREATE INDEX usage_reports_log_idx ON usage_reports (company_id, environment, id DESC);
-- the retention sweep; rows arrive in time order, so a BRIN index is enough and nearly free to keep
CREATE INDEX usage_reports_created_idx ON usage_reports USING brin (created_at);

-- A quota crossing or a state entered, once per term (and per metric for the quota ones).
-- Written in the transaction of the report that crossed it; the notifications work reads it.
CREATE TABLE quota_warnings (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    term_id bigint NOT NULL REFERENCES service_terms (id) ON DELETE CASCADE,
    service_id bigint NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    kind quota_warning_kind NOT NULL,
    -- the dimension crossed for quota_80/quota_100; NULL for states
    metric usage_metric,
    used bigint NOT NULL,
    quota integer,
    recorded_at timestamptz NOT NULL,
    CONSTRAINT quota_warnings_metric_iff_quota CHECK ((kind IN ('quota_80', 'quota_100')) = (metric IS NOT NULL)),
    CONSTRAINT quota_warnings_once UNIQUE NULLS NOT DISTINCT (term_id, kind, metric)
);

CREATE INDEX quota_warnings_service_idx ON quota_warnings (service_id, recorded_at DESC);

-- +goose Down
DROP TABLE quota_warnings;
DROP TABLE usage_reports;
DROP TYPE quota_warning_kind;
DROP TYPE usage_source;
DROP TYPE usage_metric;
