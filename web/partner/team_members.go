package partner

import (
	"context"
	"errors"
	"net/http"

	"github.com/go-playground/validator/v10"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/audit"
	"partnerportal/web/auth"
	"partnerportal/web/ui"
)

// errLastOwner refuses a change that would leave the company without an owner.
var errLastOwner = errors.New("the last owner")

type teamRoleForm struct {
	Role string `form:"role" validate:"required,oneof=owner member"`
}

// HandleSetTeamRole makes a colleague (or the owner themself) an owner or a member. The
// company's team lock is held while the owners are counted and the role changes, so two
// concurrent demotions cannot leave the company without an owner: the second is refused.
func HandleSetTeamRole(pool *pgxpool.Pool, throttle *auth.Throttle, v *validator.Validate) echo.HandlerFunc {
	return func(c echo.Context) error {
		u, id, err := ownersTarget(c, pool, "change team roles", "uid")
		if err != nil {
			return err
		}
		ctx := c.Request().Context()
		var f teamRoleForm
		if errs := ui.BindForm(c, v, &f); errs != nil {
			return teamAnswer(c, pool, http.StatusUnprocessableEntity, &views.Flash{Kind: "error", Text: "Choose whether they are an owner or a member."})
		}
		if err := throttleTeam(c, throttle); err != nil {
			return err
		}
		role, now := db.TeamRole(f.Role), ui.When(c).Now
		var m db.User
		err = db.Transact(ctx, pool, func(q *db.Queries) error {
			if m, err = lockedColleague(ctx, q, *u.CompanyID, id); err != nil {
				return err
			}
			if *m.TeamRole == role {
				return nil
			}
			if role == db.TeamRoleMember {
				if err := keepAnOwner(ctx, q, m); err != nil {
					return err
				}
			}
			if _, err := q.SetTeamRole(ctx, db.SetTeamRoleParams{TeamRole: &role, ID: m.ID, CompanyID: *u.CompanyID}); err != nil {
				return err
			}
			return audit.Write(ctx, q, now, audit.UserEvent(u.ID, audit.ActionTeamRole, m,
				map[string]any{"team_role": m.TeamRole}, map[string]any{"team_role": role}))
		})
		if errors.Is(err, errLastOwner) {
			return teamAnswer(c, pool, http.StatusConflict, &views.Flash{Kind: "error", Text: lastOwnerText(u, m, "step down to member", "made a member")})
		}
		if err != nil {
			return err
		}
		if m.ID == u.ID && role == db.TeamRoleMember {
			return ui.FlashRedirect(c, "success", "You are now a member of "+u.CompanyName+"’s team; its owners manage the team from now on.", "/services")
		}
		return ui.FlashRedirect(c, "success", m.Name+" is now "+roleWithArticle(role)+" of "+u.CompanyName+".", "/team")
	}
}

// HandleRemoveTeamMember takes a colleague off the team, or the owner themself (leaving): the
// account is disabled, not deleted, so its history stays, and its sessions end at once. The
// last owner can do neither.
func HandleRemoveTeamMember(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		u, id, err := ownersTarget(c, pool, "remove colleagues", "uid")
		if err != nil {
			return err
		}
		ctx := c.Request().Context()
		now := ui.When(c).Now
		var m db.User
		err = db.Transact(ctx, pool, func(q *db.Queries) error {
			if m, err = lockedColleague(ctx, q, *u.CompanyID, id); err != nil {
				return err
			}
			if err := keepAnOwner(ctx, q, m); err != nil {
				return err
			}
			if _, err := q.RemoveTeamMember(ctx, db.RemoveTeamMemberParams{Now: &now, ID: m.ID, CompanyID: *u.CompanyID}); err != nil {
				return err
			}
			if err := q.DeleteUserSessions(ctx, m.ID); err != nil {
				return err
			}
			return audit.Write(ctx, q, now, audit.UserEvent(u.ID, audit.ActionTeamRemove, m,
				map[string]any{"team_role": m.TeamRole, "disabled": false}, map[string]any{"disabled": true}))
		})
		if errors.Is(err, errLastOwner) {
			return teamAnswer(c, pool, http.StatusConflict, &views.Flash{Kind: "error", Text: lastOwnerText(u, m, "leave the team", "removed")})
		}
		if err != nil {
			return err
		}
		if m.ID == u.ID {
			// this session was deleted with the others; the message travels in a new one
			sm := ui.Sessions(c)
			if err := sm.Destroy(ctx); err != nil {
				return err
			}
			ui.AddFlash(sm, ctx, "success", "You have left "+u.CompanyName+"’s team, and your account is closed.")
			return ui.Redirect(c, "/login")
		}
		return ui.FlashRedirect(c, "success", m.Name+" is no longer on the team: their account is closed and they were signed out everywhere.", "/team")
	}
}

// lockedColleague takes the team lock, then the enabled user id of the company, locked; an id
// of anyone else is 404.
func lockedColleague(ctx context.Context, q *db.Queries, companyID, id int64) (db.User, error) {
	if err := lockTeam(ctx, q, companyID); err != nil {
		return db.User{}, err
	}
	m, err := q.GetTeamMemberForUpdate(ctx, db.GetTeamMemberForUpdateParams{ID: id, CompanyID: companyID})
	if errors.Is(err, pgx.ErrNoRows) {
		return db.User{}, echo.ErrNotFound
	}
	return m, err
}

// keepAnOwner is errLastOwner when m is the company's only enabled owner (read under the team
// lock).
func keepAnOwner(ctx context.Context, q *db.Queries, m db.User) error {
	if *m.TeamRole != db.TeamRoleOwner {
		return nil
	}
	others, err := q.CountOtherTeamOwners(ctx, db.CountOtherTeamOwnersParams{CompanyID: *m.CompanyID, UserID: m.ID})
	if err != nil {
		return err
	}
	if others == 0 {
		return errLastOwner
	}
	return nil
}

// lastOwnerText refuses to leave a company without an owner: selfDoing is what the owner
// tried for themself, otherDone what they tried to do to m.
func lastOwnerText(u *ui.CurrentUser, m db.User, selfDoing, otherDone string) string {
	if m.ID == u.ID {
		return "You are " + u.CompanyName + "’s only owner, so you cannot " + selfDoing + ": make a colleague owner first, so the company always has someone to manage it."
	}
	return m.Name + " is " + u.CompanyName + "’s only owner and cannot be " + otherDone + ": make a colleague owner first."
}

// roleWithArticle is "an owner" or "a member".
func roleWithArticle(r db.TeamRole) string {
	if r == db.TeamRoleOwner {
		return "an owner"
	}
	return "a member"
}
