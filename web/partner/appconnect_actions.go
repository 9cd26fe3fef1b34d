package partner

import (
	"net/http"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/web/appconnect"
	"partnerportal/web/audit"
	"partnerportal/web/jobs"
	"partnerportal/web/ui"
)

// deploymentWrite runs fn with AppConnect re-checked (appWrite) and the company's deployment
// :id locked; 404 when the company has no such deployment.
func deploymentWrite(c echo.Context, pool *pgxpool.Pool, area *ui.Area, fn func(q *db.Queries, dep db.AppDeployment, serviceID int64) error) error {
	ctx := c.Request().Context()
	id, err := ui.PathID(c, "id")
	if err != nil {
		return err
	}
	return appWrite(c, pool, area, func(q *db.Queries, serviceID int64) error {
		dep, err := ui.NotFoundIfNone(q.LockCompanyDeployment(ctx, db.LockCompanyDeploymentParams{ID: id, CompanyID: *ui.UserFromContext(ctx).CompanyID}))
		if err != nil {
			return err
		}
		return fn(q, dep, serviceID)
	})
}

// logAction writes a person's action to the deployment's log.
func logAction(c echo.Context, q *db.Queries, dep db.AppDeployment, msg string) error {
	u := ui.UserFromContext(c.Request().Context())
	return q.LogDeployment(c.Request().Context(), db.LogDeploymentParams{DeploymentID: dep.ID, Message: msg, ActorID: &u.ID, Now: ui.When(c).Now})
}

// conflict refuses an action the deployment's status does not allow, saying why.
func conflict(msg string) error { return &ui.Error{Code: http.StatusConflict, Message: msg} }

// HandleStopDeployment stops a running deployment.
func HandleStopDeployment(pool *pgxpool.Pool, area *ui.Area) echo.HandlerFunc {
	return statusAction(pool, area, db.AppDeploymentStatusRunning, db.AppDeploymentStatusStopped, audit.ActionDeploymentStop, "Stopped.", "is stopped.")
}

// HandleStartDeployment starts a stopped deployment again, if its environment's software
// plan can carry it.
func HandleStartDeployment(pool *pgxpool.Pool, area *ui.Area) echo.HandlerFunc {
	return statusAction(pool, area, db.AppDeploymentStatusStopped, db.AppDeploymentStatusRunning, audit.ActionDeploymentStart, "Started.", "is running again.")
}

// statusAction moves a deployment from one status to another, logged and audited.
func statusAction(pool *pgxpool.Pool, area *ui.Area, from, to db.AppDeploymentStatus, action, logged, told string) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx, w := c.Request().Context(), ui.When(c)
		var name string
		var id int64
		err := deploymentWrite(c, pool, area, func(q *db.Queries, dep db.AppDeployment, serviceID int64) error {
			name, id = dep.Name, dep.ID
			if dep.Status != from {
				verb := "stopped"
				if to == db.AppDeploymentStatusRunning {
					verb = "started"
				}
				return conflict("“" + dep.Name + "” is " + strings.ToLower(appconnect.Label(dep.Status)) + " now, so it cannot be " + verb + ". Reload the page to see where it is.")
			}
			if to == db.AppDeploymentStatusRunning {
				if err := q.LockProductPlan(ctx, db.LockProductPlanParams{CompanyID: dep.CompanyID, Module: db.ModuleKeySoftware, Environment: dep.Environment}); err != nil {
					return err
				}
				if msg, err := appconnect.Usable(ctx, q, dep.CompanyID, dep.Environment, w.Today); err != nil || msg != "" {
					if err != nil {
						return err
					}
					return conflict("“" + dep.Name + "” cannot start: " + msg)
				}
			}
			if err := q.SetDeploymentStatus(ctx, db.SetDeploymentStatusParams{ID: dep.ID, Status: to, Now: w.Now}); err != nil {
				return err
			}
			if err := logAction(c, q, dep, logged); err != nil {
				return err
			}
			return audit.Write(ctx, q, w.Now, deploymentEvent(c, serviceID, action, dep.Name,
				map[string]string{"status": appconnect.Label(from)}, map[string]string{"status": appconnect.Label(to)}))
		})
		if err != nil {
			return answerWrite(c, err)
		}
		return ui.FlashRedirect(c, "success", "“"+name+"” "+told, deploymentURL(id))
	}
}

// HandleRetryDeployment takes a failed run up again at the step that failed, as a new job.
func HandleRetryDeployment(pool *pgxpool.Pool, jq *jobs.Queue, area *ui.Area) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx, w := c.Request().Context(), ui.When(c)
		var id int64
		err := deploymentWrite(c, pool, area, func(q *db.Queries, dep db.AppDeployment, serviceID int64) error {
			id = dep.ID
			run, err := q.GetLatestRun(ctx, db.GetLatestRunParams{DeploymentID: dep.ID, CompanyID: dep.CompanyID})
			if err != nil {
				return err
			}
			if dep.Status != db.AppDeploymentStatusFailed || run.Status != db.AppRunStatusFailed {
				return conflict("“" + dep.Name + "” has nothing to retry: its latest run did not fail.")
			}
			tries, err := q.RetryRun(ctx, run.ID)
			if err != nil {
				return err
			}
			if err := q.SetDeploymentStatus(ctx, db.SetDeploymentStatusParams{ID: dep.ID, Status: db.AppDeploymentStatusDeploying, Now: w.Now}); err != nil {
				return err
			}
			if err := logAction(c, q, dep, "Retry asked: the run goes on from the step that failed."); err != nil {
				return err
			}
			if err := jq.StartDeployment(ctx, q, run.ID, tries); err != nil {
				return err
			}
			return audit.Write(ctx, q, w.Now, deploymentEvent(c, serviceID, audit.ActionDeploymentRetry, dep.Name,
				map[string]string{"failure": run.Failure}, map[string]any{"revision": run.Revision, "try": tries}))
		})
		if err != nil {
			return answerWrite(c, err)
		}
		return ui.FlashRedirect(c, "success", "Retrying: the run goes on from the step that failed.", deploymentURL(id))
	}
}
