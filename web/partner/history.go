package partner

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

// loadHistory reads the usage history of one of the partner's plans; another company's plan,
// or a module that counts nothing, is not found.
func loadHistory(c echo.Context, pool *pgxpool.Pool) (usagehistory.Data, error) {
	u := ui.UserFromContext(c.Request().Context())
	id, err := ui.PathID(c, "id")
	if err != nil {
		return usagehistory.Data{}, err
	}
	r := usagehistory.FromQuery(c, usagehistory.Request{CompanyID: *u.CompanyID, ServiceID: id, Today: ui.When(c).Today})
	d, err := usagehistory.Load(c.Request().Context(), db.New(pool), r, "/services/"+ui.Itoa(id)+"/history")
	if errors.Is(err, pgx.ErrNoRows) {
		return d, echo.ErrNotFound
	}
	d.Page.BackURL, d.Page.BackText = "/services#service-"+ui.Itoa(id), "← My Services"
	return d, err
}

// HandleUsageHistory is a plan's usage history: the chart, its table and the CSV link. Like
// My Services it shows what the plan holds whatever its state.
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
