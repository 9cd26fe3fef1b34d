-- A partner company's team (migration 00035): its users with their team role. Every query
-- takes the company, so an id of another company's user finds nothing (404).

-- name: ListTeam :many
-- The company's enabled users, owners first, then by name.
SELECT u.id, u.name, u.email, u.team_role::team_role AS team_role, u.created_at
FROM users u
WHERE u.company_id = sqlc.arg(company_id)::bigint AND u.disabled_at IS NULL
ORDER BY u.team_role, lower(u.name), u.id;

-- name: GetTeamOwnerNames :one
-- The names of the company's enabled owners, for "ask …" in a member's refusal.
SELECT coalesce(string_agg(u.name, ', ' ORDER BY lower(u.name), u.id), '')::text AS names
FROM users u
WHERE u.company_id = sqlc.arg(company_id)::bigint AND u.team_role = 'owner' AND u.disabled_at IS NULL;

-- name: LockTeam :one
-- Takes the company's row lock: every change of owners holds it, so two concurrent changes
-- are made one after the other and the second counts the owners the first left. (NO KEY:
-- rows that merely reference the company, being inserted meanwhile, do not wait for it.)
SELECT id FROM partner_companies WHERE id = sqlc.arg(company_id) FOR NO KEY UPDATE;

-- name: GetTeamMemberForUpdate :one
-- An enabled user of the company, locked; no row for anyone else.
SELECT * FROM users
WHERE id = sqlc.arg(id) AND company_id = sqlc.arg(company_id)::bigint AND disabled_at IS NULL
FOR UPDATE;

-- name: CountOtherTeamOwners :one
-- The company's enabled owners besides user_id (read under LockTeam).
SELECT count(*) FROM users
WHERE company_id = sqlc.arg(company_id)::bigint AND team_role = 'owner' AND disabled_at IS NULL AND id <> sqlc.arg(user_id);

-- name: SetTeamRole :one
UPDATE users SET team_role = sqlc.arg(team_role)
WHERE id = sqlc.arg(id) AND company_id = sqlc.arg(company_id)::bigint
RETURNING *;

-- name: RemoveTeamMember :one
-- Disables the account (its history stays) and moves its session epoch on, so a session not
-- deleted with DeleteUserSessions stops working at its next request too.
UPDATE users SET disabled_at = sqlc.arg(now), session_epoch = session_epoch + 1
WHERE id = sqlc.arg(id) AND company_id = sqlc.arg(company_id)::bigint AND disabled_at IS NULL
RETURNING *;

-- name: ListTeamForStaff :many
-- A company's users with their team role, for a viewer who may see the company; none otherwise.
SELECT u.id, u.name, u.email, u.team_role::team_role AS team_role, (u.disabled_at IS NOT NULL)::boolean AS disabled
FROM users u
WHERE u.company_id = sqlc.arg(company_id)::bigint AND u.company_id IN (SELECT sc.company_id FROM staff_companies(sqlc.arg(viewer_id)::bigint) sc)
ORDER BY (u.disabled_at IS NOT NULL), u.team_role, lower(u.name), u.id;

-- name: GetTeamMemberForStaffUpdate :one
-- An enabled user of a company the viewer may see, locked; no row otherwise.
SELECT u.* FROM users u
WHERE u.id = sqlc.arg(id) AND u.company_id = sqlc.arg(company_id)::bigint AND u.disabled_at IS NULL
  AND u.company_id IN (SELECT sc.company_id FROM staff_companies(sqlc.arg(viewer_id)::bigint) sc)
FOR UPDATE OF u;
