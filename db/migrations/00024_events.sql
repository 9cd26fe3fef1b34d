-- +goose Up
-- What happened to services and to consumers' purchases, recorded as rows (SPEC §3, §5, §6).
--
-- A service event is a state a term entered (grace, expired, exhausted), a quota crossed, a
-- reminder of the term's end falling due, or something someone did (granted, renewed,
-- deactivated, reactivated, a renewal request made or answered). The first kinds happen once
-- per term, which a unique index holds however many sweeps and servers record them at once; the
-- others are recorded by the action itself, under the service's row lock, in its transaction.
-- Like the terms they belong to, events are never deleted, but for demo resets and tests,
-- which delete whole services (the events, and the notices of them, go with them).
-- delivered_at is set in the transaction that turns the event into notices, so an event is
-- told exactly once.

CREATE TYPE service_event_kind AS ENUM (
    'granted', 'renewed', 'deactivated', 'reactivated',
    'grace', 'expired', 'exhausted', 'quota_80', 'quota_100',
    'reminder_30', 'reminder_7', 'reminder_1',
    'renewal_requested', 'renewal_approved', 'renewal_declined');

CREATE TABLE service_events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    service_id bigint NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    company_id bigint NOT NULL REFERENCES partner_companies (id),
    -- the term it concerns: the current one, or the new one for a renewal
    term_id bigint REFERENCES service_terms (id) ON DELETE CASCADE,
    kind service_event_kind NOT NULL,
    -- the dimension crossed, for quota_80 and quota_100
    metric usage_metric,
    -- who did it, for actions; NULL when the clock or usage caused it
    actor_id bigint REFERENCES users (id),
    renewal_request_id bigint REFERENCES renewal_requests (id) ON DELETE CASCADE,
    -- the portal's clock when it was recorded
    recorded_at timestamptz NOT NULL,
    delivered_at timestamptz,
    CONSTRAINT service_events_metric_iff_quota CHECK ((kind IN ('quota_80', 'quota_100')) = (metric IS NOT NULL))
);

-- What people do may happen again in a term; what the clock and usage bring, once.
CREATE UNIQUE INDEX service_events_once_per_term ON service_events (term_id, kind, metric) NULLS NOT DISTINCT
    WHERE kind NOT IN ('granted', 'renewed', 'deactivated', 'reactivated',
                       'renewal_requested', 'renewal_approved', 'renewal_declined');
CREATE INDEX service_events_undelivered_idx ON service_events (id) WHERE delivered_at IS NULL;
CREATE INDEX service_events_service_idx ON service_events (service_id, id DESC);

-- A consumer's purchase released (the partner's plan for the product can no longer be used) or
-- restored (it can again). seq numbers each purchase's events, so two sweeps recording the same
-- change at once collide on the unique key instead of recording it twice.
CREATE TYPE purchase_event_kind AS ENUM ('released', 'restored');

CREATE TABLE purchase_events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    purchase_id bigint NOT NULL REFERENCES purchases (id) ON DELETE CASCADE,
    seq integer NOT NULL,
    kind purchase_event_kind NOT NULL,
    -- why: the state of the partner's plan at that moment
    plan_state service_state NOT NULL,
    -- the first day of 'expired' when that is why it was released
    read_only_since date,
    recorded_at timestamptz NOT NULL,
    delivered_at timestamptz,
    CONSTRAINT purchase_events_in_order UNIQUE (purchase_id, seq)
);

CREATE INDEX purchase_events_undelivered_idx ON purchase_events (id) WHERE delivered_at IS NULL;

-- The reminder due for a term that ends in days_left days (counting from today, so 1 is
-- tomorrow): the nearest of 30, 7 and 1 days not yet passed; NULL further out.
-- +goose StatementBegin
CREATE FUNCTION reminder_kind(days_left integer) RETURNS service_event_kind
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN CASE WHEN days_left <= 1 THEN 'reminder_1'::service_event_kind
            WHEN days_left <= 7 THEN 'reminder_7'::service_event_kind
            WHEN days_left <= 30 THEN 'reminder_30'::service_event_kind END;
-- +goose StatementEnd

-- Records what the day brings, for one company or (p_company_id NULL) every company: each
-- current term's state entered and reminder due, and each purchase whose usability changed
-- since its last event. The daily sweep calls it, and so does every staff action on a service
-- (in its transaction, after the change). Safe to call any number of times, at once too:
-- what is already recorded is skipped. Returns how many events it recorded.
-- +goose StatementBegin
CREATE FUNCTION record_events(p_today date, p_now timestamptz, p_company_id bigint)
RETURNS bigint
LANGUAGE plpgsql VOLATILE
AS $fn$
DECLARE
    services_recorded bigint;
    purchases_recorded bigint;
BEGIN
    INSERT INTO service_events (service_id, company_id, term_id, kind, recorded_at)
    SELECT ss.service_id, ss.company_id, ss.term_id, e.kind, p_now
    FROM service_states(p_today) ss
    CROSS JOIN LATERAL (VALUES
        ('grace'::service_event_kind, ss.state = 'grace'),
        ('expired', ss.state = 'expired'),
        ('exhausted', ss.state = 'exhausted'),
        -- a term that a renewal already follows needs no reminder
        (reminder_kind(ss.valid_until - p_today),
         state_can_use(ss.state) AND ss.valid_until >= p_today
         AND NOT EXISTS (SELECT 1 FROM service_terms n WHERE n.service_id = ss.service_id AND n.valid_from > p_today))
    ) AS e(kind, applies)
    WHERE e.applies AND e.kind IS NOT NULL AND ss.term_id IS NOT NULL
      AND (p_company_id IS NULL OR ss.company_id = p_company_id)
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS services_recorded = ROW_COUNT;

    INSERT INTO purchase_events (purchase_id, seq, kind, plan_state, read_only_since, recorded_at)
    SELECT pu.id, coalesce(last.seq, 0) + 1,
           CASE WHEN state_can_use(plan.state) THEN 'restored' ELSE 'released' END::purchase_event_kind,
           plan.state, ss.read_only_since, p_now
    FROM purchases pu
    JOIN products p ON p.id = pu.product_id
    LEFT JOIN service_states(p_today) ss
        ON ss.company_id = p.company_id AND ss.module = p.module AND ss.environment = p.environment
    -- the partner no longer holding the plan: SPEC §4 row 1
    CROSS JOIN LATERAL (SELECT coalesce(ss.state, 'none')::service_state AS state) plan
    LEFT JOIN LATERAL (SELECT e.seq, e.kind FROM purchase_events e
                       WHERE e.purchase_id = pu.id ORDER BY e.seq DESC LIMIT 1) last ON true
    WHERE (p_company_id IS NULL OR p.company_id = p_company_id)
      -- a purchase is usable until its first event says otherwise
      AND state_can_use(plan.state) = (coalesce(last.kind, 'restored') = 'released')
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS purchases_recorded = ROW_COUNT;

    RETURN services_recorded + purchases_recorded;
END;
$fn$;
-- +goose StatementEnd

-- Usage records its crossings in quota_warnings, in the transaction of the report that crossed
-- (record_usage, 00022); each becomes a service event there too, once per term like the rest.
-- +goose StatementBegin
CREATE FUNCTION quota_warnings_record_event() RETURNS trigger
LANGUAGE plpgsql
AS $fn$
BEGIN
    INSERT INTO service_events (service_id, company_id, term_id, kind, metric, recorded_at)
    SELECT NEW.service_id, s.company_id, NEW.term_id, NEW.kind::text::service_event_kind, NEW.metric, NEW.recorded_at
    FROM services s WHERE s.id = NEW.service_id
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END;
$fn$;
-- +goose StatementEnd

CREATE TRIGGER quota_warnings_record_event AFTER INSERT ON quota_warnings
    FOR EACH ROW EXECUTE FUNCTION quota_warnings_record_event();

-- Notices: what each user is told in the portal (the bell), written from the events above.
-- The words are stored as they were said: a notice is a message sent, not a live view.
CREATE TYPE notice_topic AS ENUM ('reminders', 'changes', 'quota', 'requests', 'purchases', 'digest');

CREATE TABLE notifications (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    topic notice_topic NOT NULL,
    service_event_id bigint REFERENCES service_events (id) ON DELETE CASCADE,
    purchase_event_id bigint REFERENCES purchase_events (id) ON DELETE CASCADE,
    title text NOT NULL,
    body text NOT NULL,
    -- a path inside the portal: the thing concerned
    link text NOT NULL,
    created_at timestamptz NOT NULL,
    read_at timestamptz,
    CONSTRAINT notifications_one_event CHECK (num_nonnulls(service_event_id, purchase_event_id) <= 1),
    CONSTRAINT notifications_once_per_service_event UNIQUE (user_id, service_event_id),
    CONSTRAINT notifications_once_per_purchase_event UNIQUE (user_id, purchase_event_id)
);

CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

-- Which topics a user wants by e-mail too; no row means yes, except the digest, which only
-- account managers get unless they say otherwise.
CREATE TABLE notification_preferences (
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    topic notice_topic NOT NULL,
    by_email boolean NOT NULL,
    PRIMARY KEY (user_id, topic)
);

-- Every e-mail the portal writes. Without an SMTP server it stays here ('kept': the outbox
-- admins read); with one, a job sends it and records the outcome. dedupe_key names what the
-- message is about (a notice, a digest day, a reset token), so nothing is written twice.
CREATE TYPE mail_status AS ENUM ('kept', 'queued', 'sent', 'failed');

CREATE TABLE mail_messages (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dedupe_key text NOT NULL UNIQUE,
    user_id bigint REFERENCES users (id) ON DELETE SET NULL,
    to_address text NOT NULL,
    to_name text NOT NULL DEFAULT '',
    kind text NOT NULL,
    subject text NOT NULL,
    text_body text NOT NULL,
    html_body text NOT NULL,
    unsubscribe_url text NOT NULL DEFAULT '',
    status mail_status NOT NULL,
    attempts integer NOT NULL DEFAULT 0,
    last_error text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL,
    sent_at timestamptz
);

CREATE INDEX mail_messages_created_idx ON mail_messages (id DESC);

-- +goose Down
DROP TABLE mail_messages;
DROP TYPE mail_status;
DROP TABLE notification_preferences;
DROP TABLE notifications;
DROP TYPE notice_topic;
DROP TRIGGER quota_warnings_record_event ON quota_warnings;
DROP FUNCTION quota_warnings_record_event();
DROP FUNCTION record_events(date, timestamptz, bigint);
DROP FUNCTION reminder_kind(integer);
DROP TABLE purchase_events;
DROP TYPE purchase_event_kind;
DROP TABLE service_events;
DROP TYPE service_event_kind;
