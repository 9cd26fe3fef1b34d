-- +goose Up
-- When and why a service was last deactivated: an Inactive card says since when, a write into
-- a module that became hidden says what happened, and staff read the reason. Both are cleared
-- when the service is active again; the audit trail keeps every earlier change.
ALTER TABLE services
    ADD COLUMN deactivated_at timestamptz,
    ADD COLUMN deactivation_reason text NOT NULL DEFAULT '' CHECK (length(deactivation_reason) <= 500);

-- Pictures: a company's logo (product_id NULL, one at most) and up to five pictures per
-- product, in order. Each is kept only as the sizes the pages show (web/pictures), every
-- rendition under the sha256 of its bytes, which is its address: a new picture gets a new
-- address, so a browser may keep one forever.
CREATE TABLE pictures (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id bigint NOT NULL REFERENCES partner_companies (id) ON DELETE CASCADE,
    product_id bigint REFERENCES products (id) ON DELETE CASCADE,
    position integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX pictures_one_logo ON pictures (company_id) WHERE product_id IS NULL;
CREATE INDEX pictures_product_idx ON pictures (product_id, position, id) WHERE product_id IS NOT NULL;

CREATE TABLE picture_renditions (
    picture_id bigint NOT NULL REFERENCES pictures (id) ON DELETE CASCADE,
    width integer NOT NULL CHECK (width BETWEEN 1 AND 4096),
    height integer NOT NULL CHECK (height BETWEEN 1 AND 16384),
    content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
    hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    data bytea NOT NULL,
    PRIMARY KEY (picture_id, width)
);
CREATE INDEX picture_renditions_hash_idx ON picture_renditions (hash);

-- Every rendition with its picture's owner and place: pages aggregate it into arrays (pictures
-- by position, each picture's sizes smallest first) within the statement that reads the
-- listing, so pictures cost no round trip of their own.
CREATE VIEW picture_list AS
SELECT p.id AS picture_id, p.company_id, p.product_id, p.position, r.width, r.height, r.hash, r.content_type
FROM pictures p
JOIN picture_renditions r ON r.picture_id = p.id;

-- +goose Down
DROP VIEW picture_list;
DROP TABLE picture_renditions;
DROP TABLE pictures;
ALTER TABLE services DROP COLUMN deactivation_reason, DROP COLUMN deactivated_at;
