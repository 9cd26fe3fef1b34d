package staff

import (
	"errors"
	"net/http"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/audit"
	"partnerportal/web/ui"
)

// staffTeam is a company's team section of the partner page.
func staffTeam(c echo.Context, companyID int64, members []db.ListTeamForStaffRow, invitations []db.ListOpenTeamInvitationsForStaffRow) views.StaffTeam {
	w := ui.When(c)
	t := views.StaffTeam{MembersURL: partnerURL(companyID) + "/team/", CSRF: ui.CSRFToken(c)}
	for _, m := range members {
		t.Members = append(t.Members, views.StaffTeamMember{ID: m.ID, Name: m.Name, Email: m.Email,
			Badge: ui.TeamRoleBadge(m.TeamRole), Owner: m.TeamRole == db.TeamRoleOwner, Disabled: m.Disabled})
	}
	rows := make([]db.ListOpenTeamInvitationsRow, len(invitations))
	for i, r := range invitations {
		rows[i] = db.ListOpenTeamInvitationsRow(r)
	}
	t.Invitations = ui.TeamInvitationRows(rows, w.Now, w.Loc)
	return t
}

// HandleMakeOwner makes a user of a company the viewer may see one of its owners, so that a
// company whose owners left, or who ask for it, gets someone to manage its team. A user or a
// company outside the viewer's portfolio is 404. The change takes the company's team lock,
// as the owners' own changes do.
func HandleMakeOwner(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		viewer := ui.UserFromContext(ctx)
		companyID, err := ui.PathID(c, "id")
		if err != nil {
			return err
		}
		id, err := ui.PathID(c, "uid")
		if err != nil {
			return err
		}
		now, owner := ui.When(c).Now, db.TeamRoleOwner
		var m db.User
		err = db.Transact(ctx, pool, func(q *db.Queries) error {
			if _, err := q.LockTeam(ctx, companyID); err != nil {
				return err
			}
			m, err = q.GetTeamMemberForStaffUpdate(ctx, db.GetTeamMemberForStaffUpdateParams{ID: id, CompanyID: companyID, ViewerID: viewer.ID})
			if err != nil || *m.TeamRole == owner {
				return err
			}
			if _, err := q.SetTeamRole(ctx, db.SetTeamRoleParams{TeamRole: &owner, ID: m.ID, CompanyID: companyID}); err != nil {
				return err
			}
			return audit.Write(ctx, q, now, audit.UserEvent(viewer.ID, audit.ActionTeamRole, m,
				map[string]any{"team_role": m.TeamRole}, map[string]any{"team_role": owner}))
		})
		if errors.Is(err, pgx.ErrNoRows) {
			return echo.ErrNotFound
		}
		if err != nil {
			return err
		}
		msg := m.Name + " is now an owner: they manage the company’s team, API keys and requests."
		if !ui.IsHTMX(c) {
			return ui.FlashRedirect(c, "success", msg, partnerURL(companyID)+"#team")
		}
		t, err := loadStaffTeam(c, pool, companyID)
		if err != nil {
			return err
		}
		t.Alert = &views.Flash{Kind: "success", Text: msg}
		return ui.RenderFragment(c, http.StatusOK, views.StaffTeamView(t))
	}
}

// loadStaffTeam reads a company's team section in one batch.
func loadStaffTeam(c echo.Context, pool *pgxpool.Pool, companyID int64) (views.StaffTeam, error) {
	viewer := ui.UserFromContext(c.Request().Context())
	var members []db.ListTeamForStaffRow
	var invitations []db.ListOpenTeamInvitationsForStaffRow
	var b db.Batch
	db.Queue(&b, &members, (*db.Queries).ListTeamForStaff, db.ListTeamForStaffParams{CompanyID: companyID, ViewerID: viewer.ID})
	db.Queue(&b, &invitations, (*db.Queries).ListOpenTeamInvitationsForStaff, db.ListOpenTeamInvitationsForStaffParams{CompanyID: companyID, ViewerID: viewer.ID})
	if err := b.Send(c.Request().Context(), pool); err != nil {
		return views.StaffTeam{}, err
	}
	return staffTeam(c, companyID, members, invitations), nil
}
