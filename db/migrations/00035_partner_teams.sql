-- +goose Up
-- A partner company manages its own team: each partner user is an owner or a member of it.
-- Owners manage the team, the API keys and the renewal and top-up requests; members use what
-- the company's modules allow. Staff and consumers have no team role.
CREATE TYPE team_role AS ENUM ('owner', 'member');

ALTER TABLE users ADD COLUMN team_role team_role;

-- Before teams, every partner user could do everything: they all become owners.
UPDATE users SET team_role = 'owner' WHERE role = 'partner';

ALTER TABLE users ADD CONSTRAINT users_team_role_partners_only CHECK ((role = 'partner') = (team_role IS NOT NULL));

-- A partner user made without a team role (an administrator's "Create user", the scale seed's
-- bulk copy) becomes the company's owner when it has no enabled owner yet, a member otherwise,
-- so that a company is never without someone to manage it. A user who stops being a partner
-- loses the role.
-- +goose StatementBegin
CREATE FUNCTION users_default_team_role() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.role <> 'partner' THEN
        NEW.team_role := NULL;
    ELSIF NEW.team_role IS NULL THEN
        NEW.team_role := CASE WHEN EXISTS (
            SELECT 1 FROM users o
            WHERE o.company_id = NEW.company_id AND o.team_role = 'owner' AND o.disabled_at IS NULL AND o.id <> NEW.id)
        THEN 'member' ELSE 'owner' END::team_role;
    END IF;
    RETURN NEW;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER users_default_team_role BEFORE INSERT OR UPDATE OF role, team_role ON users
FOR EACH ROW EXECUTE FUNCTION users_default_team_role();

CREATE INDEX users_company_owners_idx ON users (company_id) WHERE team_role = 'owner' AND disabled_at IS NULL;

-- An owner's invitation of a colleague: a one-time link, mailed and shown to the owner, that
-- lets its holder create a member account of the company. Only the token's SHA-256 is kept,
-- as for password and sign-up links. Nothing is deleted: an invitation ends accepted (with
-- the account it made) or revoked (by an owner, or replaced by a newer one to the address).
CREATE TABLE team_invitations (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id bigint NOT NULL REFERENCES partner_companies (id),
    email text NOT NULL CHECK (email ~ '^[^@\s]+@[^@\s]+$' AND length(email) <= 254),
    token_hash bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    invited_by bigint NOT NULL REFERENCES users (id),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    accepted_at timestamptz,
    accepted_user_id bigint REFERENCES users (id),
    revoked_at timestamptz,
    revoked_by bigint REFERENCES users (id),
    CONSTRAINT team_invitations_expire_after_creation CHECK (expires_at > created_at),
    CONSTRAINT team_invitations_accepted_names_account CHECK ((accepted_at IS NULL) = (accepted_user_id IS NULL)),
    CONSTRAINT team_invitations_end_once CHECK (accepted_at IS NULL OR revoked_at IS NULL)
);

CREATE INDEX team_invitations_open_idx ON team_invitations (company_id) WHERE accepted_at IS NULL AND revoked_at IS NULL;

-- +goose Down
DROP TABLE team_invitations;
DROP INDEX users_company_owners_idx;
DROP TRIGGER users_default_team_role ON users;
DROP FUNCTION users_default_team_role();
ALTER TABLE users DROP CONSTRAINT users_team_role_partners_only;
ALTER TABLE users DROP COLUMN team_role;
DROP TYPE team_role;
