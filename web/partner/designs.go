package partner

import (
	"fmt"
	"partnerportal/web/ui"
	"strconv"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

// ExpressConnect: the company's device designs. Every route is in the expressconnect area, so
// the gate has already answered 404 when the module is hidden and refused writes when it is
// read-only; each handler finds designs by the signed-in user's company only.

// designPath is a design's page.
func designPath(id int64) string { return "/expressconnect/designs/" + ui.Itoa(id) }

// designExportPath is a design's export.
func designExportPath(id int64) string { return designPath(id) + ".json" }

// designsPage is the landing page with the import form as given.
func designsPage(c echo.Context, pool *pgxpool.Pool, area *ui.Area, im views.DesignImport) (views.DesignsPage, error) {
	ctx := c.Request().Context()
	rows, err := db.New(pool).ListCompanyDesigns(ctx, *ui.UserFromContext(ctx).CompanyID)
	if err != nil {
		return views.DesignsPage{}, fmt.Errorf("list designs: %w", err)
	}
	acc := ui.AreaAccess(c)
	return views.DesignsPage{Area: ui.AreaPageOf(area, acc), Designs: ui.DesignRows(rows, designPath, designExportPath, ui.When(c).Loc),
		Import: im, ReadOnly: !acc.State.CanUse(), CSRF: ui.CSRFToken(c)}, nil
}

// HandleDesigns is ExpressConnect's landing page: the designs, New design, and the import.
func HandleDesigns(pool *pgxpool.Pool, area *ui.Area) echo.HandlerFunc {
	return func(c echo.Context) error {
		page, err := designsPage(c, pool, area, views.DesignImport{})
		if err != nil {
			return err
		}
		return ui.OK(c, area.Name, views.DesignsView(page))
	}
}

// designID reads the :id of a design route; anything but a positive number names nothing.
func designID(c echo.Context) (int64, error) { return ui.PathID(c, "id") }

// versionParam reads ?version=N: nil when absent (the current version), 404 when it is not a
// version number.
func versionParam(c echo.Context) (*int32, error) {
	s := c.QueryParam("version")
	if s == "" {
		return nil, nil
	}
	n, err := strconv.ParseInt(s, 10, 32)
	if err != nil || n < 1 {
		return nil, echo.ErrNotFound
	}
	v := int32(n)
	return &v, nil
}

// loadedDesign is one version of a design of the company and, when asked for, its history.
type loadedDesign struct {
	version  db.GetCompanyDesignVersionRow
	versions []db.ListDesignVersionsRow
}

// loadDesign reads version (nil: the current one) of the company's design id, with its
// history when history is set, in one round trip; 404 when the company has no such design
// or version.
func loadDesign(c echo.Context, pool *pgxpool.Pool, id int64, version *int32, history bool) (loadedDesign, error) {
	ctx := c.Request().Context()
	company := *ui.UserFromContext(ctx).CompanyID
	var d loadedDesign
	var b db.Batch
	db.Queue(&b, &d.version, (*db.Queries).GetCompanyDesignVersion, db.GetCompanyDesignVersionParams{ID: id, CompanyID: company, Version: version})
	if history {
		db.Queue(&b, &d.versions, (*db.Queries).ListDesignVersions, db.ListDesignVersionsParams{ID: id, CompanyID: company})
	}
	_, err := ui.NotFoundIfNone(0, b.Send(ctx, pool))
	return d, err
}
