package partner

import (
	"partnerportal/views"
	"partnerportal/web/ui"

	"github.com/labstack/echo/v4"
)

// HandleAreaHome is an area's landing page: its state and what it holds.
func HandleAreaHome(area *ui.Area) echo.HandlerFunc {
	return func(c echo.Context) error {
		return ui.OK(c, area.Name, views.AreaHome(ui.AreaPageOf(area, ui.AreaAccess(c))))
	}
}
