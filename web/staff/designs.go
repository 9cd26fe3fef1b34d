package staff

import (
	"partnerportal/web/ui"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

// A partner company's ExpressConnect designs, read-only, for its account manager (and admins):
// every query filters by staff_can_see, so another manager's company answers 404.

// HandlePartnerDesigns lists a company's designs.
func HandlePartnerDesigns(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := ui.PathID(c, "id")
		if err != nil {
			return err
		}
		viewer := ui.UserFromContext(c.Request().Context()).ID
		var company db.GetCompanyForStaffRow
		var rows []db.ListCompanyDesignsForStaffRow
		var b db.Batch
		db.Queue(&b, &company, (*db.Queries).GetCompanyForStaff, db.GetCompanyForStaffParams{ID: id, ViewerID: viewer})
		db.Queue(&b, &rows, (*db.Queries).ListCompanyDesignsForStaff, db.ListCompanyDesignsForStaffParams{CompanyID: id, ViewerID: viewer})
		if _, err := ui.NotFoundIfNone(0, b.Send(c.Request().Context(), pool)); err != nil {
			return err
		}
		list := make([]db.ListCompanyDesignsRow, len(rows))
		for i, r := range rows {
			list[i] = db.ListCompanyDesignsRow(r)
		}
		designURL := func(d int64) string { return partnerURL(id) + "/designs/" + ui.Itoa(d) }
		page := views.AdminDesignsPage{Company: company.PartnerCompany.Name, CompanyURL: partnerURL(id),
			Designs: ui.DesignRows(list, designURL, nil, ui.When(c).Loc)}
		return ui.OK(c, "Device designs of "+page.Company, views.AdminDesignsView(page))
	}
}

// HandlePartnerDesign is one design of a company, its current version and history.
func HandlePartnerDesign(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := ui.PathID(c, "id")
		if err != nil {
			return err
		}
		did, err := ui.PathID(c, "did")
		if err != nil {
			return err
		}
		viewer := ui.UserFromContext(c.Request().Context()).ID
		var company db.GetCompanyForStaffRow
		var design db.GetDesignForStaffRow
		var versions []db.ListDesignVersionsRow
		var b db.Batch
		// the company first: one the viewer may not see ends the batch with no row
		db.Queue(&b, &company, (*db.Queries).GetCompanyForStaff, db.GetCompanyForStaffParams{ID: id, ViewerID: viewer})
		db.Queue(&b, &design, (*db.Queries).GetDesignForStaff, db.GetDesignForStaffParams{ID: did, CompanyID: id, ViewerID: viewer})
		db.Queue(&b, &versions, (*db.Queries).ListDesignVersions, db.ListDesignVersionsParams{ID: did, CompanyID: id})
		if _, err := ui.NotFoundIfNone(0, b.Send(c.Request().Context(), pool)); err != nil {
			return err
		}
		row := db.GetCompanyDesignVersionRow(design)
		doc, err := ui.DesignDocument(row)
		if err != nil {
			return err
		}
		dv, err := ui.DesignViewOf(doc, row, versions, "", false, ui.When(c).Loc)
		if err != nil {
			return err
		}
		page := views.AdminDesignPage{Company: company.PartnerCompany.Name, CompanyURL: partnerURL(id),
			ListURL: partnerURL(id) + "/designs", Design: dv}
		return ui.OK(c, dv.Name, views.AdminDesignView(page))
	}
}
