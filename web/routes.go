package web

import (
	"net/http"
	"partnerportal/web/account"
	"partnerportal/web/api"
	"partnerportal/web/appconnect"
	"partnerportal/web/partner"
	"partnerportal/web/shop"
	"partnerportal/web/staff"
	"partnerportal/web/ui"
	"time"

	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/static"
	"partnerportal/web/pictures"
)

// routes is every URL of the portal, grouped by who may use it.
func (s *Server) routes() {
	e := s.echo
	q := db.New(s.pool)

	// Anyone, no session: probes and assets.
	e.GET("/healthz", handleHealthz())
	// pictures are public, like the Hub that shows them; their address is their content's hash
	e.GET("/pictures/:file", pictures.HandleRendition(s.pool))
	e.GET("/readyz", handleReadyz(s.pool))
	e.GET(static.Prefix+"*", echo.WrapHandler(static.Handler()))

	// The JSON API: an API key instead of a session (see sessionless), JSON errors.
	e.GET("/api/openapi.json", api.HandleOpenAPI())
	keys := api.NewKeyCache(s.clock, time.Minute)
	reporting := api.RequireAPIKey(q, s.limits, keys)
	e.POST("/api/v1/usage", api.HandleUsage(s.meter, keys), reporting)
	e.POST("/api/v1/usage/batch", api.HandleUsageBatch(s.meter, keys), reporting)
	e.GET("/api/v1/entitlements", api.HandleEntitlements(s.pool), api.RequireAPIKey(q, s.limits, nil))

	// Anyone, with a session.
	e.GET("/", handleRoot())
	e.GET("/login", account.HandleLoginPage())
	e.POST("/login", account.HandleLogin(q, s.sessions, s.hasher, s.throttle, s.devices))
	e.POST("/logout", account.HandleLogout(s.sessions))
	e.GET("/signup", account.HandleSignupPage())
	e.POST("/signup", account.HandleSignup(s.pool, s.jobs, s.signup, s.validate))
	e.GET("/signup/:token", account.HandleFinishSignupPage(s.pool))
	e.POST("/signup/:token", account.HandleFinishSignup(s.pool, s.sessions, s.hasher, s.validate, s.devices))
	e.GET("/reset/:token", account.HandleResetPage(s.pool))
	e.POST("/reset/:token", account.HandleResetPassword(s.pool, s.sessions, s.hasher, s.validate, s.devices))
	e.GET("/password/forgot", account.HandleForgotPage())
	e.POST("/password/forgot", account.HandleForgot(s.pool, s.jobs, s.forgot))
	e.GET("/invite/:token", account.HandleAcceptInvitePage(s.pool))
	e.POST("/invite/:token", account.HandleAcceptInvite(s.pool, s.sessions, s.hasher, s.validate, s.devices))

	// Every signed-in user: their notices (the bell) and their own account.
	signedIn := requireRole(db.UserRolePartner, db.UserRoleConsumer, db.UserRoleAccountManager, db.UserRoleAdmin)
	e.GET("/notifications", account.HandleNotifications(s.pool), signedIn, noStore)
	e.POST("/notifications/read", account.HandleMarkAllNotificationsRead(s.pool), signedIn)
	e.POST("/notifications/:id/read", account.HandleMarkNotificationRead(s.pool), signedIn)
	e.POST("/account/notifications", account.HandleSaveNotificationPreferences(s.pool), signedIn)
	me := &account.Self{Pool: s.pool, Sessions: s.sessions, Hasher: s.hasher, Throttle: s.throttle, Devices: s.devices,
		MailThrottle: s.signup, Jobs: s.jobs, Validate: s.validate}
	e.GET("/account", me.HandleAccount(), signedIn, noStore)
	e.POST("/account/name", me.HandleSaveName(), signedIn)
	e.POST("/account/email", me.HandleRequestEmailChange(), signedIn)
	e.POST("/account/password", me.HandleChangePassword(), signedIn)
	e.POST("/account/sessions/sign-out-others", me.HandleSignOutOthers(), signedIn)
	e.POST("/account/sessions/:id/sign-out", me.HandleSignOutSession(), signedIn)
	e.POST("/account/delete", me.HandleDeleteAccount(), requireRole(db.UserRoleConsumer))
	// The link that confirms a new address works whoever opens it: it proves the address.
	e.GET("/account/email/:token", me.HandleConfirmEmailPage(), noStore)
	e.POST("/account/email/:token", me.HandleConfirmEmail())

	// Partner users. (Middleware per route: a group without a path prefix would catch every
	// unknown URL too.)
	partnerOnly := requireRole(db.UserRolePartner)
	e.GET("/services", partner.HandleMyServices(s.pool), partnerOnly)
	e.GET("/services/requests", partner.HandleRenewalRequests(s.pool), partnerOnly)
	e.POST("/services/:id/renewal-requests", partner.HandleRequestRenewal(s.pool, s.jobs, s.validate), partnerOnly)
	e.POST("/services/:id/topup-requests", partner.HandleRequestTopup(s.pool, s.jobs, s.validate), partnerOnly)
	e.GET("/services/:id/history", partner.HandleUsageHistory(s.pool), partnerOnly)
	e.GET("/services/:id/history.csv", partner.HandleUsageHistoryCSV(s.pool), partnerOnly)
	e.GET("/api-keys", partner.HandleAPIKeys(s.pool), partnerOnly, noStore)
	e.POST("/api-keys", partner.HandleCreateAPIKey(s.pool, s.validate), partnerOnly, noStore)
	e.POST("/api-keys/:id/revoke", partner.HandleRevokeAPIKey(s.pool), partnerOnly)
	// The team: its owners manage it (members get 403 with the owners to ask). Invitations and
	// role changes draw on the sign-in throttle's buckets, under keys of their own.
	e.GET("/team", partner.HandleTeam(s.pool), partnerOnly, noStore)
	e.POST("/team/invitations", partner.HandleInviteColleague(s.pool, s.jobs, s.throttle, s.validate), partnerOnly, noStore)
	e.POST("/team/invitations/:id/revoke", partner.HandleRevokeInvitation(s.pool), partnerOnly)
	e.POST("/team/members/:uid/role", partner.HandleSetTeamRole(s.pool, s.throttle, s.validate), partnerOnly)
	e.POST("/team/members/:uid/remove", partner.HandleRemoveTeamMember(s.pool), partnerOnly)

	// Module areas: every route declares its area, and the gate enforces the module's state.
	hub, products, devlab := ui.AreaByKey("hub-listings"), ui.AreaByKey("products"), ui.AreaByKey("devlab")
	help := ui.AreaByKey("support")
	designs, apps := ui.AreaByKey("expressconnect"), ui.AreaByKey("appconnect")
	homes := map[*ui.Area]echo.HandlerFunc{
		hub:      partner.HandleHubListings(s.pool, hub),
		products: partner.HandleProducts(s.pool),
		devlab:   partner.HandleDevLab(s.pool),
		help:     partner.HandleSupport(s.pool, help),
		designs:  partner.HandleDesigns(s.pool, designs),
		apps:     partner.HandleAppConnect(s.pool, apps),
	}
	for _, a := range ui.Areas {
		h := homes[a]
		if h == nil {
			h = partner.HandleAreaHome(a)
		}
		s.moduleRoute(a, http.MethodGet, a.Path, h)
	}
	s.moduleRoute(hub, http.MethodPost, "/hub/listings/profile", partner.HandleSaveHubProfile(s.pool, hub, s.validate))
	s.moduleRoute(hub, http.MethodPost, "/hub/listings/logo", partner.HandleUploadLogo(s.pool, hub))
	s.moduleRoute(hub, http.MethodGet, "/hub/listings/:id/edit", partner.HandleEditListing(s.pool, hub))
	s.moduleRoute(hub, http.MethodPost, "/hub/listings/:id", partner.HandleSaveListing(s.pool, hub, s.validate))
	s.moduleRoute(hub, http.MethodPost, "/hub/listings/:id/publish", partner.HandleSetListed(s.pool, hub))
	s.moduleRoute(devlab, http.MethodPost, "/devlab/messages", partner.HandleDevLabMessages(s.pool, s.meter, s.validate))
	s.moduleRoute(devlab, http.MethodPost, "/devlab/devices", partner.HandleDevLabRegisterDevice(s.pool, s.meter, s.validate))
	s.moduleRoute(devlab, http.MethodPost, "/devlab/devices/remove", partner.HandleDevLabRemoveDevice(s.pool, s.meter))
	// Support: tickets and their files stay readable while read-only; writes follow the area.
	s.moduleRoute(help, http.MethodGet, "/support/new", partner.HandleNewTicket(s.pool, help))
	s.moduleRoute(help, http.MethodPost, "/support/tickets", partner.HandleCreateTicket(s.pool, s.jobs, help, s.validate))
	s.moduleRoute(help, http.MethodGet, "/support/tickets/:tid", partner.HandleTicket(s.pool, help))
	s.moduleRoute(help, http.MethodPost, "/support/tickets/:tid/replies", partner.HandleTicketReply(s.pool, s.jobs, help, s.validate))
	s.moduleRoute(help, http.MethodPost, "/support/tickets/:tid/resolve", partner.HandleResolveTicket(s.pool, help))
	s.moduleRoute(help, http.MethodGet, "/support/tickets/:tid/attachments/:aid", partner.HandleTicketAttachment(s.pool))

	// ExpressConnect: device designs, their versions, the format's schema, export and import.
	s.moduleRoute(designs, http.MethodGet, "/expressconnect/schema.json", partner.HandleDesignSchema())
	s.moduleRoute(designs, http.MethodGet, "/expressconnect/designs/new", partner.HandleNewDesign(s.pool, designs))
	s.moduleRoute(designs, http.MethodPost, "/expressconnect/designs", partner.HandleCreateDesign(s.pool, designs))
	s.moduleRouteWithSuffix(designs, http.MethodGet, "/expressconnect/designs/:id", ".json", partner.HandleDesign(s.pool, designs))
	s.moduleRoute(designs, http.MethodPost, "/expressconnect/designs/:id", partner.HandleSaveDesign(s.pool, designs))
	s.moduleRoute(designs, http.MethodGet, "/expressconnect/designs/:id/edit", partner.HandleEditDesign(s.pool, designs))
	s.moduleRoute(designs, http.MethodGet, "/expressconnect/designs/:id/compare", partner.HandleCompareDesign(s.pool, designs))
	s.moduleRoute(designs, http.MethodGet, "/expressconnect/designs/:id/sample.json", partner.HandleDesignSample(s.pool))
	s.moduleRoute(designs, http.MethodGet, "/expressconnect/designs/:id/payload-schema.json", partner.HandleDesignPayloadSchema(s.pool))
	s.moduleRoute(designs, http.MethodPost, "/expressconnect/designs/:id/duplicate", partner.HandleDuplicateDesign(s.pool, designs))
	s.moduleRoute(designs, http.MethodPost, "/expressconnect/import", partner.HandleImportDesign(s.pool, designs))

	// AppConnect: the template catalogue, the deploy wizard (a draft, one address per step) and
	// deployments. Deployments, their history and manifests stay readable while read-only.
	s.moduleRoute(apps, http.MethodGet, "/appconnect/templates/:tpl", partner.HandleAppTemplate(s.pool, apps))
	s.moduleRoute(apps, http.MethodPost, "/appconnect/drafts", partner.HandleStartDraft(s.pool, apps))
	s.moduleRoute(apps, http.MethodGet, "/appconnect/drafts/:draft/setup", partner.HandleDraftStep(s.pool, apps, appconnect.StepSetup))
	s.moduleRoute(apps, http.MethodPost, "/appconnect/drafts/:draft/setup", partner.HandleSaveDraftStep(s.pool, apps, s.validate, appconnect.StepSetup))
	s.moduleRoute(apps, http.MethodGet, "/appconnect/drafts/:draft/features", partner.HandleDraftStep(s.pool, apps, appconnect.StepFeatures))
	s.moduleRoute(apps, http.MethodPost, "/appconnect/drafts/:draft/features", partner.HandleSaveDraftStep(s.pool, apps, s.validate, appconnect.StepFeatures))
	s.moduleRoute(apps, http.MethodGet, "/appconnect/drafts/:draft/parameters", partner.HandleDraftStep(s.pool, apps, appconnect.StepParameters))
	s.moduleRoute(apps, http.MethodPost, "/appconnect/drafts/:draft/parameters", partner.HandleSaveDraftStep(s.pool, apps, s.validate, appconnect.StepParameters))
	s.moduleRoute(apps, http.MethodGet, "/appconnect/drafts/:draft/devices", partner.HandleDraftStep(s.pool, apps, appconnect.StepDevices))
	s.moduleRoute(apps, http.MethodPost, "/appconnect/drafts/:draft/devices", partner.HandleSaveDraftStep(s.pool, apps, s.validate, appconnect.StepDevices))
	s.moduleRoute(apps, http.MethodGet, "/appconnect/drafts/:draft/review", partner.HandleDraftStep(s.pool, apps, appconnect.StepReview))
	s.moduleRoute(apps, http.MethodPost, "/appconnect/drafts/:draft/deploy", partner.HandleDeployDraft(s.pool, s.jobs, apps))
	s.moduleRoute(apps, http.MethodPost, "/appconnect/drafts/:draft/discard", partner.HandleDiscardDraft(s.pool, apps))
	s.moduleRoute(apps, http.MethodGet, "/appconnect/deployments/:id", partner.HandleDeployment(s.pool, apps))
	s.moduleRoute(apps, http.MethodGet, "/appconnect/deployments/:id/progress", partner.HandleDeploymentProgress(s.pool, apps))
	s.moduleRoute(apps, http.MethodGet, "/appconnect/deployments/:id/manifest.json", partner.HandleDeploymentManifest(s.pool))
	s.moduleRoute(apps, http.MethodPost, "/appconnect/deployments/:id/stop", partner.HandleStopDeployment(s.pool, apps))
	s.moduleRoute(apps, http.MethodPost, "/appconnect/deployments/:id/start", partner.HandleStartDeployment(s.pool, apps))
	s.moduleRoute(apps, http.MethodPost, "/appconnect/deployments/:id/retry", partner.HandleRetryDeployment(s.pool, s.jobs, apps))
	s.moduleRoute(apps, http.MethodPost, "/appconnect/deployments/:id/reconfigure", partner.HandleReconfigureDeployment(s.pool, apps))
	s.moduleRoute(apps, http.MethodPost, "/appconnect/deployments/:id/product", partner.HandleDeploymentProduct(s.pool, apps))
	s.moduleRoute(apps, http.MethodGet, "/appconnect/deployments/:id/delete", partner.HandleDeleteDeploymentPage(s.pool, apps))
	s.moduleRoute(apps, http.MethodPost, "/appconnect/deployments/:id/delete", partner.HandleDeleteDeployment(s.pool, apps))

	// My Products: the list and the create form follow the area; a product follows its own plan.
	s.moduleRoute(products, http.MethodGet, "/products/new", partner.HandleNewProduct())
	s.moduleRoute(products, http.MethodPost, "/products", partner.HandleCreateProduct(s.pool, s.validate))
	product := partner.ProductGovernor(s.pool)
	s.planRoute(products, http.MethodGet, "/products/:id", partner.HandleProduct(s.pool), product)
	s.planRoute(products, http.MethodPost, "/products/:id/pictures", partner.HandleAddProductPicture(s.pool), product)
	s.planRoute(products, http.MethodPost, "/products/:id/pictures/:pid/delete", partner.HandleDeleteProductPicture(s.pool), product)
	s.planRoute(products, http.MethodGet, "/products/:id/edit", partner.HandleEditProduct(), product)
	s.planRoute(products, http.MethodPost, "/products/:id", partner.HandleUpdateProduct(s.pool, s.validate), product)
	s.planRoute(products, http.MethodPost, "/products/:id/status", partner.HandleSetProductStatus(s.pool), product)
	s.planRoute(products, http.MethodPost, "/products/:id/archive", partner.HandleArchiveProduct(s.pool), product)

	// Solutions Hub: the public catalogue; carts for visitors and consumers; checkout, orders
	// and purchases for consumers.
	e.GET("/hub", shop.HandleHub(s.pool))
	e.GET("/hub/:company/:slug", shop.HandleListing(s.pool))
	e.GET("/cart", shop.HandleCart(s.pool), shop.ShoppersOnly, noStore)
	e.POST("/cart/items", shop.HandleAddToCart(s.pool), shop.ShoppersOnly)
	e.POST("/cart/items/:id", shop.HandleSetCartQuantity(s.pool), shop.ShoppersOnly)
	e.POST("/cart/items/:id/remove", shop.HandleRemoveFromCart(s.pool), shop.ShoppersOnly)
	consumer := requireRole(db.UserRoleConsumer)
	e.GET("/checkout", shop.HandleCheckout(s.pool), consumer, noStore)
	e.POST("/checkout", shop.HandlePlaceOrder(s.pool), consumer)
	e.GET("/orders", shop.HandleOrders(s.pool), consumer, noStore)
	e.GET("/orders/:id", shop.HandleOrder(s.pool), consumer, noStore)
	e.GET("/purchases", shop.HandlePurchases(s.pool), consumer, noStore)

	// Staff: account managers and admins. Every query behind these routes filters by
	// staff_can_see, so an account manager reaches only the companies assigned to them.
	staffArea := e.Group("/admin", requireRole(db.UserRoleAccountManager, db.UserRoleAdmin), noStore)
	staffArea.GET("", staff.HandleStaffHome(s.pool))
	staffArea.GET("/partners/:id", staff.HandlePartnerPage(s.pool))
	staffArea.POST("/partners/:id/services", staff.HandleGrantService(s.pool, s.jobs, s.validate))
	staffArea.POST("/partners/:id/services/:sid/renew", staff.HandleServiceAction(s.pool, s.jobs, s.validate, staff.RenewAction))
	staffArea.POST("/partners/:id/services/:sid/limits", staff.HandleServiceAction(s.pool, s.jobs, s.validate, staff.LimitsAction))
	staffArea.POST("/partners/:id/services/:sid/status", staff.HandleServiceAction(s.pool, s.jobs, s.validate, staff.StatusAction))
	staffArea.POST("/partners/:id/team/:uid/owner", staff.HandleMakeOwner(s.pool))
	staffArea.GET("/partners/:id/designs", staff.HandlePartnerDesigns(s.pool))
	staffArea.GET("/partners/:id/designs/:did", staff.HandlePartnerDesign(s.pool))
	staffArea.GET("/partners/:id/deployments", staff.HandlePartnerDeployments(s.pool))
	staffArea.GET("/partners/:id/deployments/:dep", staff.HandlePartnerDeployment(s.pool))
	staffArea.GET("/partners/:id/deployments/:dep/manifest.json", staff.HandlePartnerDeploymentManifest(s.pool))
	staffArea.GET("/renewals", staff.HandleRenewalRequestsStaff(s.pool))
	staffArea.POST("/renewals/:rid/approve", staff.HandleAnswerRenewal(s.pool, s.jobs, s.validate, staff.ApproveAnswer))
	staffArea.POST("/renewals/:rid/decline", staff.HandleAnswerRenewal(s.pool, s.jobs, s.validate, staff.DeclineAnswer))
	staffArea.POST("/topups/:topup/approve", staff.HandleApproveTopup(s.pool, s.jobs, s.validate))
	staffArea.POST("/topups/:topup/decline", staff.HandleDeclineTopup(s.pool, s.jobs, s.validate))
	staffArea.GET("/partners/:id/plans/:plan/history", staff.HandleUsageHistory(s.pool))
	staffArea.GET("/partners/:id/plans/:plan/history.csv", staff.HandleUsageHistoryCSV(s.pool))
	staffArea.GET("/support", staff.HandleSupportInbox(s.pool))
	staffArea.GET("/support/:tid", staff.HandleSupportTicket(s.pool))
	staffArea.POST("/support/:tid/replies", staff.HandleSupportReply(s.pool, s.jobs, s.validate))
	staffArea.POST("/support/:tid/assign", staff.HandleAssignTicket(s.pool, s.jobs))
	staffArea.POST("/support/:tid/status", staff.HandleTicketStatus(s.pool))
	staffArea.GET("/support/:tid/attachments/:aid", staff.HandleSupportAttachment(s.pool))
	staffArea.GET("/audit", staff.HandleAuditLog(s.pool))
	staffArea.GET("/audit.csv", staff.HandleAuditCSV(s.pool))

	// Administration: admins only (account managers get 404, as for any page not theirs).
	admin := requireRole(db.UserRoleAdmin)
	staffArea.GET("/companies", staff.HandleCompanies(s.pool), admin)
	staffArea.POST("/companies", staff.HandleSaveCompany(s.pool, s.validate), admin)
	staffArea.GET("/companies/:id/edit", staff.HandleEditCompany(s.pool), admin)
	staffArea.POST("/companies/:id", staff.HandleSaveCompany(s.pool, s.validate), admin)
	staffArea.GET("/users", staff.HandleUsers(s.pool), admin)
	staffArea.POST("/users", staff.HandleCreateUser(s.pool, s.hasher, s.validate), admin)
	staffArea.POST("/users/:uid/status", staff.HandleUserStatus(s.pool), admin)
	staffArea.POST("/users/:uid/reset-link", staff.HandleIssueResetLink(s.pool), admin)
	staffArea.GET("/outbox", staff.HandleOutbox(s.pool, s.jobs), admin)
	staffArea.GET("/outbox/:mid", staff.HandleOutboxMessage(s.pool), admin)
	staffArea.GET("/outbox/:mid/html", staff.HandleOutboxHTML(s.pool), admin)
	staffArea.GET("/templates", staff.HandleTemplates(s.pool), admin)
	staffArea.GET("/templates/new", staff.HandleNewTemplate(), admin)
	staffArea.POST("/templates", staff.HandleSaveTemplate(s.pool, s.validate), admin)
	staffArea.GET("/templates/:tpl", staff.HandleEditTemplate(s.pool), admin)
	staffArea.POST("/templates/:tpl", staff.HandleSaveTemplate(s.pool, s.validate), admin)
	staffArea.POST("/templates/:tpl/retire", staff.HandleRetireTemplate(s.pool), admin)
	staffArea.GET("/jobs", staff.HandleJobs(s.jobs), admin)
	staffArea.POST("/jobs/:jid/retry", staff.HandleJobAction(s.jobs, true), admin)
	staffArea.POST("/jobs/:jid/cancel", staff.HandleJobAction(s.jobs, false), admin)
}
