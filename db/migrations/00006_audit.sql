-- +goose Up
-- The audit trail: every change to companies, users, assignments, services, terms and renewal
-- requests, written in the same transaction as the change. It is append-only: triggers refuse
-- UPDATE, DELETE and TRUNCATE, whoever asks.

CREATE TABLE audit_events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- the application's clock, so the trail agrees with the portal's today
    at timestamptz NOT NULL,
    actor_id bigint NOT NULL REFERENCES users (id),
    company_id bigint REFERENCES partner_companies (id),
    -- No foreign key: the record outlives what it describes (the demo seed replaces its
    -- services), and it names the module and environment itself.
    service_id bigint,
    module module_key,
    environment environment,
    -- the account an event is about (user administration)
    user_id bigint REFERENCES users (id),
    action text NOT NULL CHECK (action ~ '^[a-z_]+\.[a-z_]+$'),
    -- what changed, as people read it at the time: "Software products · sandbox", "Ben Brooks"
    subject text NOT NULL CHECK (length(subject) <= 300),
    before jsonb,
    after jsonb
);

CREATE INDEX audit_events_at_idx ON audit_events (at DESC, id DESC);
CREATE INDEX audit_events_company_idx ON audit_events (company_id, at DESC, id DESC);
CREATE INDEX audit_events_service_idx ON audit_events (service_id, at DESC, id DESC);

-- +goose StatementBegin
CREATE FUNCTION audit_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

-- +goose Down
DROP TABLE audit_events;
DROP FUNCTION audit_events_append_only();
