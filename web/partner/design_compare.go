package partner

import (
	"partnerportal/web/ui"
	"strconv"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/devicedesign"
)

// HandleCompareDesign shows what changed between two versions of a design (?from=&to=; by
// default the previous version and the current one).
func HandleCompareDesign(pool *pgxpool.Pool, area *ui.Area) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := designID(c)
		if err != nil {
			return err
		}
		cur, err := loadDesign(c, pool, id, nil, true)
		if err != nil {
			return err
		}
		page := views.DesignComparePage{Area: ui.AreaPageOf(area, ui.AreaAccess(c)), Name: cur.version.Name, DesignURL: designPath(id)}
		title := "Compare versions of " + cur.version.Name
		if len(cur.versions) < 2 {
			page.Single = true
			return ui.OK(c, title, views.DesignCompareView(page))
		}
		last := cur.version.CurrentVersion
		from, to := comparedVersion(c.QueryParam("from"), last-1, last), comparedVersion(c.QueryParam("to"), last, last)
		page.From, page.To = strconv.Itoa(int(from)), strconv.Itoa(int(to))
		for _, v := range cur.versions {
			page.Versions = append(page.Versions, views.Option{Value: strconv.Itoa(int(v.Version)), Label: "Version " + strconv.Itoa(int(v.Version)) + " · " + ui.LongDate(v.SavedAt.In(ui.When(c).Loc))})
		}
		// both versions in one round trip
		rows := make([]db.GetCompanyDesignVersionRow, 2)
		var b db.Batch
		for i, v := range []int32{from, to} {
			db.Queue(&b, &rows[i], (*db.Queries).GetCompanyDesignVersion,
				db.GetCompanyDesignVersionParams{ID: id, CompanyID: cur.version.CompanyID, Version: &v})
		}
		if _, err := ui.NotFoundIfNone(0, b.Send(c.Request().Context(), pool)); err != nil {
			return err
		}
		docs := make([]devicedesign.Document, 2)
		for i := range rows {
			if docs[i], err = ui.DesignDocument(rows[i]); err != nil {
				return err
			}
		}
		page.Groups = changeGroups(devicedesign.Compare(docs[0], docs[1]))
		return ui.OK(c, title, views.DesignCompareView(page))
	}
}

// comparedVersion reads a version to compare: a number from 1 to last, else def.
func comparedVersion(s string, def, last int32) int32 {
	n, err := strconv.ParseInt(s, 10, 32)
	if err != nil || n < 1 || int32(n) > last {
		return def
	}
	return int32(n)
}

// changeGroups groups changes by section, in the design's order.
func changeGroups(changes []devicedesign.Change) []views.ChangeGroup {
	var out []views.ChangeGroup
	for _, ch := range changes {
		if len(out) == 0 || out[len(out)-1].Section != ch.Section {
			out = append(out, views.ChangeGroup{Section: ch.Section})
		}
		g := &out[len(out)-1]
		g.Changes = append(g.Changes, views.DesignChange{Kind: ch.Kind, Name: ch.Name, Details: ch.Details})
	}
	return out
}
