package web

import (
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
	e.GET("/services", handlePartnerHome(), partner)

	// Staff: account managers and admins.
	staff := e.Group("/admin", requireRole(db.UserRoleAccountManager, db.UserRoleAdmin), noStore)
	staff.GET("", handleStaffHome())
}
