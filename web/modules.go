package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

// Area is a part of the partner's portal opened by one or more modules.
type Area struct {
	Key     string
	Name    string
	Path    string
	Modules []db.ModuleKey
	// Holds says what the area is for, on its landing page.
	Holds string
}

// Areas are the module areas, in navigation order.
var Areas = []*Area{
	{Key: "products", Name: "My Products", Path: "/products", Modules: []db.ModuleKey{db.ModuleKeySoftware, db.ModuleKeyHardware},
		Holds: "Your software solutions and hardware devices, each in the sandbox or production plan it belongs to."},
	{Key: "devlab", Name: "DevLab", Path: "/devlab", Modules: []db.ModuleKey{db.ModuleKeyDevlab},
		Holds: "The sandbox console: sandbox API keys, test devices and test messages that count against your sandbox plan."},
	{Key: "expressconnect", Name: "ExpressConnect", Path: "/expressconnect", Modules: []db.ModuleKey{db.ModuleKeyExpressconnect},
		Holds: "Device designs and their data flows — telemetry attributes, commands and their direction — exported as JSON."},
	{Key: "appconnect", Name: "AppConnect", Path: "/appconnect", Modules: []db.ModuleKey{db.ModuleKeyAppconnect},
		Holds: "Ready-to-deploy solution templates you can customise and deploy."},
	{Key: "hub-listings", Name: "Hub listings", Path: "/hub/listings", Modules: []db.ModuleKey{db.ModuleKeySolutionsHub},
		Holds: "Your published production products as Solutions Hub listings, and how your company appears there."},
	{Key: "support", Name: "Support", Path: "/support", Modules: []db.ModuleKey{db.ModuleKeySupport},
		Holds: "Support tickets about any module, and their answers."},
}

func areaByKey(key string) *Area {
	for _, a := range Areas {
		if a.Key == key {
			return a
		}
	}
	panic("no module area " + key)
}

// ModuleRoute is a route that belongs to a module area.
type ModuleRoute struct {
	Method string
	Path   string
	Area   *Area
}

// moduleRoute registers a partner route of area behind the gate and records it, so a test can
// check every route under a module's path declares its module.
func (s *Server) moduleRoute(area *Area, method, path string, h echo.HandlerFunc) {
	s.echo.Add(method, path, h, requireRole(db.UserRolePartner), gate(area))
	s.moduleRoutes = append(s.moduleRoutes, ModuleRoute{Method: method, Path: path, Area: area})
}

// ModuleRoutes lists the routes declared with their module area.
func (s *Server) ModuleRoutes() []ModuleRoute { return s.moduleRoutes }

// Routes lists every route of the router as "METHOD path".
func (s *Server) Routes() []string {
	var out []string
	for _, r := range s.echo.Routes() {
		out = append(out, r.Method+" "+r.Path)
	}
	return out
}

type areaAccessKey struct{}

// gate enforces SPEC §5 for an area: hidden → 404; read-only → pages render under a banner with
// their controls disabled, and unsafe requests are refused with the banner's message and
// change nothing.
func gate(area *Area) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			u := UserFromContext(c.Request().Context())
			acc := u.Access.Area(area.Modules)
			if acc.State.Hidden() {
				return echo.ErrNotFound
			}
			if acc.State.ReadOnly() && !safeMethod(c.Request().Method) {
				msg := readOnlyMessage(area, acc)
				if isHTMX(c) {
					return renderFragment(c, http.StatusForbidden, views.FlashMessage(views.Flash{Kind: "error", Text: msg}))
				}
				if sm := sessionsFrom(c); sm != nil {
					addFlash(sm, c.Request().Context(), "error", msg)
				}
				return redirect(c, area.Path)
			}
			ctx := context.WithValue(c.Request().Context(), areaAccessKey{}, acc)
			c.SetRequest(c.Request().WithContext(ctx))
			return next(c)
		}
	}
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// areaAccess is the access the gate found for the request's area.
func areaAccess(c echo.Context) ModuleAccess {
	acc, _ := c.Request().Context().Value(areaAccessKey{}).(ModuleAccess)
	return acc
}

// readOnlyMessage says why an area is read-only and since when.
func readOnlyMessage(area *Area, acc ModuleAccess) string {
	var b strings.Builder
	b.WriteString(area.Name + " is read-only: ")
	if acc.State == db.ServiceStateExpired && acc.ReadOnlySince != nil {
		b.WriteString("its term ended on " + longDate(acc.ValidUntil.Time) + " and it has been read-only since " + longDate(acc.ReadOnlySince.Time) + ".")
	} else {
		b.WriteString("its quota is used up, including the cap allowance.")
	}
	b.WriteString(" You can see everything in it but change nothing. Request a renewal to use it again.")
	return b.String()
}

// banner is the read-only banner of an area's page, nil when the area is usable.
func banner(area *Area, acc ModuleAccess) *views.ReadOnlyBanner {
	if !acc.State.ReadOnly() {
		return nil
	}
	return &views.ReadOnlyBanner{
		Title:      area.Name + " is read-only",
		Text:       readOnlyMessage(area, acc),
		RenewalURL: "/services#service-" + itoa(acc.ServiceID),
	}
}

// navForPartner lists My Services, every area the company can see, and API keys (which
// belong to no module: production plans report through them too).
func navForPartner(u *CurrentUser) []views.NavItem {
	items := []views.NavItem{{Label: "My Services", Href: "/services"}}
	for _, a := range Areas {
		if !u.Access.Area(a.Modules).State.Hidden() {
			items = append(items, views.NavItem{Label: a.Name, Href: a.Path})
		}
	}
	return append(items, views.NavItem{Label: "API keys", Href: "/api-keys"})
}

// areaPage is the top of an area's page: its name, state, what it holds and, when read-only,
// the banner.
func areaPage(area *Area, acc ModuleAccess) views.AreaPage {
	return views.AreaPage{Name: area.Name, Holds: area.Holds, Badge: stateBadge(acc.State), Banner: banner(area, acc)}
}

// handleAreaHome is an area's landing page: its state and what it holds.
func handleAreaHome(area *Area) echo.HandlerFunc {
	return func(c echo.Context) error {
		return ok(c, area.Name, views.AreaHome(areaPage(area, areaAccess(c))))
	}
}
