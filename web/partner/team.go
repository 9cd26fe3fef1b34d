package partner

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"strconv"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/auth"
	"partnerportal/web/ui"
)

// A partner company's team: owners see who is on it and who is invited, invite colleagues,
// change roles and remove people. Members are refused with the names of the owners to ask.

// HandleTeam is the team page; members get 403 with the owners to ask.
func HandleTeam(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		if err := OwnersOnly(c, pool, "manage the team"); err != nil {
			return err
		}
		p, err := teamPage(c, pool)
		if err != nil {
			return err
		}
		return ui.OK(c, "Team", views.TeamView(p))
	}
}

// teamPage reads the team and its open invitations in one batch.
func teamPage(c echo.Context, pool *pgxpool.Pool) (views.TeamPage, error) {
	ctx := c.Request().Context()
	u := ui.UserFromContext(ctx)
	var members []db.ListTeamRow
	var invitations []db.ListOpenTeamInvitationsRow
	var b db.Batch
	db.Queue(&b, &members, (*db.Queries).ListTeam, *u.CompanyID)
	db.Queue(&b, &invitations, (*db.Queries).ListOpenTeamInvitations, *u.CompanyID)
	if err := b.Send(ctx, pool); err != nil {
		return views.TeamPage{}, err
	}
	w := ui.When(c)
	owners := 0
	for _, m := range members {
		if m.TeamRole == db.TeamRoleOwner {
			owners++
		}
	}
	p := views.TeamPage{CompanyName: u.CompanyName, CSRF: ui.CSRFToken(c)}
	for _, m := range members {
		row := views.TeamMember{ID: m.ID, Name: m.Name, Email: m.Email, Badge: ui.TeamRoleBadge(m.TeamRole),
			Owner: m.TeamRole == db.TeamRoleOwner, You: m.ID == u.ID, Since: ui.LongDate(m.CreatedAt.In(w.Loc))}
		if row.You && row.Owner && owners == 1 {
			row.LastOwner = "You are " + u.CompanyName + "’s only owner: make a colleague owner before you step down or leave."
		}
		p.Members = append(p.Members, row)
	}
	p.Invitations = ui.TeamInvitationRows(invitations, w.Now, w.Loc)
	return p, nil
}

// teamAnswer shows the team page after a change, with status and an alert above it.
func teamAnswer(c echo.Context, pool *pgxpool.Pool, status int, alert *views.Flash) error {
	p, err := teamPage(c, pool)
	if err != nil {
		return err
	}
	p.Alert = alert
	return ui.Render(c, status, "Team", views.TeamView(p))
}

// throttleTeam spends one of the owner's and the company's team changes (invitations, role
// changes) from the sign-in throttle's buckets, under keys no sign-in uses. When none is left
// it is the 429 that says how long to wait.
func throttleTeam(c echo.Context, throttle *auth.Throttle) error {
	u := ui.UserFromContext(c.Request().Context())
	_, wait := throttle.Allow("team-owner:"+strconv.FormatInt(u.ID, 10), "team-company:"+strconv.FormatInt(*u.CompanyID, 10), "", ui.When(c).Now)
	if wait <= 0 {
		return nil
	}
	seconds := int(math.Ceil(wait.Seconds()))
	c.Response().Header().Set("Retry-After", strconv.Itoa(seconds))
	return &ui.Error{Code: http.StatusTooManyRequests,
		Message: fmt.Sprintf("Too many team changes in a short time. Wait %d second%s and try again.", seconds, ui.Plural(int64(seconds)))}
}

// lockTeam takes the company's lock that every change of owners holds (LockTeam).
func lockTeam(ctx context.Context, q *db.Queries, companyID int64) error {
	_, err := q.LockTeam(ctx, companyID)
	return err
}
