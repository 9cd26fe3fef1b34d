package ui

import (
	"context"
	"io"
	"net/http"
	"strings"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

// IsHTMX reports whether htmx made the request. Boosted requests want whole pages, and so does
// htmx restoring a page from history (the back button after hx-push-url) when it has no copy.
func IsHTMX(c echo.Context) bool {
	h := c.Request().Header
	return h.Get("HX-Request") == "true" && h.Get("HX-Boosted") != "true" && h.Get("HX-History-Restore-Request") != "true"
}

// Render is the one place that decides between a full page and an htmx fragment: htmx
// requests get content alone, everything else gets it inside the page shell.
func Render(c echo.Context, status int, title string, content templ.Component) error {
	c.Response().Header().Add("Vary", "HX-Request")
	if IsHTMX(c) {
		return writeComponent(c, status, content)
	}
	shell := views.Layout(shellFor(c, title))
	return writeComponent(c, status, templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		return shell.Render(templ.WithChildren(ctx, content), w)
	}))
}

// RenderFragment answers with a fragment whatever the request (an htmx target's new content).
func RenderFragment(c echo.Context, status int, content templ.Component) error {
	c.Response().Header().Add("Vary", "HX-Request")
	return writeComponent(c, status, content)
}

func writeComponent(c echo.Context, status int, comp templ.Component) error {
	if c.Response().Header().Get("Cache-Control") == "" {
		c.Response().Header().Set("Cache-Control", "no-cache")
	}
	c.Response().Header().Set(echo.HeaderContentType, echo.MIMETextHTMLCharsetUTF8)
	c.Response().WriteHeader(status)
	return comp.Render(c.Request().Context(), c.Response())
}

// shellFor builds the page shell's model for the request: the user, their navigation, the
// waiting flash messages and the CSRF token.
func shellFor(c echo.Context, title string) views.Shell {
	ctx := c.Request().Context()
	sh := views.Shell{Title: title, CSRF: CSRFToken(c)}
	if sm := Sessions(c); sm != nil {
		sh.Flash = popFlashes(sm, ctx)
	}
	u := UserFromContext(ctx)
	if u != nil {
		sh.User = &views.User{Name: u.Name, Email: u.Email, RoleLabel: RoleLabel(u.Role), CompanyName: u.CompanyName, Unread: u.Unread}
	}
	sh.Nav = navFor(u, c.Request().URL.Path, headerCartCount(c))
	return sh
}

// headerCartCount is the number of items in the shopper's cart, or nil for users who do not
// shop. It costs no query: loadUser read it with the user, or with the visitor's cart key.
func headerCartCount(c echo.Context) *int {
	ctx := c.Request().Context()
	u := UserFromContext(ctx)
	switch {
	case u != nil && CanShop(u):
		return &u.CartCount
	case u == nil:
		n := 0
		if v := VisitorFrom(ctx); v != nil {
			n = v.CartCount
		}
		return &n
	}
	return nil
}

// navFor is the main navigation of a role; shoppers' carts show their count of items.
func navFor(u *CurrentUser, path string, cartCount *int) []views.NavItem {
	var items []views.NavItem
	switch {
	case u == nil:
		items = []views.NavItem{{Label: "Solutions Hub", Href: "/hub"}, {Label: "Cart", Href: "/cart", Count: cartCount}}
	case u.Role == db.UserRolePartner:
		items = navForPartner(u)
	case u.Role == db.UserRoleAdmin || u.Role == db.UserRoleAccountManager:
		items = []views.NavItem{{Label: "Dashboard", Href: "/admin"}, {Label: "Requests", Href: "/admin/renewals"},
			{Label: "Support", Href: "/admin/support"}, {Label: "Audit log", Href: "/admin/audit"}}
		if u.Role == db.UserRoleAdmin {
			items = append(items, views.NavItem{Label: "Companies", Href: "/admin/companies"}, views.NavItem{Label: "Users", Href: "/admin/users"},
				views.NavItem{Label: "Templates", Href: "/admin/templates"},
				views.NavItem{Label: "Outbox", Href: "/admin/outbox"}, views.NavItem{Label: "Jobs", Href: "/admin/jobs"})
		}
	default:
		items = []views.NavItem{{Label: "Solutions Hub", Href: "/hub"}, {Label: "Cart", Href: "/cart", Count: cartCount},
			{Label: "Orders", Href: "/orders"}, {Label: "My purchases", Href: "/purchases"}}
	}
	// The current item is the one whose address is the longest prefix of the path, so
	// /admin/audit marks "Audit log" and not "Dashboard" too.
	best := -1
	for i, it := range items {
		if (path == it.Href || strings.HasPrefix(path, it.Href+"/")) && (best < 0 || len(it.Href) > len(items[best].Href)) {
			best = i
		}
	}
	if best >= 0 {
		items[best].Current = true
	}
	return items
}

// OK is render with 200.
func OK(c echo.Context, title string, content templ.Component) error {
	return Render(c, http.StatusOK, title, content)
}
