package usagehistory

import (
	"encoding/csv"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
)

// WriteCSV answers with the history's days as a CSV file: day, metric, accepted, term total.
func WriteCSV(c echo.Context, d Data) error {
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	h.Set(echo.HeaderContentDisposition, `attachment; filename="usage-`+strconv.FormatInt(d.Plan.ID, 10)+"-"+d.Page.Metric+`.csv"`)
	c.Response().WriteHeader(http.StatusOK)
	w := csv.NewWriter(c.Response())
	_ = w.Write([]string{"day", "metric", "accepted", "term_total"})
	for _, day := range d.Days {
		_ = w.Write([]string{day.Date.Format(time.DateOnly), d.Page.Metric, strconv.FormatInt(day.Quantity, 10), strconv.FormatInt(day.Cumulative, 10)})
	}
	w.Flush()
	return w.Error()
}

// FromQuery is the request's metric and range from the query string.
func FromQuery(c echo.Context, r Request) Request {
	r.Metric, r.From, r.To = c.QueryParam("metric"), c.QueryParam("from"), c.QueryParam("to")
	return r
}
