-- +goose Up
-- Support: the tickets a partner company opens about a module it holds (or about its account),
-- their conversation — replies both sides read, and notes only staff read — the files attached
-- to messages, and what happened to each ticket (status changes, assignments) for its page.
-- Every status change and assignment is also written to the audit trail.

-- A new ticket and every reply are told to the other side under a topic of their own. The
-- value is only added here: PostgreSQL lets a transaction use it once this one has committed.
ALTER TYPE notice_topic ADD VALUE IF NOT EXISTS 'support';

-- The portal acts too: a resolved ticket closes by itself after a week without a reply. Such a
-- change is in the audit trail with no actor (pages show it as the portal's).
ALTER TABLE audit_events ALTER COLUMN actor_id DROP NOT NULL;

CREATE TYPE ticket_status AS ENUM ('open', 'waiting_on_partner', 'waiting_on_us', 'resolved', 'closed');
CREATE TYPE ticket_priority AS ENUM ('low', 'normal', 'high', 'urgent');

CREATE TABLE support_tickets (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id bigint NOT NULL REFERENCES partner_companies (id),
    -- the module it is about; NULL: the company's account
    module module_key REFERENCES modules (key),
    subject text NOT NULL CHECK (length(btrim(subject)) BETWEEN 1 AND 150),
    priority ticket_priority NOT NULL,
    status ticket_status NOT NULL DEFAULT 'open',
    opened_by bigint NOT NULL REFERENCES users (id),
    -- the staff member answering it; NULL: the company's account manager, or whoever takes it
    assignee_id bigint REFERENCES users (id),
    -- the application's clock throughout
    opened_at timestamptz NOT NULL,
    -- the first-response target: opened_at plus the priority's business time (web/support)
    response_due_at timestamptz NOT NULL,
    first_response_at timestamptz,
    -- since when the partner waits for staff (open, waiting on us); the inbox's order
    waiting_since timestamptz,
    -- the latest reply of either side (notes are not replies)
    last_reply_at timestamptz NOT NULL,
    resolved_at timestamptz,
    closed_at timestamptz,
    updated_at timestamptz NOT NULL,
    CONSTRAINT support_tickets_waiting CHECK ((status = 'open' OR status = 'waiting_on_us') = (waiting_since IS NOT NULL)),
    CONSTRAINT support_tickets_resolved CHECK ((status = 'resolved') = (resolved_at IS NOT NULL)),
    CONSTRAINT support_tickets_closed CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);

CREATE INDEX support_tickets_company_idx ON support_tickets (company_id, id DESC);
CREATE INDEX support_tickets_waiting_idx ON support_tickets (waiting_since) WHERE waiting_since IS NOT NULL;
CREATE INDEX support_tickets_resolved_idx ON support_tickets (resolved_at) WHERE status = 'resolved';

-- The conversation. The ticket's description is its first message. An internal message is a
-- staff note the partner never sees (nor its attachments).
CREATE TABLE support_messages (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id bigint NOT NULL REFERENCES support_tickets (id) ON DELETE CASCADE,
    author_id bigint NOT NULL REFERENCES users (id),
    internal boolean NOT NULL DEFAULT false,
    body text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 10000),
    created_at timestamptz NOT NULL
);

CREATE INDEX support_messages_ticket_idx ON support_messages (ticket_id, id);

-- Files attached to a message, kept in the database with the type read from their bytes
-- (never the name's): images, PDF, plain text and CSV, at most 10 MB each.
CREATE TABLE support_attachments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id bigint NOT NULL REFERENCES support_messages (id) ON DELETE CASCADE,
    ticket_id bigint NOT NULL REFERENCES support_tickets (id) ON DELETE CASCADE,
    filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
    content_type text NOT NULL CHECK (length(content_type) BETWEEN 1 AND 100),
    size integer NOT NULL CHECK (size BETWEEN 1 AND 10485760),
    data bytea NOT NULL CHECK (length(data) = size),
    created_at timestamptz NOT NULL
);

CREATE INDEX support_attachments_message_idx ON support_attachments (message_id, id);
CREATE INDEX support_attachments_ticket_idx ON support_attachments (ticket_id);

-- A ticket's history for its page: status changes (actor NULL: the portal) and assignments
-- (assignee NULL: unassigned). Assignments are shown to staff only.
CREATE TYPE support_event_kind AS ENUM ('status', 'assigned');

CREATE TABLE support_events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id bigint NOT NULL REFERENCES support_tickets (id) ON DELETE CASCADE,
    kind support_event_kind NOT NULL,
    actor_id bigint REFERENCES users (id),
    status ticket_status,
    assignee_id bigint REFERENCES users (id),
    at timestamptz NOT NULL,
    CONSTRAINT support_events_status_iff_kind CHECK ((kind = 'status') = (status IS NOT NULL))
);

CREATE INDEX support_events_ticket_idx ON support_events (ticket_id, id);

-- +goose Down
DROP TABLE support_events;
DROP TYPE support_event_kind;
DROP TABLE support_attachments;
DROP TABLE support_messages;
DROP TABLE support_tickets;
DROP TYPE ticket_priority;
DROP TYPE ticket_status;
-- audit_events.actor_id stays nullable (the portal's entries cannot be given an actor, and the
-- trail refuses to lose them); PostgreSQL cannot drop the 'support' value of notice_topic.
