package partner

import (
	"net/http"
	"partnerportal/web/ui"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/views"
	"partnerportal/web/devicedesign"
)

// HandleDesign is a design's page (?version=N shows an older version as it was saved). The
// same route answers :id.json, the export: echo names a path parameter up to the next slash,
// so /designs/:id and /designs/:id.json cannot be two routes.
func HandleDesign(pool *pgxpool.Pool, area *ui.Area) echo.HandlerFunc {
	return func(c echo.Context) error {
		raw := c.Param("id")
		if num, ok := strings.CutSuffix(raw, ".json"); ok {
			return exportDesign(c, pool, num)
		}
		id, err := designID(c)
		if err != nil {
			return err
		}
		version, err := versionParam(c)
		if err != nil {
			return err
		}
		d, err := loadDesign(c, pool, id, version, true)
		if err != nil {
			return err
		}
		doc, err := ui.DesignDocument(d.version)
		if err != nil {
			return err
		}
		dv, err := ui.DesignViewOf(doc, d.version, d.versions, designPath(id), true, ui.When(c).Loc)
		if err != nil {
			return err
		}
		acc := ui.AreaAccess(c)
		page := views.DesignPage{Area: ui.AreaPageOf(area, acc), Design: dv, EditURL: designPath(id) + "/edit",
			DuplicateURL: designPath(id) + "/duplicate", CompareURL: designPath(id) + "/compare",
			ReadOnly: !acc.State.CanUse(), CSRF: ui.CSRFToken(c)}
		return ui.OK(c, doc.Name, views.DesignPageView(page))
	}
}

// exportDesign answers the design's JSON document (?version=N: that version's).
func exportDesign(c echo.Context, pool *pgxpool.Pool, num string) error {
	id, err := strconv.ParseInt(num, 10, 64)
	if err != nil || id <= 0 {
		return echo.ErrNotFound
	}
	version, err := versionParam(c)
	if err != nil {
		return err
	}
	d, err := loadDesign(c, pool, id, version, false)
	if err != nil {
		return err
	}
	doc, err := ui.DesignDocument(d.version)
	if err != nil {
		return err
	}
	body, err := devicedesign.Export(doc)
	if err != nil {
		return err
	}
	return jsonDownload(c, ui.Slugify(doc.Name)+"-v"+strconv.Itoa(doc.Version)+".json", body)
}

// HandleDesignSample downloads the design's sample telemetry payload.
func HandleDesignSample(pool *pgxpool.Pool) echo.HandlerFunc {
	return designDownload(pool, "sample", func(d devicedesign.Document) any { return devicedesign.SamplePayload(d.Attributes) })
}

// HandleDesignPayloadSchema downloads the JSON Schema of the design's telemetry payload.
func HandleDesignPayloadSchema(pool *pgxpool.Pool) echo.HandlerFunc {
	return designDownload(pool, "payload-schema", func(d devicedesign.Document) any { return devicedesign.PayloadSchema(d) })
}

func designDownload(pool *pgxpool.Pool, what string, make func(devicedesign.Document) any) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := designID(c)
		if err != nil {
			return err
		}
		version, err := versionParam(c)
		if err != nil {
			return err
		}
		d, err := loadDesign(c, pool, id, version, false)
		if err != nil {
			return err
		}
		doc, err := ui.DesignDocument(d.version)
		if err != nil {
			return err
		}
		body, err := devicedesign.Indented(make(doc))
		if err != nil {
			return err
		}
		return jsonDownload(c, ui.Slugify(doc.Name)+"-v"+strconv.Itoa(doc.Version)+"-"+what+".json", body)
	}
}

// HandleDesignSchema serves the design format's JSON Schema.
func HandleDesignSchema() echo.HandlerFunc {
	return func(c echo.Context) error {
		return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, devicedesign.SchemaJSON())
	}
}

// jsonDownload answers body as a JSON file named name.
func jsonDownload(c echo.Context, name string, body []byte) error {
	if name == "" || strings.HasPrefix(name, "-") {
		name = "design" + name
	}
	c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="`+name+`"`)
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, body)
}
