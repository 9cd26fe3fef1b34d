-- Invitations to a partner company's team (migration 00035). Tokens are looked up by their
-- SHA-256 only. An open invitation is neither accepted nor revoked; it works until expires_at.

-- name: CreateTeamInvitation :one
INSERT INTO team_invitations (company_id, email, token_hash, invited_by, created_at, expires_at)
VALUES (sqlc.arg(company_id), sqlc.arg(email), sqlc.arg(token_hash), sqlc.arg(invited_by), sqlc.arg(now), sqlc.arg(expires_at))
RETURNING *;

-- name: ReplaceTeamInvitations :many
-- A new invitation to an address makes the company's earlier open ones to it worthless.
UPDATE team_invitations SET revoked_at = sqlc.arg(now), revoked_by = sqlc.arg(revoked_by)
WHERE company_id = sqlc.arg(company_id) AND lower(email) = lower(sqlc.arg(email))
  AND accepted_at IS NULL AND revoked_at IS NULL
RETURNING id;

-- name: ListOpenTeamInvitations :many
-- The company's open invitations, newest first, with who sent them; expired ones too, so an
-- owner sees that a colleague never answered.
SELECT i.id, i.email, i.created_at, i.expires_at, u.name AS invited_by_name
FROM team_invitations i
JOIN users u ON u.id = i.invited_by
WHERE i.company_id = sqlc.arg(company_id) AND i.accepted_at IS NULL AND i.revoked_at IS NULL
ORDER BY i.created_at DESC, i.id DESC;

-- name: ListOpenTeamInvitationsForStaff :many
-- ListOpenTeamInvitations for a viewer who may see the company; none otherwise.
SELECT i.id, i.email, i.created_at, i.expires_at, u.name AS invited_by_name
FROM team_invitations i
JOIN users u ON u.id = i.invited_by
WHERE i.company_id = sqlc.arg(company_id) AND i.accepted_at IS NULL AND i.revoked_at IS NULL
  AND i.company_id IN (SELECT sc.company_id FROM staff_companies(sqlc.arg(viewer_id)::bigint) sc)
ORDER BY i.created_at DESC, i.id DESC;

-- name: RevokeTeamInvitation :one
-- Revokes one of the company's open invitations; no row for another company's, or one that
-- has ended already.
UPDATE team_invitations SET revoked_at = sqlc.arg(now), revoked_by = sqlc.arg(revoked_by)
WHERE id = sqlc.arg(id) AND company_id = sqlc.arg(company_id) AND accepted_at IS NULL AND revoked_at IS NULL
RETURNING *;

-- name: GetTeamInvitationByToken :one
-- An invitation in whatever state, so that its page can say why a link no longer works.
SELECT i.id, i.company_id, i.email, i.created_at, i.expires_at, i.accepted_at, i.revoked_at,
       c.name AS company_name, u.name AS invited_by_name
FROM team_invitations i
JOIN partner_companies c ON c.id = i.company_id
JOIN users u ON u.id = i.invited_by
WHERE i.token_hash = sqlc.arg(token_hash);

-- name: GetTeamInvitationByTokenForUpdate :one
-- The invitation of a token, locked while it is accepted, in whatever state.
SELECT sqlc.embed(i), u.name AS invited_by_name
FROM team_invitations i
JOIN users u ON u.id = i.invited_by
WHERE i.token_hash = sqlc.arg(token_hash)
FOR UPDATE OF i;

-- name: AcceptTeamInvitation :exec
UPDATE team_invitations SET accepted_at = sqlc.arg(now), accepted_user_id = sqlc.arg(user_id)
WHERE id = sqlc.arg(id);

-- name: CreateTeamMember :one
-- The account an accepted invitation makes: a member of the inviting company.
INSERT INTO users (email, name, password_hash, role, company_id, team_role, created_at)
VALUES (sqlc.arg(email), sqlc.arg(name), sqlc.arg(password_hash), 'partner', sqlc.arg(company_id), 'member', sqlc.arg(now))
RETURNING *;
