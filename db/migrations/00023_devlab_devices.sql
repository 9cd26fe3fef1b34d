-- +goose Up
-- Test devices registered in the DevLab console. Each one is counted on its sandbox plan's
-- device figure (a +1 report when registered, −1 when removed), through the same metering as
-- the API; removed devices stay listed as history.
CREATE TABLE devlab_devices (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id bigint NOT NULL REFERENCES partner_companies (id),
    service_id bigint NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    created_by bigint REFERENCES users (id),
    created_at timestamptz NOT NULL,
    removed_at timestamptz
);

CREATE INDEX devlab_devices_company_idx ON devlab_devices (company_id, created_at DESC);

-- +goose Down
DROP TABLE devlab_devices;
