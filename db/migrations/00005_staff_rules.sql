-- +goose Up
-- Two rules the account managers' dashboard applies everywhere, each kept once, here.

-- Which partner companies a staff member may see and change: an admin every one, an account
-- manager the companies assigned to them, a disabled account none. Every staff query filters
-- by it, so a company outside one's portfolio reads as if it did not exist.
-- +goose StatementBegin
CREATE FUNCTION staff_can_see(company_id bigint, viewer_id bigint) RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT EXISTS (
        SELECT 1 FROM users u, partner_companies c
        WHERE u.id = staff_can_see.viewer_id AND c.id = staff_can_see.company_id
          AND u.disabled_at IS NULL
          AND (u.role = 'admin' OR (u.role = 'account_manager' AND c.account_manager_id = u.id)));
END;
-- +goose StatementEnd

-- The first day of the term a renewal made today starts (SPEC §3): the day after the current
-- term while the service can still be used (state_can_use of its state today), else today.
-- When a term that has not started yet exists (a scheduled grant, or a renewal already made),
-- the new term follows the last of them, so terms never overlap.
-- +goose StatementBegin
CREATE FUNCTION renewal_start(service_id bigint, today date) RETURNS date
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT CASE
        WHEN last.valid_from > today THEN last.valid_until + 1
        WHEN state_can_use(ss.state) THEN ss.valid_until + 1
        ELSE today
    END
    FROM service_states(today) ss
    LEFT JOIN LATERAL (
        SELECT l.valid_from, l.valid_until FROM service_terms l
        WHERE l.service_id = ss.service_id ORDER BY l.valid_from DESC LIMIT 1) last ON true
    WHERE ss.service_id = renewal_start.service_id;
END;
-- +goose StatementEnd

-- +goose Down
DROP FUNCTION renewal_start(bigint, date);
DROP FUNCTION staff_can_see(bigint, bigint);
