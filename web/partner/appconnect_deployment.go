package partner

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

// revisionParam reads ?revision=N: nil when absent (the latest), 404 when it is no number.
func revisionParam(c echo.Context) (*int32, error) {
	s := c.QueryParam("revision")
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

// loadDeployment reads the company's deployment :id with what its page shows, in one round
// trip; 404 when the company has no such deployment (or it was deleted), or no such revision.
func loadDeployment(c echo.Context, pool *pgxpool.Pool, revision *int32) (*appconnect.Loaded, error) {
	id, err := ui.PathID(c, "id")
	if err != nil {
		return nil, err
	}
	company := *ui.UserFromContext(c.Request().Context()).CompanyID
	l := &appconnect.Loaded{}
	var b db.Batch
	db.Queue(&b, &l.Deployment, (*db.Queries).GetCompanyDeployment, db.GetCompanyDeploymentParams{ID: id, CompanyID: company})
	appconnect.QueueLoad(&b, l, id, company, revision)
	if _, err := ui.NotFoundIfNone(0, b.Send(c.Request().Context(), pool)); err != nil {
		return nil, err
	}
	if revision != nil && *revision > l.Deployment.AppDeployment.Revision {
		return nil, echo.ErrNotFound
	}
	return l, nil
}

// deploymentPage is the deployment's page for the partner: with its actions, disabled while
// AppConnect is read-only, and the progress card polling while its run goes on.
func deploymentPage(c echo.Context, area *ui.Area, l *appconnect.Loaded, shown *int32) views.DeploymentPage {
	dep := l.Deployment.AppDeployment
	acc, csrf := ui.AreaAccess(c), ui.CSRFToken(c)
	base := deploymentURL(dep.ID)
	manifest := base + "/manifest.json"
	if shown != nil {
		manifest += "?revision=" + ui.Itoa(int64(*shown))
	}
	p := appconnect.PageOf(l, shown, appconnect.PageLinks{Back: area.Path, BackLabel: area.Name, Manifest: manifest,
		Revision: func(n int32) string { return base + "?revision=" + ui.Itoa(int64(n)) }}, ui.When(c).Loc)
	p.Area = ui.AreaPageOf(area, acc)
	readOnly := !acc.State.CanUse()
	p.Progress.CSRF, p.Progress.ReadOnly = csrf, readOnly
	if l.Active() {
		p.Progress.PollURL = base + "/progress"
	}
	if l.Run.Status == db.AppRunStatusFailed && dep.Status == db.AppDeploymentStatusFailed {
		p.Progress.RetryURL = base + "/retry"
	}
	a := &views.DeploymentActions{DeleteURL: base + "/delete", ReadOnly: readOnly, CSRF: csrf}
	switch {
	case readOnly:
		a.Why = "AppConnect is read-only: deployments cannot be started, stopped, changed or made into products until it is renewed."
	case dep.Status == db.AppDeploymentStatusDeploying:
		a.Why = "While a run goes on the deployment cannot be changed; its actions come back when the run has finished."
	}
	if dep.Status != db.AppDeploymentStatusDeploying {
		a.ReconfigureURL = base + "/reconfigure"
	}
	switch dep.Status {
	case db.AppDeploymentStatusRunning:
		a.StopURL = base + "/stop"
	case db.AppDeploymentStatusStopped:
		a.StartURL = base + "/start"
	}
	if dep.ProductID == nil {
		a.ProductURL = base + "/product"
	} else if l.Deployment.ProductName != nil {
		a.Product, a.ProductPageURL = *l.Deployment.ProductName, "/products/"+ui.Itoa(*dep.ProductID)
	}
	p.Actions = a
	return p
}

// HandleDeployment is a deployment's page (?revision=N shows an earlier configuration).
func HandleDeployment(pool *pgxpool.Pool, area *ui.Area) echo.HandlerFunc {
	return func(c echo.Context) error {
		shown, err := revisionParam(c)
		if err != nil {
			return err
		}
		l, err := loadDeployment(c, pool, shown)
		if err != nil {
			return err
		}
		p := deploymentPage(c, area, l, shown)
		return ui.OK(c, p.Name, views.DeploymentView(p))
	}
}

// HandleDeploymentProgress answers the progress card's poll: the card and, out of band, the
// rest the run changes. Outside htmx it is the deployment's page.
func HandleDeploymentProgress(pool *pgxpool.Pool, area *ui.Area) echo.HandlerFunc {
	return func(c echo.Context) error {
		l, err := loadDeployment(c, pool, nil)
		if err != nil {
			return err
		}
		p := deploymentPage(c, area, l, nil)
		if ui.IsHTMX(c) {
			return ui.RenderFragment(c, http.StatusOK, views.DeploymentPoll(p))
		}
		return ui.OK(c, p.Name, views.DeploymentView(p))
	}
}

// HandleDeploymentManifest downloads a revision's manifest (?revision=N; the latest without).
// It stays available while AppConnect is read-only.
func HandleDeploymentManifest(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		shown, err := revisionParam(c)
		if err != nil {
			return err
		}
		l, err := loadDeployment(c, pool, shown)
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
		name := ui.Slugify(l.Deployment.AppDeployment.Name)
		if name == "" {
			name = "deployment"
		}
		c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="`+name+"-r"+ui.Itoa(int64(n))+`.manifest.json"`)
		return c.Blob(http.StatusOK, echo.MIMEApplicationJSONCharsetUTF8, body)
	}
}
