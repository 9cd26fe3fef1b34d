package web

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/static"
)

// routes is every URL of the portal, grouped by who may use it.
func (s *Server) routes() {
	e := s.echo
	q := db.New(s.pool)

	// Anyone, no session: probes and assets.
	e.GET("/healthz", handleHealthz())
	e.GET("/readyz", handleReadyz(s.pool))
	e.GET(static.Prefix+"*", echo.WrapHandler(static.Handler()))

	// The JSON API: an API key instead of a session (see sessionless), JSON errors.
	e.GET("/api/openapi.json", handleOpenAPI())
	keys := newKeyCache(s.clock, time.Minute)
	reporting := requireAPIKey(q, s.clock, s.limits, keys)
	e.POST("/api/v1/usage", handleUsage(s.meter, s.clock, keys), reporting)
	e.POST("/api/v1/usage/batch", handleUsageBatch(s.meter, s.clock, keys), reporting)
	e.GET("/api/v1/entitlements", handleEntitlements(s.pool, s.clock, s.cfg), requireAPIKey(q, s.clock, s.limits, nil))

	// Anyone, with a session.
	e.GET("/", handleRoot())
	e.GET("/login", handleLoginPage())
	e.POST("/login", handleLogin(q, s.sessions, s.hasher, s.throttle, s.clock))
	e.POST("/logout", handleLogout(s.sessions))
	e.GET("/signup", handleSignupPage())
	e.POST("/signup", handleSignup(q, s.sessions, s.hasher, s.validate))
	e.GET("/hub", handleHubHome())

	// Partner users. (Middleware per route: a group without a path prefix would catch every
	// unknown URL too.)
	partner := requireRole(db.UserRolePartner)
	e.GET("/services", handleMyServices(s.pool, s.clock, s.cfg), partner)
	e.GET("/services/requests", handleRenewalRequests(s.pool), partner)
	e.POST("/services/:id/renewal-requests", handleRequestRenewal(s.pool, s.clock, s.validate), partner)
	e.GET("/api-keys", handleAPIKeys(s.pool), partner, noStore)
	e.POST("/api-keys", handleCreateAPIKey(s.pool, s.clock, s.validate), partner, noStore)
	e.POST("/api-keys/:id/revoke", handleRevokeAPIKey(s.pool, s.clock), partner)

	// Module areas: every route declares its area, and the gate enforces the module's state.
	hub, devlab := areaByKey("hub-listings"), areaByKey("devlab")
	homes := map[*Area]echo.HandlerFunc{
		hub:    handleHubListings(s.pool, hub),
		devlab: handleDevLab(s.pool, s.clock, s.cfg),
	}
	for _, a := range Areas {
		h := homes[a]
		if h == nil {
			h = handleAreaHome(a)
		}
		s.moduleRoute(a, http.MethodGet, a.Path, h)
	}
	s.moduleRoute(hub, http.MethodPost, "/hub/listings/profile", handleSaveHubProfile(s.pool, hub, s.validate))
	s.moduleRoute(devlab, http.MethodPost, "/devlab/messages", handleDevLabMessages(s.pool, s.meter, s.clock, s.cfg))
	s.moduleRoute(devlab, http.MethodPost, "/devlab/devices", handleDevLabRegisterDevice(s.pool, s.meter, s.clock, s.cfg))
	s.moduleRoute(devlab, http.MethodPost, "/devlab/devices/remove", handleDevLabRemoveDevice(s.pool, s.meter, s.clock, s.cfg))

	// Staff: account managers and admins.
	staff := e.Group("/admin", requireRole(db.UserRoleAccountManager, db.UserRoleAdmin), noStore)
	staff.GET("", handleStaffHome())
}
