-- name: GetUserByEmail :one
SELECT * FROM users WHERE lower(email) = lower(sqlc.arg(email));

-- name: GetSessionUser :one
-- The signed-in user of a request, with their company's name for the header and, for partner
-- users, what the company may do in each module today (company_access), and for consumers the
-- number of items in their cart: one round trip.
SELECT u.id, u.email, u.name, u.role, u.company_id, u.disabled_at,
       coalesce(c.name, '')::text AS company_name,
       CASE WHEN u.company_id IS NULL THEN '{}'::jsonb
            ELSE company_access(u.company_id, sqlc.arg(today)::date) END::jsonb AS access,
       CASE WHEN u.role = 'consumer' THEN (SELECT coalesce(sum(cl.quantity), 0) FROM cart_lines cl
            WHERE cl.owner = cart_owner(u.id, NULL)) ELSE 0 END::integer AS cart_count
FROM users u
LEFT JOIN partner_companies c ON c.id = u.company_id
WHERE u.id = sqlc.arg(id);

-- name: CreateUser :one
INSERT INTO users (email, name, password_hash, role, company_id)
VALUES ($1, $2, $3, $4, $5)
RETURNING *;

-- name: UpsertUser :one
-- Used by the demo seed: an existing account keeps its id and gets the demo values back.
INSERT INTO users (email, name, password_hash, role, company_id)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT ((lower(email))) DO UPDATE
SET name = EXCLUDED.name, password_hash = EXCLUDED.password_hash,
    role = EXCLUDED.role, company_id = EXCLUDED.company_id, disabled_at = NULL
RETURNING *;
