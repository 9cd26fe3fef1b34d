package staff

import (
	"context"
	"errors"
	"net/http"
	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/audit"
	"partnerportal/web/auth"
	"partnerportal/web/ui"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"
)

// issueResetLink makes a one-time password link for u, replacing any earlier one, and records
// it. Only the token's hash is stored: the link returned is shown once.
func issueResetLink(ctx context.Context, q *db.Queries, c echo.Context, actor int64, u db.User) (*views.ResetLink, error) {
	now := ui.When(c).Now
	token := auth.NewToken()
	if err := q.BurnPasswordResetTokens(ctx, db.BurnPasswordResetTokensParams{UserID: u.ID, At: &now}); err != nil {
		return nil, err
	}
	expires := now.Add(resetLinkLifetime)
	if err := q.CreatePasswordResetToken(ctx, db.CreatePasswordResetTokenParams{TokenHash: auth.TokenHash(token), UserID: u.ID,
		CreatedBy: actor, CreatedAt: now, ExpiresAt: expires}); err != nil {
		return nil, err
	}
	if err := audit.Write(ctx, q, now, audit.UserEvent(actor, audit.ActionUserResetLink, u, nil, map[string]string{"expires_at": expires.Format(time.RFC3339)})); err != nil {
		return nil, err
	}
	return &views.ResetLink{For: u.Name + " <" + u.Email + ">", URL: c.Scheme() + "://" + c.Request().Host + "/reset/" + token,
		Expires: expires.In(ui.When(c).Loc).Format("2 Jan 2006 15:04 MST")}, nil
}

// HandleIssueResetLink shows an admin a new one-time password link for an account.
func HandleIssueResetLink(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		actor := ui.UserFromContext(ctx)
		id, err := ui.PathID(c, "uid")
		if err != nil {
			return err
		}
		var link *views.ResetLink
		err = db.Transact(ctx, pool, func(tq *db.Queries) error {
			u, err := tq.GetUserForUpdate(ctx, id)
			if errors.Is(err, pgx.ErrNoRows) {
				return echo.ErrNotFound
			}
			if err != nil {
				return err
			}
			if u.DisabledAt != nil {
				return &ui.Error{Code: http.StatusUnprocessableEntity, Message: u.Name + " is disabled: enable the account before sending a password link."}
			}
			link, err = issueResetLink(ctx, tq, c, actor.ID, u)
			return err
		})
		if err != nil {
			return err
		}
		p, err := usersPage(c, pool, userInput{Role: string(db.UserRolePartner)})
		if err != nil {
			return err
		}
		p.Link = link
		return ui.OK(c, "Users", views.UsersView(p))
	}
}

// resetLinkLifetime is how long a one-time password link works.
const resetLinkLifetime = 72 * time.Hour
