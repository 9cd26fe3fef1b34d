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
	e.GET("/reset/:token", handleResetPage(s.pool, s.clock))
	e.POST("/reset/:token", handleResetPassword(s.pool, s.clock, s.hasher, s.validate))

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
	hub, products, devlab := areaByKey("hub-listings"), areaByKey("products"), areaByKey("devlab")
	homes := map[*Area]echo.HandlerFunc{
		hub:      handleHubListings(s.pool, s.clock, s.cfg, hub),
		products: handleProducts(s.pool),
		devlab:   handleDevLab(s.pool, s.clock, s.cfg),
	}
	for _, a := range Areas {
		h := homes[a]
		if h == nil {
			h = handleAreaHome(a)
		}
		s.moduleRoute(a, http.MethodGet, a.Path, h)
	}
	s.moduleRoute(hub, http.MethodPost, "/hub/listings/profile", handleSaveHubProfile(s.pool, s.clock, s.cfg, hub, s.validate))
	s.moduleRoute(hub, http.MethodGet, "/hub/listings/:id/edit", handleEditListing(s.pool, hub))
	s.moduleRoute(hub, http.MethodPost, "/hub/listings/:id", handleSaveListing(s.pool, s.clock, hub, s.validate))
	s.moduleRoute(hub, http.MethodPost, "/hub/listings/:id/publish", handleSetListed(s.pool, s.clock, hub))
	s.moduleRoute(devlab, http.MethodPost, "/devlab/messages", handleDevLabMessages(s.pool, s.meter, s.clock, s.cfg))
	s.moduleRoute(devlab, http.MethodPost, "/devlab/devices", handleDevLabRegisterDevice(s.pool, s.meter, s.clock, s.cfg))
	s.moduleRoute(devlab, http.MethodPost, "/devlab/devices/remove", handleDevLabRemoveDevice(s.pool, s.meter, s.clock, s.cfg))

	// My Products: the list and the create form follow the area; a product follows its own plan.
	s.moduleRoute(products, http.MethodGet, "/products/new", handleNewProduct())
	s.moduleRoute(products, http.MethodPost, "/products", handleCreateProduct(s.pool, s.clock, s.validate))
	product := productGovernor(s.pool)
	s.planRoute(products, http.MethodGet, "/products/:id", handleProduct(s.cfg), product)
	s.planRoute(products, http.MethodGet, "/products/:id/edit", handleEditProduct(), product)
	s.planRoute(products, http.MethodPost, "/products/:id", handleUpdateProduct(s.pool, s.clock, s.validate), product)
	s.planRoute(products, http.MethodPost, "/products/:id/status", handleSetProductStatus(s.pool, s.clock), product)
	s.planRoute(products, http.MethodPost, "/products/:id/archive", handleArchiveProduct(s.pool, s.clock), product)

	// Solutions Hub: the public catalogue; carts for visitors and consumers; checkout, orders
	// and purchases for consumers.
	e.GET("/hub", handleHub(s.pool, s.clock, s.cfg))
	e.GET("/hub/:company/:slug", handleListing(s.pool, s.clock, s.cfg))
	e.GET("/cart", handleCart(s.pool, s.clock, s.cfg), shoppersOnly, noStore)
	e.POST("/cart/items", handleAddToCart(s.pool, s.clock, s.cfg), shoppersOnly)
	e.POST("/cart/items/:id", handleSetCartQuantity(s.pool, s.clock, s.cfg), shoppersOnly)
	e.POST("/cart/items/:id/remove", handleRemoveFromCart(s.pool, s.clock, s.cfg), shoppersOnly)
	consumer := requireRole(db.UserRoleConsumer)
	e.GET("/checkout", handleCheckout(s.pool, s.clock, s.cfg), consumer, noStore)
	e.POST("/checkout", handlePlaceOrder(s.pool, s.clock, s.cfg), consumer)
	e.GET("/orders", handleOrders(s.pool, s.cfg), consumer, noStore)
	e.GET("/orders/:id", handleOrder(s.pool, s.cfg), consumer, noStore)
	e.GET("/purchases", handlePurchases(s.pool, s.clock, s.cfg), consumer, noStore)

	// Staff: account managers and admins. Every query behind these routes filters by
	// staff_can_see, so an account manager reaches only the companies assigned to them.
	staff := e.Group("/admin", requireRole(db.UserRoleAccountManager, db.UserRoleAdmin), noStore)
	staff.GET("", handleStaffHome(s.pool, s.clock, s.cfg))
	staff.GET("/partners/:id", handlePartnerPage(s.pool, s.clock, s.cfg))
	staff.POST("/partners/:id/services", handleGrantService(s.pool, s.clock, s.cfg, s.validate))
	staff.POST("/partners/:id/services/:sid/renew", handleServiceAction(s.pool, s.clock, s.cfg, s.validate, renewAction))
	staff.POST("/partners/:id/services/:sid/limits", handleServiceAction(s.pool, s.clock, s.cfg, s.validate, limitsAction))
	staff.POST("/partners/:id/services/:sid/status", handleServiceAction(s.pool, s.clock, s.cfg, s.validate, statusAction))
	staff.GET("/renewals", handleRenewalRequestsStaff(s.pool, s.clock, s.cfg))
	staff.POST("/renewals/:rid/approve", handleAnswerRenewal(s.pool, s.clock, s.cfg, s.validate, approveAnswer))
	staff.POST("/renewals/:rid/decline", handleAnswerRenewal(s.pool, s.clock, s.cfg, s.validate, declineAnswer))
	staff.GET("/audit", handleAuditLog(s.pool, s.cfg))
	staff.GET("/audit.csv", handleAuditCSV(s.pool, s.clock, s.cfg))

	// Administration: admins only (account managers get 404, as for any page not theirs).
	admin := requireRole(db.UserRoleAdmin)
	staff.GET("/companies", handleCompanies(s.pool), admin)
	staff.POST("/companies", handleSaveCompany(s.pool, s.clock, s.validate), admin)
	staff.GET("/companies/:id/edit", handleEditCompany(s.pool), admin)
	staff.POST("/companies/:id", handleSaveCompany(s.pool, s.clock, s.validate), admin)
	staff.GET("/users", handleUsers(s.pool), admin)
	staff.POST("/users", handleCreateUser(s.pool, s.clock, s.cfg, s.hasher, s.validate), admin)
	staff.POST("/users/:uid/status", handleUserStatus(s.pool, s.clock), admin)
	staff.POST("/users/:uid/reset-link", handleIssueResetLink(s.pool, s.clock, s.cfg), admin)
}
