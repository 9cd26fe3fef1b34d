package staff

import (
	"errors"
	"net/http"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/ui"
	"partnerportal/web/usagehistory"
)

// loadHistory reads a plan's usage history for its account manager; a company the viewer may
// not see, or a service not of that company, is not found.
func loadHistory(c echo.Context, pool *pgxpool.Pool) (usagehistory.Data, error) {
	ctx := c.Request().Context()
	u := ui.UserFromContext(ctx)
	companyID, err := ui.PathID(c, "id")
	if err != nil {
		return usagehistory.Data{}, err
	}
	serviceID, err := ui.PathID(c, "plan")
	if err != nil {
		return usagehistory.Data{}, err
	}
	q := db.New(pool)
	co, err := q.GetCompanyForStaff(ctx, db.GetCompanyForStaffParams{ID: companyID, ViewerID: u.ID})
	if errors.Is(err, pgx.ErrNoRows) {
		return usagehistory.Data{}, echo.ErrNotFound
	}
	if err != nil {
		return usagehistory.Data{}, err
	}
	r := usagehistory.FromQuery(c, usagehistory.Request{CompanyID: companyID, ServiceID: serviceID, Today: ui.When(c).Today})
	d, err := usagehistory.Load(ctx, q, r, partnerURL(companyID)+"/plans/"+ui.Itoa(serviceID)+"/history")
	if errors.Is(err, pgx.ErrNoRows) {
		return d, echo.ErrNotFound
	}
	d.Page.BackURL, d.Page.BackText = serviceURL(companyID, serviceID), "← "+co.PartnerCompany.Name
	d.Page.Title = co.PartnerCompany.Name + ": " + d.Page.Title
	return d, err
}

// HandleUsageHistory is a plan's usage history on the staff side.
func HandleUsageHistory(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		d, err := loadHistory(c, pool)
		if err != nil {
			return err
		}
		status := http.StatusOK
		if d.Page.Errors != nil {
			status = http.StatusUnprocessableEntity
		}
		return ui.Render(c, status, "Usage history", views.UsageHistoryView(d.Page))
	}
}

// HandleUsageHistoryCSV is the same history as a CSV file.
func HandleUsageHistoryCSV(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		d, err := loadHistory(c, pool)
		if err != nil {
			return err
		}
		if d.Page.Errors != nil {
			return &ui.Error{Code: http.StatusUnprocessableEntity, Message: "Choose a range of days like from=2026-03-01&to=2026-03-31."}
		}
		return usagehistory.WriteCSV(c, d)
	}
}
