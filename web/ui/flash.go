package ui

import (
	"context"
	"partnerportal/views"

	"github.com/alexedwards/scs/v2"
	"github.com/labstack/echo/v4"
)

type sessionsKey struct{}

// Sessions returns the session manager of a request that has a session.
func Sessions(c echo.Context) *scs.SessionManager {
	sm, _ := c.Request().Context().Value(sessionsKey{}).(*scs.SessionManager)
	return sm
}

// AddFlash leaves a message for the next page the user sees.
func AddFlash(sm *scs.SessionManager, ctx context.Context, kind, text string) {
	flashes, _ := sm.Get(ctx, sessionFlash).([]views.Flash)
	sm.Put(ctx, sessionFlash, append(flashes, views.Flash{Kind: kind, Text: text}))
}

// FlashRedirect leaves a message for the page at to, and sends the browser there.
func FlashRedirect(c echo.Context, kind, text, to string) error {
	if sm := Sessions(c); sm != nil {
		AddFlash(sm, c.Request().Context(), kind, text)
	}
	return Redirect(c, to)
}

// popFlashes takes the waiting messages; only a session that has some is changed.
func popFlashes(sm *scs.SessionManager, ctx context.Context) []views.Flash {
	if !sm.Exists(ctx, sessionFlash) {
		return nil
	}
	flashes, _ := sm.Pop(ctx, sessionFlash).([]views.Flash)
	return flashes
}
