package staff

import (
	"fmt"
	"net/url"
	"partnerportal/web/audit"
	"partnerportal/web/ui"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

// The dashboard lists a page of companies, and the most urgent rows of each list: an admin's
// dashboard holds every company, and a list of thousands would help nobody.
const (
	dashboardPageSize = 50
	dashboardListSize = 50
)

// dashboardData is what the dashboard is built from, read in one batch.
type dashboardData struct {
	companies []db.ListDashboardCompaniesRow
	requests  []db.ListDashboardRequestsRow
	attention []db.ListDashboardAttentionRow
	expiring  []db.ListDashboardExpiringRow
	quotas    []db.ListDashboardQuotasRow
	support   db.CountSupportForDashboardRow
	// managers is read for admins only, who filter by account manager.
	managers []db.ListAccountManagersRow
}

// HandleStaffHome is the dashboard: the viewer's partner companies (an admin's: all, or one
// account manager's) and what needs attention, most urgent first.
func HandleStaffHome(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		u := ui.UserFromContext(c.Request().Context())
		admin := u.Role == db.UserRoleAdmin
		today, page := ui.When(c).Today, ui.PageNumber(c)
		var managerID *int64
		manager := c.QueryParam("manager")
		if id, err := strconv.ParseInt(manager, 10, 64); err == nil && admin {
			managerID = &id
		}
		var d dashboardData
		var b db.Batch
		db.Queue(&b, &d.companies, (*db.Queries).ListDashboardCompanies, db.ListDashboardCompaniesParams{ViewerID: u.ID, Today: today,
			ManagerID: managerID, MaxRows: dashboardPageSize, Skip: int32((page - 1) * dashboardPageSize)})
		db.Queue(&b, &d.requests, (*db.Queries).ListDashboardRequests, db.ListDashboardRequestsParams{ViewerID: u.ID, ManagerID: managerID, MaxRows: dashboardListSize})
		db.Queue(&b, &d.attention, (*db.Queries).ListDashboardAttention, db.ListDashboardAttentionParams{ViewerID: u.ID, Today: today, ManagerID: managerID, MaxRows: dashboardListSize})
		db.Queue(&b, &d.expiring, (*db.Queries).ListDashboardExpiring, db.ListDashboardExpiringParams{ViewerID: u.ID, Today: today, ManagerID: managerID, MaxRows: dashboardListSize})
		db.Queue(&b, &d.quotas, (*db.Queries).ListDashboardQuotas, db.ListDashboardQuotasParams{ViewerID: u.ID, Today: today, ManagerID: managerID, MaxRows: dashboardListSize})
		db.Queue(&b, &d.support, (*db.Queries).CountSupportForDashboard,
			db.CountSupportForDashboardParams{Now: ui.When(c).Now, ViewerID: u.ID, ManagerID: managerID})
		if admin {
			db.Queue(&b, &d.managers, (*db.Queries).ListAccountManagers, false)
		}
		if err := b.Send(c.Request().Context(), pool); err != nil {
			return err
		}
		view := views.DashboardPage{Lead: "The partner companies assigned to you and what needs your attention, most urgent first."}
		if admin {
			view.Lead = "Every partner company and what needs attention, most urgent first."
			view.Managers = []views.Option{{Value: "", Label: "All account managers", Selected: managerID == nil}}
			for _, m := range d.managers {
				v := ui.Itoa(m.ID)
				view.Managers = append(view.Managers, views.Option{Value: v, Label: m.Name, Selected: v == manager})
			}
		}
		d.fill(&view, ui.When(c).Loc)
		view.Support = supportCounts(d.support, ui.When(c).Now)
		if len(d.companies) > 0 {
			view.CompanyPages = ui.Paginate(page, dashboardPageSize, int(d.companies[0].Total), len(d.companies), func(n int) string {
				q := url.Values{"page": {strconv.Itoa(n)}}
				if managerID != nil {
					q.Set("manager", manager)
				}
				return "/admin?" + q.Encode() + "#companies-title"
			})
		}
		return ui.OK(c, "Dashboard", views.DashboardView(view))
	}
}

// fill adds the companies and the lists to page.
func (d *dashboardData) fill(page *views.DashboardPage, loc *time.Location) {
	for _, co := range d.companies {
		page.Companies = append(page.Companies, views.DashboardCompany{Name: co.Name, URL: partnerURL(co.ID), Manager: co.Manager,
			Active: int(co.Active), Grace: int(co.Grace), ReadOnly: int(co.ReadOnly), Inactive: int(co.Inactive), Scheduled: int(co.Scheduled)})
	}
	page.RequestsTotal, page.AttentionTotal, page.ExpiringTotal, page.QuotasTotal =
		listTotal(d.requests, func(r db.ListDashboardRequestsRow) int32 { return r.Total }),
		listTotal(d.attention, func(r db.ListDashboardAttentionRow) int32 { return r.Total }),
		listTotal(d.expiring, func(r db.ListDashboardExpiringRow) int32 { return r.Total }),
		listTotal(d.quotas, func(r db.ListDashboardQuotasRow) int32 { return r.Total })
	for _, r := range d.requests {
		row := dashboardRow(r.CompanyID, r.CompanyName, r.ServiceID, r.ModuleName, r.Environment)
		row.Badge = ui.RequestBadge(db.RenewalRequestStatusOpen)
		row.When = ui.LongDate(r.CreatedAt.In(loc))
		row.Detail = "By " + r.RequestedBy + " · " + wishedTerm(r.TermMonths)
		row.Action, row.ActionURL = "Answer", "/admin/renewals#request-"+ui.Itoa(r.ID)
		page.Requests = append(page.Requests, row)
	}
	for _, r := range d.attention {
		row := dashboardRow(r.CompanyID, r.CompanyName, r.ServiceID, r.ModuleName, r.Environment)
		row.Badge = ui.StateBadge(r.State)
		switch {
		case r.State == db.ServiceStateExpired && r.ExpiredFrom != nil:
			row.When, row.Detail = ui.LongDate(*r.ExpiredFrom), "Read-only since then"
		case r.State == db.ServiceStateExhausted:
			row.When, row.Detail = optionalDate(r.ValidUntil), "A quota is used up, cap allowance included"
		default:
			row.When, row.Detail = optionalDate(r.ValidUntil), graceLeft(r)
		}
		page.Attention = append(page.Attention, row)
	}
	for _, r := range d.expiring {
		row := dashboardRow(r.CompanyID, r.CompanyName, r.ServiceID, r.ModuleName, r.Environment)
		row.Badge = ui.StateBadge(r.State)
		row.When = ui.LongDate(r.ValidUntil)
		row.Detail = "Not renewed yet"
		page.Expiring = append(page.Expiring, row)
	}
	for _, r := range d.quotas {
		row := dashboardRow(r.CompanyID, r.CompanyName, r.ServiceID, r.ModuleName, r.Environment)
		row.Badge = ui.StateBadge(r.State)
		row.When = fmt.Sprintf("%d%%", r.Used*100/r.Quota)
		row.Detail = fmt.Sprintf("%s of %s %s", ui.Count(r.Used), ui.Count(r.Quota), r.Unit)
		page.Quotas = append(page.Quotas, row)
	}
}

// listTotal is how many rows a list has in all, the first row says (0 for none).
func listTotal[R any](rows []R, total func(R) int32) int {
	if len(rows) == 0 {
		return 0
	}
	return int(total(rows[0]))
}

// graceLeft says what is left of a plan in grace, as My Services tells the partner: the days
// of grace once the term has ended, and what is left of the cap allowance in each dimension
// whose quota is used up. A plan in grace because of its quota has no days of grace (its
// grace_days_left is 0 while the term runs), so it is never told "0 days".
func graceLeft(r db.ListDashboardAttentionRow) string {
	var parts []string
	if r.GraceDaysLeft > 0 {
		parts = append(parts, fmt.Sprintf("%d day%s of grace left", r.GraceDaysLeft, ui.Plural(int64(r.GraceDaysLeft))))
	}
	var allowance []string
	if r.MessagesLeft != nil && *r.MessagesLeft == 0 && r.MessagesLeftAllowance != nil {
		n := *r.MessagesLeftAllowance
		allowance = append(allowance, ui.Count(n)+" message"+ui.Plural(n))
	}
	if r.DevicesLeft != nil && *r.DevicesLeft == 0 && r.DevicesLeftAllowance != nil {
		n := *r.DevicesLeftAllowance
		allowance = append(allowance, ui.Count(n)+" device"+ui.Plural(n))
	}
	if len(allowance) > 0 {
		parts = append(parts, strings.Join(allowance, " and ")+" left in the cap allowance")
	}
	if len(parts) == 0 {
		return "Over plan, within the cap allowance"
	}
	return strings.Join(parts, " · ")
}

// dashboardRow is the start of a list's row: the company and the service it is about.
func dashboardRow(companyID int64, company string, serviceID int64, module string, env *db.Environment) views.DashboardRow {
	return views.DashboardRow{
		Company: company, CompanyURL: partnerURL(companyID),
		Service: audit.ServiceSubject(module, env), ServiceURL: serviceURL(companyID, serviceID),
	}
}

func optionalDate(t *time.Time) string {
	if t == nil {
		return "—"
	}
	return ui.LongDate(*t)
}

func wishedTerm(months *int32) string {
	if months == nil {
		return "no term wished"
	}
	return fmt.Sprintf("wishes %d months", *months)
}

func partnerURL(companyID int64) string { return "/admin/partners/" + ui.Itoa(companyID) }

func serviceURL(companyID, serviceID int64) string {
	return partnerURL(companyID) + "#service-" + ui.Itoa(serviceID)
}
