package staff

import (
	"net/http"
	"strconv"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/appconnect"
	"partnerportal/web/ui"
)

// A partner company's AppConnect deployments, read-only, for its account manager (and
// admins): every query filters by staff_can_see, so another manager's company answers 404.

func deploymentsURL(company int64) string { return partnerURL(company) + "/deployments" }

// HandlePartnerDeployments lists a company's deployments.
func HandlePartnerDeployments(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := ui.PathID(c, "id")
		if err != nil {
			return err
		}
		viewer := ui.UserFromContext(c.Request().Context()).ID
		var company db.GetCompanyForStaffRow
		var rows []db.ListCompanyDeploymentsForStaffRow
		var b db.Batch
		db.Queue(&b, &company, (*db.Queries).GetCompanyForStaff, db.GetCompanyForStaffParams{ID: id, ViewerID: viewer})
		db.Queue(&b, &rows, (*db.Queries).ListCompanyDeploymentsForStaff, db.ListCompanyDeploymentsForStaffParams{CompanyID: id, ViewerID: viewer})
		if _, err := ui.NotFoundIfNone(0, b.Send(c.Request().Context(), pool)); err != nil {
			return err
		}
		p := views.AdminDeploymentsPage{Company: company.PartnerCompany.Name, CompanyURL: partnerURL(id)}
		for _, r := range rows {
			p.Deployments = append(p.Deployments, appconnect.Row(r, deploymentsURL(id)+"/"+ui.Itoa(r.ID), ui.When(c).Loc))
		}
		return ui.OK(c, "Deployments of "+p.Company, views.AdminDeploymentsView(p))
	}
}

// loadPartnerDeployment reads deployment :dep of company :id for the viewer, with what its
// page shows (?revision=N: that revision's configuration); 404 when the viewer may not see it.
func loadPartnerDeployment(c echo.Context, pool *pgxpool.Pool) (*appconnect.Loaded, *int32, error) {
	id, err := ui.PathID(c, "id")
	if err != nil {
		return nil, nil, err
	}
	dep, err := ui.PathID(c, "dep")
	if err != nil {
		return nil, nil, err
	}
	var shown *int32
	if s := c.QueryParam("revision"); s != "" {
		n, err := strconv.ParseInt(s, 10, 32)
		if err != nil || n < 1 {
			return nil, nil, echo.ErrNotFound
		}
		v := int32(n)
		shown = &v
	}
	l := &appconnect.Loaded{}
	var row db.GetDeploymentForStaffRow
	var b db.Batch
	// the deployment first: one the viewer may not see ends the batch with no row
	db.Queue(&b, &row, (*db.Queries).GetDeploymentForStaff, db.GetDeploymentForStaffParams{ID: dep, CompanyID: id, ViewerID: ui.UserFromContext(c.Request().Context()).ID})
	appconnect.QueueLoad(&b, l, dep, id, shown)
	if _, err := ui.NotFoundIfNone(0, b.Send(c.Request().Context(), pool)); err != nil {
		return nil, nil, err
	}
	l.Deployment = db.GetCompanyDeploymentRow(row)
	if shown != nil && *shown > l.Deployment.AppDeployment.Revision {
		return nil, nil, echo.ErrNotFound
	}
	return l, shown, nil
}

// HandlePartnerDeployment is one deployment of a company: its run, configuration, history
// and log, without actions.
func HandlePartnerDeployment(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		l, shown, err := loadPartnerDeployment(c, pool)
		if err != nil {
			return err
		}
		dep := l.Deployment.AppDeployment
		base := deploymentsURL(dep.CompanyID) + "/" + ui.Itoa(dep.ID)
		manifest := base + "/manifest.json"
		if shown != nil {
			manifest += "?revision=" + ui.Itoa(int64(*shown))
		}
		p := appconnect.PageOf(l, shown, appconnect.PageLinks{Back: deploymentsURL(dep.CompanyID), BackLabel: "AppConnect deployments",
			Manifest: manifest, Revision: func(n int32) string { return base + "?revision=" + ui.Itoa(int64(n)) }}, ui.When(c).Loc)
		return ui.OK(c, p.Name, views.DeploymentView(p))
	}
}

// HandlePartnerDeploymentManifest downloads a revision's manifest, as the partner would.
func HandlePartnerDeploymentManifest(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		l, shown, err := loadPartnerDeployment(c, pool)
		if err != nil {
			return err
		}
		n := l.Shown(shown)
		m, ok := appconnect.ManifestOf(l, n)
		if !ok {
			return echo.ErrNotFound
		}
		body, err := m.JSON()
		if err != nil {
			return err
		}
		c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="deployment-`+ui.Itoa(l.Deployment.AppDeployment.ID)+"-r"+ui.Itoa(int64(n))+`.manifest.json"`)
		return c.Blob(http.StatusOK, echo.MIMEApplicationJSONCharsetUTF8, body)
	}
}
