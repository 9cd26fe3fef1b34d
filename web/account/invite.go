package account

import (
	"errors"
	"net/http"

	"github.com/alexedwards/scs/v2"
	"github.com/go-playground/validator/v10"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/audit"
	"partnerportal/web/auth"
	"partnerportal/web/ui"
)

// errInviteLink is the answer to a link that names no invitation at all.
var errInviteLink = &ui.Error{Code: http.StatusNotFound, Message: "This invitation link does not work: check that you opened the whole link from the e-mail, or ask the colleague who invited you for a new one."}

// acceptInviteTitle is the accept page's title.
const acceptInviteTitle = "Join your team"

// HandleAcceptInvitePage asks an invited colleague for their name and password, or says why
// the link no longer works.
func HandleAcceptInvitePage(pool *pgxpool.Pool) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		inv, err := q.GetTeamInvitationByToken(c.Request().Context(), auth.TokenHash(c.Param("token")))
		if errors.Is(err, pgx.ErrNoRows) {
			return errInviteLink
		}
		if err != nil {
			return err
		}
		if err := invitationEnded(c, inv.AcceptedAt != nil, inv.RevokedAt != nil, inv.ExpiresAt, inv.InvitedByName); err != nil {
			return err
		}
		c.Response().Header().Set("Cache-Control", "no-store")
		return ui.OK(c, acceptInviteTitle, views.AcceptInviteView(acceptPage(c, inv)))
	}
}

// acceptPage is the accept page of an invitation.
func acceptPage(c echo.Context, inv db.GetTeamInvitationByTokenRow) views.AcceptInvitePage {
	return views.AcceptInvitePage{Action: c.Request().URL.Path, CompanyName: inv.CompanyName, InvitedBy: inv.InvitedByName,
		Email: inv.Email, CSRF: ui.CSRFToken(c)}
}

// HandleAcceptInvite creates the member account the invitation was sent for, uses the
// invitation up and records it, in one transaction that holds the invitation's row (so two
// submissions cannot both make an account), then signs the new member in.
func HandleAcceptInvite(pool *pgxpool.Pool, sm *scs.SessionManager, hasher *auth.Hasher, v *validator.Validate, devices *auth.Devices) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		hash, now := auth.TokenHash(c.Param("token")), ui.When(c).Now
		var f finishSignupForm
		if errs := ui.BindForm(c, v, &f); errs != nil {
			inv, err := q.GetTeamInvitationByToken(ctx, hash)
			if errors.Is(err, pgx.ErrNoRows) {
				return errInviteLink
			}
			if err != nil {
				return err
			}
			if err := invitationEnded(c, inv.AcceptedAt != nil, inv.RevokedAt != nil, inv.ExpiresAt, inv.InvitedByName); err != nil {
				return err
			}
			page := acceptPage(c, inv)
			page.Name, page.Errors = f.Name, errs
			return ui.Render(c, http.StatusUnprocessableEntity, acceptInviteTitle, views.AcceptInviteView(page))
		}
		passwordHash := hasher.Hash(f.Password)
		var user db.User
		err := db.Transact(ctx, pool, func(tq *db.Queries) error {
			row, err := tq.GetTeamInvitationByTokenForUpdate(ctx, hash)
			inv := row.TeamInvitation
			if errors.Is(err, pgx.ErrNoRows) {
				return errInviteLink
			}
			if err != nil {
				return err
			}
			if err := invitationEnded(c, inv.AcceptedAt != nil, inv.RevokedAt != nil, inv.ExpiresAt, row.InvitedByName); err != nil {
				return err
			}
			user, err = tq.CreateTeamMember(ctx, db.CreateTeamMemberParams{Email: inv.Email, Name: f.Name, PasswordHash: passwordHash, CompanyID: &inv.CompanyID, Now: now})
			var pgErr *pgconn.PgError
			if errors.As(err, &pgErr) && pgErr.ConstraintName == "users_email_key" {
				return &ui.Error{Code: http.StatusConflict, Message: inv.Email + " has a Partner Portal account already, made since the invitation was sent: sign in with it, or use “Forgot your password?” on the sign-in page."}
			}
			if err != nil {
				return err
			}
			if err := tq.AcceptTeamInvitation(ctx, db.AcceptTeamInvitationParams{Now: &now, UserID: &user.ID, ID: inv.ID}); err != nil {
				return err
			}
			return audit.Write(ctx, tq, now, audit.UserEvent(user.ID, audit.ActionTeamJoin, user, nil,
				map[string]any{"invitation": inv.ID, "team_role": db.TeamRoleMember}))
		})
		if err != nil {
			return err
		}
		if err := signInOnDevice(c, sm, q, devices, user); err != nil {
			return err
		}
		ui.AddFlash(sm, ctx, "success", "Welcome, "+user.Name+". You have joined your company’s team as a member.")
		return ui.Redirect(c, ui.HomeFor(user.Role))
	}
}
