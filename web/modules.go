package web

import (
	"net/http"
	"partnerportal/web/ui"

	"github.com/labstack/echo/v4"

	"partnerportal/db"
)

// ModuleRoute is a route that belongs to a module area.
type ModuleRoute struct {
	Method string
	Path   string
	Area   *ui.Area
	// PerPlan is set on routes about one thing of the area (a product), which follow the state
	// of that thing's plan rather than the area's.
	PerPlan bool
}

// moduleRoute registers a partner route of area behind the gate and records it, so a test can
// check every route under a module's path declares its module.
func (s *Server) moduleRoute(area *ui.Area, method, path string, h echo.HandlerFunc) {
	s.gatedRoute(ModuleRoute{Method: method, Path: path, Area: area}, h, areaGovernor(area))
}

// moduleRouteWithSuffix registers path under area, and records path+suffix as a second
// address the same handler answers: echo names a path parameter up to the next slash, so
// "/designs/:id" and "/designs/:id.json" cannot be two routes, and the handler tells them
// apart. Both are recorded, so the state tests walk both.
func (s *Server) moduleRouteWithSuffix(area *ui.Area, method, path, suffix string, h echo.HandlerFunc) {
	s.moduleRoute(area, method, path, h)
	s.moduleRoutes = append(s.moduleRoutes, ModuleRoute{Method: method, Path: path + suffix, Area: area})
}

// planRoute registers a route about one thing of area that belongs to a plan: gov finds that
// thing and its plan, and the gate applies the plan's state.
func (s *Server) planRoute(area *ui.Area, method, path string, h echo.HandlerFunc, gov ui.Governor) {
	s.gatedRoute(ModuleRoute{Method: method, Path: path, Area: area, PerPlan: true}, h, gov)
}

func (s *Server) gatedRoute(r ModuleRoute, h echo.HandlerFunc, gov ui.Governor) {
	s.echo.Add(r.Method, r.Path, h, requireRole(db.UserRolePartner), gate(gov, db.New(s.pool)))
	s.moduleRoutes = append(s.moduleRoutes, r)
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

// areaGovernor decides by the area's best plan: what navigation shows the area by.
func areaGovernor(area *ui.Area) ui.Governor {
	return func(_ echo.Context, u *ui.CurrentUser) (ui.Governing, error) {
		return ui.Governing{Access: u.Access.Area(area.Modules), Name: area.Name, Back: area.Path}, nil
	}
}

// gate enforces SPEC §5 for the access gov finds: hidden → 404 (a write is told what
// happened); read-only → pages render under a
// banner with their controls disabled, and unsafe requests are refused with the banner's
// message and change nothing.
func gate(gov ui.Governor, q *db.Queries) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			u := ui.UserFromContext(c.Request().Context())
			g, err := gov(c, u)
			if err != nil {
				return err
			}
			if g.Access.State.Hidden() && !safeMethod(c.Request().Method) {
				return ui.HiddenWrite(c.Request().Context(), q, g, ui.When(c))
			}
			if g.Access.State.Hidden() || (g.Access.State.ReadOnly() && !safeMethod(c.Request().Method)) {
				return ui.Refuse(c, g)
			}
			ctx := ui.WithAreaAccess(c.Request().Context(), g.Access)
			c.SetRequest(c.Request().WithContext(ctx))
			return next(c)
		}
	}
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}
