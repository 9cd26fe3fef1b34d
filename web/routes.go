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

	// The JSON API: an API key instead of a session (see Sessionless), JSON errors.
	e.GET("/api/openapi.json", HandleOpenAPI())
	keys := NewKeyCache(s.clock, time.Minute)
	reporting := RequireAPIKey(q, s.clock, s.limits, keys)
	e.POST("/api/v1/usage", HandleUsage(s.meter, s.clock, keys), reporting)
	e.POST("/api/v1/usage/batch", HandleUsageBatch(s.meter, s.clock, keys), reporting)
	e.GET("/api/v1/entitlements", HandleEntitlements(s.pool, s.clock, s.cfg), RequireAPIKey(q, s.clock, s.limits, nil))

	// Anyone, with a session.
	e.GET("/", handleRoot())
	e.GET("/login", HandleLoginPage())
	e.POST("/login", HandleLogin(q, s.sessions, s.hasher, s.throttle, s.clock))
	e.POST("/logout", HandleLogout(s.sessions))
	e.GET("/signup", HandleSignupPage())
	e.POST("/signup", HandleSignup(q, s.sessions, s.hasher, s.validate))
	e.GET("/reset/:token", HandleResetPage(s.pool, s.clock))
	e.POST("/reset/:token", HandleResetPassword(s.pool, s.clock, s.hasher, s.validate))

	// Partner users. (Middleware per route: a group without a path prefix would catch every
	// unknown URL too.)
	partner := requireRole(db.UserRolePartner)
	e.GET("/services", HandleMyServices(s.pool, s.clock, s.cfg), partner)
	e.GET("/services/requests", HandleRenewalRequests(s.pool), partner)
	e.POST("/services/:id/renewal-requests", HandleRequestRenewal(s.pool, s.clock, s.validate), partner)
	e.GET("/api-keys", HandleAPIKeys(s.pool), partner, noStore)
	e.POST("/api-keys", HandleCreateAPIKey(s.pool, s.clock, s.validate), partner, noStore)
	e.POST("/api-keys/:id/revoke", HandleRevokeAPIKey(s.pool, s.clock), partner)

	// Module areas: every route declares its area, and the gate enforces the module's state.
	hub, products, devlab := AreaByKey("hub-listings"), AreaByKey("products"), AreaByKey("devlab")
	homes := map[*Area]echo.HandlerFunc{
		hub:      HandleHubListings(s.pool, s.clock, s.cfg, hub),
		products: HandleProducts(s.pool),
		devlab:   HandleDevLab(s.pool, s.clock, s.cfg),
	}
	for _, a := range Areas {
		h := homes[a]
		if h == nil {
			h = HandleAreaHome(a)
		}
		s.moduleRoute(a, http.MethodGet, a.Path, h)
	}
	s.moduleRoute(hub, http.MethodPost, "/hub/listings/profile", HandleSaveHubProfile(s.pool, s.clock, s.cfg, hub, s.validate))
	s.moduleRoute(hub, http.MethodGet, "/hub/listings/:id/edit", HandleEditListing(s.pool, hub))
	s.moduleRoute(hub, http.MethodPost, "/hub/listings/:id", HandleSaveListing(s.pool, s.clock, hub, s.validate))
	s.moduleRoute(hub, http.MethodPost, "/hub/listings/:id/publish", HandleSetListed(s.pool, s.clock, hub))
	s.moduleRoute(devlab, http.MethodPost, "/devlab/messages", HandleDevLabMessages(s.pool, s.meter, s.clock, s.cfg))
	s.moduleRoute(devlab, http.MethodPost, "/devlab/devices", HandleDevLabRegisterDevice(s.pool, s.meter, s.clock, s.cfg))
	s.moduleRoute(devlab, http.MethodPost, "/devlab/devices/remove", HandleDevLabRemoveDevice(s.pool, s.meter, s.clock, s.cfg))

	// My Products: the list and the create form follow the area; a product follows its own plan.
	s.moduleRoute(products, http.MethodGet, "/products/new", HandleNewProduct())
	s.moduleRoute(products, http.MethodPost, "/products", HandleCreateProduct(s.pool, s.clock, s.validate))
	product := ProductGovernor(s.pool)
	s.planRoute(products, http.MethodGet, "/products/:id", HandleProduct(s.cfg), product)
	s.planRoute(products, http.MethodGet, "/products/:id/edit", HandleEditProduct(), product)
	s.planRoute(products, http.MethodPost, "/products/:id", HandleUpdateProduct(s.pool, s.clock, s.validate), product)
	s.planRoute(products, http.MethodPost, "/products/:id/status", HandleSetProductStatus(s.pool, s.clock), product)
	s.planRoute(products, http.MethodPost, "/products/:id/archive", HandleArchiveProduct(s.pool, s.clock), product)

	// Solutions Hub: the public catalogue; carts for visitors and consumers; checkout, orders
	// and purchases for consumers.
	e.GET("/hub", HandleHub(s.pool, s.clock, s.cfg))
	e.GET("/hub/:company/:slug", HandleListing(s.pool, s.clock, s.cfg))
	e.GET("/cart", HandleCart(s.pool, s.clock, s.cfg), shoppersOnly, noStore)
	e.POST("/cart/items", HandleAddToCart(s.pool, s.clock, s.cfg), shoppersOnly)
	e.POST("/cart/items/:id", HandleSetCartQuantity(s.pool, s.clock, s.cfg), shoppersOnly)
	e.POST("/cart/items/:id/remove", HandleRemoveFromCart(s.pool, s.clock, s.cfg), shoppersOnly)
	consumer := requireRole(db.UserRoleConsumer)
	e.GET("/checkout", HandleCheckout(s.pool, s.clock, s.cfg), consumer, noStore)
	e.POST("/checkout", HandlePlaceOrder(s.pool, s.clock, s.cfg), consumer)
	e.GET("/orders", HandleOrders(s.pool, s.cfg), consumer, noStore)
	e.GET("/orders/:id", HandleOrder(s.pool, s.cfg), consumer, noStore)
	e.GET("/purchases", HandlePurchases(s.pool, s.clock, s.cfg), consumer, noStore)

	// Staff: account managers and admins. Every query behind these routes filters by
	// staff_can_see, so an account manager reaches only the companies assigned to them.
	staff := e.Group("/admin", requireRole(db.UserRoleAccountManager, db.UserRoleAdmin), noStore)
	staff.GET("", HandleStaffHome(s.pool, s.clock, s.cfg))
	staff.GET("/partners/:id", HandlePartnerPage(s.pool, s.clock, s.cfg))
	staff.POST("/partners/:id/services", HandleGrantService(s.pool, s.clock, s.cfg, s.validate))
	staff.POST("/partners/:id/services/:sid/renew", HandleServiceAction(s.pool, s.clock, s.cfg, s.validate, RenewAction))
	staff.POST("/partners/:id/services/:sid/limits", HandleServiceAction(s.pool, s.clock, s.cfg, s.validate, LimitsAction))
	staff.POST("/partners/:id/services/:sid/status", HandleServiceAction(s.pool, s.clock, s.cfg, s.validate, StatusAction))
	staff.GET("/renewals", HandleRenewalRequestsStaff(s.pool, s.clock, s.cfg))
	staff.POST("/renewals/:rid/approve", HandleAnswerRenewal(s.pool, s.clock, s.cfg, s.validate, ApproveAnswer))
	staff.POST("/renewals/:rid/decline", HandleAnswerRenewal(s.pool, s.clock, s.cfg, s.validate, DeclineAnswer))
	staff.GET("/audit", HandleAuditLog(s.pool, s.cfg))
	staff.GET("/audit.csv", HandleAuditCSV(s.pool, s.clock, s.cfg))

	// Administration: admins only (account managers get 404, as for any page not theirs).
	admin := requireRole(db.UserRoleAdmin)
	staff.GET("/companies", HandleCompanies(s.pool), admin)
	staff.POST("/companies", HandleSaveCompany(s.pool, s.clock, s.validate), admin)
	staff.GET("/companies/:id/edit", HandleEditCompany(s.pool), admin)
	staff.POST("/companies/:id", HandleSaveCompany(s.pool, s.clock, s.validate), admin)
	staff.GET("/users", HandleUsers(s.pool), admin)
	staff.POST("/users", HandleCreateUser(s.pool, s.clock, s.cfg, s.hasher, s.validate), admin)
	staff.POST("/users/:uid/status", HandleUserStatus(s.pool, s.clock), admin)
	staff.POST("/users/:uid/reset-link", HandleIssueResetLink(s.pool, s.clock, s.cfg), admin)
}
