package ui

import (
	"context"

	"github.com/alexedwards/scs/v2"
)

// The keys of what the portal keeps in a session.
const (
	SessionUserID = "user_id"
	// SessionEpoch is the user's session_epoch at sign-in (see loadUser).
	SessionEpoch = "epoch"
	sessionFlash = "flash"
)

// WithSessions is ctx carrying the session manager, for the handlers that read and write the
// session (sign-in, flash messages, a visitor's cart).
func WithSessions(ctx context.Context, sm *scs.SessionManager) context.Context {
	return context.WithValue(ctx, sessionsKey{}, sm)
}
