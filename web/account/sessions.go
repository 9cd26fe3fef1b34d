package account

import (
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/audit"
	"partnerportal/web/ui"
)

// sessionRow is a session as the account page lists it.
func sessionRow(r db.ListUserSessionsRow, m ui.Moment) views.SessionRow {
	row := views.SessionRow{ID: ui.Itoa(r.ID), Browser: browserSummary(r.UserAgent), Address: r.Ip,
		SignedIn: stamp(m, r.CreatedAt), LastSeen: stamp(m, r.LastSeenAt), Current: r.Current}
	if row.Address == "" {
		row.Address = "Unknown"
	}
	// last_seen_at is written every few minutes, not on every page
	if r.Current || m.Now.Sub(r.LastSeenAt) < 5*time.Minute {
		row.LastSeen = "Now"
	}
	return row
}

// HandleSignOutSession ends one of the user's other sessions: its cookie stops working at
// once. A session that is not the user's (or is gone) answers 404; this browser's own is
// signed out with the button in the header.
func (s *Self) HandleSignOutSession() echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := ui.PathID(c, "id")
		if err != nil {
			return err
		}
		ctx := c.Request().Context()
		u, now := ui.UserFromContext(ctx), ui.When(c).Now
		var gone db.DeleteUserSessionRow
		err = db.Transact(ctx, s.Pool, func(q *db.Queries) error {
			gone, err = q.DeleteUserSession(ctx, db.DeleteUserSessionParams{ID: id, UserID: u.ID, Token: s.Sessions.Token(ctx)})
			if errors.Is(err, pgx.ErrNoRows) {
				return echo.ErrNotFound
			}
			if err != nil {
				return err
			}
			what := map[string]string{"browser": browserSummary(gone.UserAgent), "address": gone.Ip}
			return audit.Write(ctx, q, now, audit.UserEvent(u.ID, audit.ActionUserSessionEnd, userOf(u), what, nil))
		})
		if err != nil {
			return err
		}
		return ui.FlashRedirect(c, "success", "Signed out "+browserSummary(gone.UserAgent)+" at "+orUnknown(gone.Ip)+".", "/account#sessions")
	}
}

// HandleSignOutOthers ends every session of the user but this browser's.
func (s *Self) HandleSignOutOthers() echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		u, now := ui.UserFromContext(ctx), ui.When(c).Now
		var n int64
		err := db.Transact(ctx, s.Pool, func(q *db.Queries) error {
			var err error
			if n, err = q.DeleteOtherUserSessions(ctx, db.DeleteOtherUserSessionsParams{UserID: u.ID, Token: s.Sessions.Token(ctx)}); err != nil {
				return err
			}
			return audit.Write(ctx, q, now, audit.UserEvent(u.ID, audit.ActionUserSessionsEnd, userOf(u), nil, map[string]int64{"signed_out": n}))
		})
		if err != nil {
			return err
		}
		msg := "No other browser was signed in."
		if n > 0 {
			msg = fmt.Sprintf("Signed out %d other browser%s. Only this one is signed in now.", n, ui.Plural(n))
		}
		return ui.FlashRedirect(c, "success", msg, "/account#sessions")
	}
}

// userOf is the signed-in user as the audit trail names an account.
func userOf(u *ui.CurrentUser) db.User {
	return db.User{ID: u.ID, Name: u.Name, Email: u.Email, CompanyID: u.CompanyID, Role: u.Role}
}

func orUnknown(s string) string {
	if s == "" {
		return "an unknown address"
	}
	return s
}
