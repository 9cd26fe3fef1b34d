-- +goose Up
-- AppConnect: ready-made solution templates, curated by admins, and the deployments partner
-- companies make of them.
--
-- A template offers features (each switched on or off by the deployer; some required),
-- configuration parameters (typed, with defaults and limits) and the device designs it expects
-- (by the telemetry attribute names a design must have). Editing a template replaces those rows
-- and raises its version; retiring it takes it out of the catalogue (what was deployed stays).
--
-- A deployment is made from a draft (the wizard's answers, kept here so every step has its own
-- address and Back and reload lose nothing). Each configuration a deployment had is a revision,
-- written once and never changed, with what was chosen copied in (names and labels as they
-- were), so the history and the manifest read the same whatever happens to the template later.
-- A run is the background work that brings a revision up, step by step; its steps are the
-- progress bar, and the log tells what happened, failures and retries included.

CREATE TYPE app_parameter_kind AS ENUM ('text', 'number', 'choice', 'colour', 'boolean');

CREATE TABLE app_templates (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug text NOT NULL UNIQUE CHECK (length(slug) <= 60 AND slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 80),
    -- the industry, in the words My Products uses for a product's category
    industry product_category NOT NULL,
    summary text NOT NULL CHECK (length(btrim(summary)) BETWEEN 1 AND 160),
    description text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
    -- raised by every saved change (two admins editing at once cannot overwrite each other)
    version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    retired_at timestamptz,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE UNIQUE INDEX app_templates_name_key ON app_templates (lower(name));

CREATE TABLE app_template_features (
    template_id bigint NOT NULL REFERENCES app_templates (id) ON DELETE CASCADE,
    position integer NOT NULL,
    key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,39}$'),
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 80),
    description text NOT NULL DEFAULT '' CHECK (length(description) <= 300),
    -- a required feature is always on; another starts on when default_on
    required boolean NOT NULL DEFAULT false,
    default_on boolean NOT NULL DEFAULT true,
    PRIMARY KEY (template_id, key),
    UNIQUE (template_id, position)
);

CREATE TABLE app_template_parameters (
    template_id bigint NOT NULL REFERENCES app_templates (id) ON DELETE CASCADE,
    position integer NOT NULL,
    key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,39}$'),
    label text NOT NULL CHECK (length(btrim(label)) BETWEEN 1 AND 80),
    help text NOT NULL DEFAULT '' CHECK (length(help) <= 300),
    kind app_parameter_kind NOT NULL,
    required boolean NOT NULL DEFAULT true,
    -- as a deployer would type it; web/appconnect checks it against the kind and limits
    default_value text NOT NULL DEFAULT '' CHECK (length(default_value) <= 200),
    -- number: the range; text: minimum and maximum length
    minimum double precision,
    maximum double precision,
    -- choice: the options, in order
    choices text[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (template_id, key),
    UNIQUE (template_id, position),
    CONSTRAINT app_template_parameters_range CHECK (minimum IS NULL OR maximum IS NULL OR minimum <= maximum),
    CONSTRAINT app_template_parameters_choices CHECK ((kind = 'choice') = (cardinality(choices) >= 2))
);

-- A device design the template expects: a design of the deployer's matches when its telemetry
-- attributes (at any depth) include every name listed.
CREATE TABLE app_template_devices (
    template_id bigint NOT NULL REFERENCES app_templates (id) ON DELETE CASCADE,
    position integer NOT NULL,
    key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,39}$'),
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 80),
    attributes text[] NOT NULL CHECK (cardinality(attributes) BETWEEN 1 AND 20),
    PRIMARY KEY (template_id, key),
    UNIQUE (template_id, position)
);

-- +goose StatementBegin
-- The telemetry attribute names of a design version's model, nested ones included.
CREATE FUNCTION design_attribute_names(model jsonb) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN ARRAY(SELECT jsonb_path_query(model, 'strict $.attributes.**.name') #>> '{}');
-- +goose StatementEnd

CREATE TYPE app_deployment_status AS ENUM ('deploying', 'running', 'stopped', 'failed');

CREATE TABLE app_deployments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id bigint NOT NULL REFERENCES partner_companies (id),
    template_id bigint NOT NULL REFERENCES app_templates (id),
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 80),
    -- the company's software plan it runs on
    environment environment NOT NULL,
    status app_deployment_status NOT NULL DEFAULT 'deploying',
    -- the latest revision
    revision integer NOT NULL DEFAULT 1 CHECK (revision >= 1),
    -- where it answers, once the allocate step has run
    endpoint text NOT NULL DEFAULT '' CHECK (length(endpoint) <= 200),
    -- the draft software product made from it (My Products)
    product_id bigint REFERENCES products (id) ON DELETE SET NULL,
    created_by bigint REFERENCES users (id),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    -- deleted deployments leave every list, and keep their history and audit entries
    deleted_at timestamptz
);

CREATE UNIQUE INDEX app_deployments_company_name_key ON app_deployments (company_id, lower(name)) WHERE deleted_at IS NULL;
CREATE INDEX app_deployments_company_idx ON app_deployments (company_id, updated_at DESC) WHERE deleted_at IS NULL;

CREATE TABLE app_revisions (
    deployment_id bigint NOT NULL REFERENCES app_deployments (id) ON DELETE CASCADE,
    revision integer NOT NULL CHECK (revision >= 1),
    template_version integer NOT NULL,
    -- "Deployed", "Reconfigured"
    note text NOT NULL CHECK (length(note) <= 100),
    made_by bigint REFERENCES users (id),
    made_at timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, revision)
);

CREATE TABLE app_revision_features (
    deployment_id bigint NOT NULL,
    revision integer NOT NULL,
    position integer NOT NULL,
    key text NOT NULL,
    name text NOT NULL,
    PRIMARY KEY (deployment_id, revision, key),
    FOREIGN KEY (deployment_id, revision) REFERENCES app_revisions ON DELETE CASCADE
);

CREATE TABLE app_revision_values (
    deployment_id bigint NOT NULL,
    revision integer NOT NULL,
    position integer NOT NULL,
    key text NOT NULL,
    label text NOT NULL,
    kind app_parameter_kind NOT NULL,
    value text NOT NULL CHECK (length(value) <= 200),
    PRIMARY KEY (deployment_id, revision, key),
    FOREIGN KEY (deployment_id, revision) REFERENCES app_revisions ON DELETE CASCADE
);

-- The device design chosen for an expected device; no foreign key to the design: the revision
-- names it as it was.
CREATE TABLE app_revision_devices (
    deployment_id bigint NOT NULL,
    revision integer NOT NULL,
    position integer NOT NULL,
    slot text NOT NULL,
    slot_name text NOT NULL,
    design_id bigint NOT NULL,
    design_name text NOT NULL,
    design_version integer NOT NULL,
    PRIMARY KEY (deployment_id, revision, slot),
    FOREIGN KEY (deployment_id, revision) REFERENCES app_revisions ON DELETE CASCADE
);

-- The wizard's answers. deployment_id is the deployment being reconfigured (NULL: a new one);
-- reached is the last step answered (1 name and environment … 4 devices), so a later step's
-- address cannot skip an earlier one. applied_* say what it became.
CREATE TABLE app_drafts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id bigint NOT NULL REFERENCES partner_companies (id),
    template_id bigint NOT NULL REFERENCES app_templates (id),
    deployment_id bigint REFERENCES app_deployments (id) ON DELETE CASCADE,
    name text NOT NULL DEFAULT '' CHECK (length(name) <= 80),
    environment environment,
    features text[] NOT NULL DEFAULT '{}',
    reached integer NOT NULL DEFAULT 0 CHECK (reached BETWEEN 0 AND 4),
    applied_at timestamptz,
    applied_deployment_id bigint REFERENCES app_deployments (id) ON DELETE CASCADE,
    applied_revision integer,
    created_by bigint REFERENCES users (id),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT app_drafts_applied CHECK ((applied_at IS NULL) = (applied_deployment_id IS NULL))
);

CREATE INDEX app_drafts_company_idx ON app_drafts (company_id, updated_at DESC) WHERE applied_at IS NULL;

CREATE TABLE app_draft_values (
    draft_id bigint NOT NULL REFERENCES app_drafts (id) ON DELETE CASCADE,
    key text NOT NULL CHECK (length(key) <= 40),
    value text NOT NULL CHECK (length(value) <= 200),
    PRIMARY KEY (draft_id, key)
);

CREATE TABLE app_draft_devices (
    draft_id bigint NOT NULL REFERENCES app_drafts (id) ON DELETE CASCADE,
    slot text NOT NULL CHECK (length(slot) <= 40),
    design_id bigint NOT NULL REFERENCES device_designs (id) ON DELETE CASCADE,
    PRIMARY KEY (draft_id, slot)
);

-- The background work that brings a revision up: a deploy runs every step, a reconfiguration
-- validate, configure and start. tries counts the attempts people asked for (a retry adds one);
-- it keys the job, so a retry is a new job and a job run twice is one.
CREATE TYPE app_run_kind AS ENUM ('deploy', 'reconfigure');
CREATE TYPE app_run_status AS ENUM ('queued', 'running', 'succeeded', 'failed');
CREATE TYPE app_step_status AS ENUM ('waiting', 'running', 'done', 'failed');

CREATE TABLE app_runs (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    deployment_id bigint NOT NULL REFERENCES app_deployments (id) ON DELETE CASCADE,
    revision integer NOT NULL,
    kind app_run_kind NOT NULL,
    status app_run_status NOT NULL DEFAULT 'queued',
    tries integer NOT NULL DEFAULT 1,
    -- why it failed, as the partner reads it
    failure text NOT NULL DEFAULT '' CHECK (length(failure) <= 500),
    created_at timestamptz NOT NULL,
    finished_at timestamptz,
    FOREIGN KEY (deployment_id, revision) REFERENCES app_revisions ON DELETE CASCADE
);

CREATE INDEX app_runs_deployment_idx ON app_runs (deployment_id, id DESC);

CREATE TABLE app_run_steps (
    run_id bigint NOT NULL REFERENCES app_runs (id) ON DELETE CASCADE,
    position integer NOT NULL,
    step text NOT NULL CHECK (step IN ('validate', 'allocate', 'configure', 'seed', 'start')),
    status app_step_status NOT NULL DEFAULT 'waiting',
    started_at timestamptz,
    finished_at timestamptz,
    PRIMARY KEY (run_id, position)
);

-- What happened to a deployment, newest last: steps started, done and failed, retries, stops
-- and starts; actor_id is who asked (NULL: the portal's own work).
CREATE TABLE app_deployment_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    deployment_id bigint NOT NULL REFERENCES app_deployments (id) ON DELETE CASCADE,
    run_id bigint REFERENCES app_runs (id) ON DELETE CASCADE,
    step text,
    failed boolean NOT NULL DEFAULT false,
    message text NOT NULL CHECK (length(message) <= 500),
    actor_id bigint REFERENCES users (id),
    at timestamptz NOT NULL
);

CREATE INDEX app_deployment_log_idx ON app_deployment_log (deployment_id, id DESC);

-- +goose Down
DROP TABLE app_deployment_log;
DROP TABLE app_run_steps;
DROP TABLE app_runs;
DROP TYPE app_step_status;
DROP TYPE app_run_status;
DROP TYPE app_run_kind;
DROP TABLE app_draft_devices;
DROP TABLE app_draft_values;
DROP TABLE app_drafts;
DROP TABLE app_revision_devices;
DROP TABLE app_revision_values;
DROP TABLE app_revision_features;
DROP TABLE app_revisions;
DROP TABLE app_deployments;
DROP TYPE app_deployment_status;
DROP FUNCTION design_attribute_names(jsonb);
DROP TABLE app_template_devices;
DROP TABLE app_template_parameters;
DROP TABLE app_template_features;
DROP TABLE app_templates;
DROP TYPE app_parameter_kind;
