package partner

import (
	"encoding/hex"
	"errors"
	"net/http"
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/audit"
	"partnerportal/web/auth"
	"partnerportal/web/jobs"
	"partnerportal/web/ui"
)

// InvitationLifetime is how long an invitation's link works.
const InvitationLifetime = 72 * time.Hour

type inviteForm struct {
	Email string `form:"email" validate:"required,email,max=254"`
}

// HandleInviteColleague invites a colleague by address: a one-time link, kept as its hash,
// mailed through the outbox in the transaction that records it. Without a mail server the link
// is shown to the owner, once, to pass on. An address with an account is refused (an account
// belongs to one company, or to a customer); a new invitation replaces an earlier one to the
// same address.
func HandleInviteColleague(pool *pgxpool.Pool, jq *jobs.Queue, throttle *auth.Throttle, v *validator.Validate) echo.HandlerFunc {
	return func(c echo.Context) error {
		if err := OwnersOnly(c, pool, "invite colleagues"); err != nil {
			return err
		}
		ctx := c.Request().Context()
		u := ui.UserFromContext(ctx)
		var f inviteForm
		if errs := ui.BindForm(c, v, &f); errs != nil {
			return inviteAnswer(c, pool, http.StatusUnprocessableEntity, views.InviteForm{Email: f.Email, Errors: errs}, nil)
		}
		if err := throttleTeam(c, throttle); err != nil {
			return err
		}
		now := ui.When(c).Now
		token := auth.NewToken()
		expires := now.Add(InvitationLifetime)
		errTaken := errors.New("address has an account")
		err := db.Transact(ctx, pool, func(q *db.Queries) error {
			if _, err := q.GetUserByEmail(ctx, f.Email); err == nil {
				return errTaken
			} else if !errors.Is(err, pgx.ErrNoRows) {
				return err
			}
			if _, err := q.ReplaceTeamInvitations(ctx, db.ReplaceTeamInvitationsParams{Now: &now, RevokedBy: &u.ID, CompanyID: *u.CompanyID, Email: f.Email}); err != nil {
				return err
			}
			inv, err := q.CreateTeamInvitation(ctx, db.CreateTeamInvitationParams{CompanyID: *u.CompanyID, Email: f.Email,
				TokenHash: auth.TokenHash(token), InvitedBy: u.ID, Now: now, ExpiresAt: expires})
			if err != nil {
				return err
			}
			if err := audit.Write(ctx, q, now, audit.Event{Actor: u.ID, CompanyID: u.CompanyID, Action: audit.ActionTeamInvite,
				Subject: f.Email, After: map[string]any{"invitation": inv.ID, "email": f.Email, "expires_at": expires.Format(time.RFC3339)}}); err != nil {
				return err
			}
			return jq.Mail(ctx, q, invitationMail(u, f.Email, token, expires, ui.When(c).Loc))
		})
		if errors.Is(err, errTaken) {
			form := views.InviteForm{Email: f.Email, Errors: views.FieldErrors{"email": f.Email +
				" already has a Partner Portal account, and an account belongs to one company: it cannot be invited. Invite another address, or ask your account manager."}}
			return inviteAnswer(c, pool, http.StatusUnprocessableEntity, form, nil)
		}
		if err != nil {
			return err
		}
		c.Response().Header().Set("Cache-Control", "no-store")
		link := &views.InviteLink{Email: f.Email, Mailed: jq.Mailing(), Expires: expires.In(ui.When(c).Loc).Format("2 Jan 2006 15:04 MST")}
		if !link.Mailed {
			link.URL = c.Scheme() + "://" + c.Request().Host + "/invite/" + token
		}
		return inviteAnswer(c, pool, http.StatusOK, views.InviteForm{}, link)
	}
}

// invitationMail is the e-mail that carries an invitation's link.
func invitationMail(u *ui.CurrentUser, email, token string, expires time.Time, loc *time.Location) jobs.Mail {
	return jobs.Mail{
		Key: "team-invite:" + hex.EncodeToString(auth.TokenHash(token)), Kind: "team_invitation", To: email,
		Subject: u.Name + " invited you to " + u.CompanyName + " on the Partner Portal",
		View: views.MailView{
			Heading: "Join " + u.CompanyName + " on the Partner Portal",
			Lines: []string{
				u.Name + " (" + u.Email + ") invited " + email + " to join " + u.CompanyName + "’s team on the IoT Partner Program’s portal, as a member.",
				"The link works once, until " + expires.In(loc).Format("2 Jan 2006 15:04 MST") + ". If you did not expect it, ignore this message: no account is made.",
			},
			ActionLabel: "Join the team", ActionURL: "/invite/" + token,
		},
	}
}

// inviteAnswer is the team page with the invitation form as f left it and, after an
// invitation, its link.
func inviteAnswer(c echo.Context, pool *pgxpool.Pool, status int, f views.InviteForm, link *views.InviteLink) error {
	p, err := teamPage(c, pool)
	if err != nil {
		return err
	}
	p.Form, p.NewLink = f, link
	return ui.Render(c, status, "Team", views.TeamView(p))
}

// HandleRevokeInvitation revokes one of the company's open invitations: its link stops
// working. Another company's invitation, or one that has ended, is 404.
func HandleRevokeInvitation(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		u, id, err := ownersTarget(c, pool, "revoke invitations", "id")
		if err != nil {
			return err
		}
		ctx := c.Request().Context()
		now := ui.When(c).Now
		var email string
		err = db.Transact(ctx, pool, func(q *db.Queries) error {
			inv, err := q.RevokeTeamInvitation(ctx, db.RevokeTeamInvitationParams{Now: &now, RevokedBy: &u.ID, ID: id, CompanyID: *u.CompanyID})
			if errors.Is(err, pgx.ErrNoRows) {
				return echo.ErrNotFound
			}
			if err != nil {
				return err
			}
			email = inv.Email
			return audit.Write(ctx, q, now, audit.Event{Actor: u.ID, CompanyID: u.CompanyID, Action: audit.ActionTeamInviteRevoke,
				Subject: inv.Email, Before: map[string]any{"invitation": inv.ID, "status": "open"}, After: map[string]any{"status": "revoked"}})
		})
		if err != nil {
			return err
		}
		return ui.FlashRedirect(c, "success", "The invitation to "+email+" is revoked: its link no longer works.", "/team")
	}
}
