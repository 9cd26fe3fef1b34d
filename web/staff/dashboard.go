package staff

import (
	"fmt"
	"partnerportal/web/audit"
	"partnerportal/web/ui"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

// dashboardService is one service in a dashboard list, as GetStaffDashboard writes it.
type dashboardService struct {
	CompanyID     int64           `json:"company_id"`
	CompanyName   string          `json:"company_name"`
	ServiceID     int64           `json:"service_id"`
	ModuleName    string          `json:"module_name"`
	Environment   *db.Environment `json:"environment"`
	State         db.ServiceState `json:"state"`
	ValidUntil    *ui.JSONDate    `json:"valid_until"`
	ExpiredFrom   *ui.JSONDate    `json:"expired_from"`
	GraceDaysLeft int             `json:"grace_days_left"`
	Unit          string          `json:"unit"`
	Used          int64           `json:"used"`
	Quota         int64           `json:"quota"`
	// open renewal requests
	ID          int64     `json:"id"`
	CreatedAt   time.Time `json:"created_at"`
	TermMonths  *int32    `json:"term_months"`
	RequestedBy string    `json:"requested_by"`
}

type dashboardCompany struct {
	ID                                           int64
	Name, Manager                                string
	Active, Grace, ReadOnly, Inactive, Scheduled int
}

// HandleStaffHome is the dashboard: the viewer's partner companies (an admin's: all, or one
// account manager's) and what needs attention, most urgent first.
func HandleStaffHome(pool *pgxpool.Pool) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		u := ui.UserFromContext(c.Request().Context())
		params := db.GetStaffDashboardParams{ViewerID: u.ID, Today: ui.When(c).Today}
		manager := c.QueryParam("manager")
		if id, err := strconv.ParseInt(manager, 10, 64); err == nil && u.Role == db.UserRoleAdmin {
			params.ManagerID = &id
		}
		row, err := q.GetStaffDashboard(c.Request().Context(), params)
		if err != nil {
			return err
		}
		var companies []dashboardCompany
		var requests, attention, expiring, quotas []dashboardService
		var managers []struct {
			ID   int64
			Name string
		}
		if err := ui.DecodeJSON(row.Companies, &companies, row.Requests, &requests, row.Attention, &attention,
			row.Expiring, &expiring, row.Quotas, &quotas, row.Managers, &managers); err != nil {
			return err
		}
		page := views.DashboardPage{Lead: "The partner companies assigned to you and what needs your attention, most urgent first."}
		if u.Role == db.UserRoleAdmin {
			page.Lead = "Every partner company and what needs attention, most urgent first."
			page.Managers = []views.Option{{Value: "", Label: "All account managers", Selected: params.ManagerID == nil}}
			for _, m := range managers {
				v := ui.Itoa(m.ID)
				page.Managers = append(page.Managers, views.Option{Value: v, Label: m.Name, Selected: v == manager})
			}
		}
		for _, co := range companies {
			page.Companies = append(page.Companies, views.DashboardCompany{Name: co.Name, URL: partnerURL(co.ID), Manager: co.Manager,
				Active: co.Active, Grace: co.Grace, ReadOnly: co.ReadOnly, Inactive: co.Inactive, Scheduled: co.Scheduled})
		}
		for _, r := range requests {
			row := dashboardRow(r)
			row.Badge = ui.RequestBadge(db.RenewalRequestStatusOpen)
			row.When = ui.LongDate(r.CreatedAt.In(ui.When(c).Loc))
			row.Detail = "By " + r.RequestedBy + " · " + wishedTerm(r.TermMonths)
			row.Action, row.ActionURL = "Answer", "/admin/renewals#request-"+ui.Itoa(r.ID)
			page.Requests = append(page.Requests, row)
		}
		for _, r := range attention {
			row := dashboardRow(r)
			switch {
			case r.State == db.ServiceStateExpired && r.ExpiredFrom != nil:
				row.When, row.Detail = ui.LongDate(r.ExpiredFrom.Time), "Read-only since then"
			case r.State == db.ServiceStateExhausted:
				row.When, row.Detail = ui.LongDate(r.ValidUntil.Time), "A quota is used up, cap allowance included"
			default:
				row.When = ui.LongDate(r.ValidUntil.Time)
				row.Detail = fmt.Sprintf("%d day%s of grace left", r.GraceDaysLeft, ui.Plural(int64(r.GraceDaysLeft)))
			}
			page.Attention = append(page.Attention, row)
		}
		for _, r := range expiring {
			row := dashboardRow(r)
			row.When = ui.LongDate(r.ValidUntil.Time)
			row.Detail = "Not renewed yet"
			page.Expiring = append(page.Expiring, row)
		}
		for _, r := range quotas {
			row := dashboardRow(r)
			row.When = fmt.Sprintf("%d%%", r.Used*100/r.Quota)
			row.Detail = fmt.Sprintf("%s of %s %s", ui.Count(r.Used), ui.Count(r.Quota), r.Unit)
			page.Quotas = append(page.Quotas, row)
		}
		return ui.OK(c, "Dashboard", views.DashboardView(page))
	}
}

func dashboardRow(r dashboardService) views.DashboardRow {
	return views.DashboardRow{
		Company: r.CompanyName, CompanyURL: partnerURL(r.CompanyID),
		Service: audit.ServiceSubject(r.ModuleName, r.Environment), ServiceURL: serviceURL(r.CompanyID, r.ServiceID),
		Badge: ui.StateBadge(r.State),
	}
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
