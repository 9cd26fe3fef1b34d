package ui

import (
	"context"
	"partnerportal/db"
	"partnerportal/views"
	"strings"

	"github.com/labstack/echo/v4"
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

func AreaByKey(key string) *Area {
	for _, a := range Areas {
		if a.Key == key {
			return a
		}
	}
	panic("no module area " + key)
}

// Governing is the access that decides one request, and what a refusal names.
type Governing struct {
	Access ModuleAccess
	// Name is what is read-only or hidden: an area ("My Products") or a plan
	// ("Software products · Production").
	Name string
	// Back is where a refused plain write is sent, with the message as a flash.
	Back string
}

// Governor finds the access that decides a request. It may load what the request is about
// (and keep it in the context for the handler); echo.ErrNotFound when there is no such thing.
type Governor func(c echo.Context, u *CurrentUser) (Governing, error)

type areaAccessKey struct{}

// AreaAccess is the access the gate found for the request: its area's, or its plan's.
func AreaAccess(c echo.Context) ModuleAccess {
	acc, _ := c.Request().Context().Value(areaAccessKey{}).(ModuleAccess)
	return acc
}

// ReadOnlyMessage says why an area is read-only and since when.
func ReadOnlyMessage(area *Area, acc ModuleAccess) string { return ReadOnlyText(area.Name, acc) }

// ReadOnlyText says why name (an area or a plan) is read-only and since when.
func ReadOnlyText(name string, acc ModuleAccess) string {
	var b strings.Builder
	b.WriteString(name + " is read-only: ")
	if acc.State == db.ServiceStateExpired && acc.ReadOnlySince != nil && acc.ValidUntil != nil {
		b.WriteString("its term ended on " + LongDate(*acc.ValidUntil) + " and it has been read-only since " + LongDate(*acc.ReadOnlySince) + ".")
	} else {
		b.WriteString("its quota is used up, including the cap allowance.")
	}
	b.WriteString(" You can see everything in it but change nothing. Request a renewal to use it again.")
	return b.String()
}

// Banner is the read-only Banner of an area's page, nil when the area is usable.
func Banner(area *Area, acc ModuleAccess) *views.ReadOnlyBanner { return BannerFor(area.Name, acc) }

// BannerFor is the read-only banner of name (an area or a plan), nil when it is usable.
func BannerFor(name string, acc ModuleAccess) *views.ReadOnlyBanner {
	if !acc.State.ReadOnly() {
		return nil
	}
	return &views.ReadOnlyBanner{
		Title:      name + " is read-only",
		Text:       ReadOnlyText(name, acc),
		RenewalURL: "/services#service-" + Itoa(acc.ServiceID),
	}
}

// navForPartner lists My Services, every area the company can see and, for an owner, API keys
// (which belong to no module: production plans report through them too) and the team.
func navForPartner(u *CurrentUser) []views.NavItem {
	items := []views.NavItem{{Label: "My Services", Href: "/services"}}
	for _, a := range Areas {
		if !u.Access.Area(a.Modules).State.Hidden() {
			items = append(items, views.NavItem{Label: a.Name, Href: a.Path, Mark: NavMark(u.Access.Area(a.Modules).State)})
		}
	}
	if !u.IsOwner() {
		return items
	}
	return append(items, views.NavItem{Label: "API keys", Href: "/api-keys"}, views.NavItem{Label: "Team", Href: "/team"})
}

// AreaPageOf is the top of an area's page: its name, state, what it holds and, when read-only,
// the banner.
func AreaPageOf(area *Area, acc ModuleAccess) views.AreaPage {
	return views.AreaPage{Name: area.Name, Holds: area.Holds, Badge: StateBadge(acc.State), Banner: Banner(area, acc)}
}

// WithAreaAccess is ctx carrying the access the gate found for the request.
func WithAreaAccess(ctx context.Context, acc ModuleAccess) context.Context {
	return context.WithValue(ctx, areaAccessKey{}, acc)
}
