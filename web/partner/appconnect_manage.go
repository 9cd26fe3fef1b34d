package partner

import (
	"errors"
	"net/http"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/appconnect"
	"partnerportal/web/audit"
	"partnerportal/web/ui"
)

// HandleReconfigureDeployment opens the wizard on the deployment's latest revision: a draft
// of its configuration that becomes the next revision when applied. A reconfiguration begun
// and not applied is taken up again.
func HandleReconfigureDeployment(pool *pgxpool.Pool, area *ui.Area) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx, w := c.Request().Context(), ui.When(c)
		u := ui.UserFromContext(ctx)
		var draft int64
		err := deploymentWrite(c, pool, area, func(q *db.Queries, dep db.AppDeployment, _ int64) error {
			if dep.Status == db.AppDeploymentStatusDeploying {
				return errStillDeploying(dep.Name)
			}
			id, err := q.GetOpenReconfiguration(ctx, db.GetOpenReconfigurationParams{DeploymentID: dep.ID, CompanyID: dep.CompanyID})
			if err == nil {
				draft = id
				return nil
			}
			if !errors.Is(err, pgx.ErrNoRows) {
				return err
			}
			l := appconnect.Loaded{}
			var b db.Batch
			appconnect.QueueLoad(&b, &l, dep.ID, dep.CompanyID, nil)
			if err := b.Send(ctx, q.Tx()); err != nil {
				return err
			}
			t, err := appconnect.LoadTemplate(ctx, q.Tx(), dep.TemplateID)
			if err != nil {
				return err
			}
			var features []string
			for _, f := range l.Features {
				features = append(features, f.Key)
			}
			env := dep.Environment
			if draft, err = q.CreateDraft(ctx, db.CreateDraftParams{CompanyID: dep.CompanyID, TemplateID: dep.TemplateID, DeploymentID: &dep.ID,
				Name: dep.Name, Environment: &env, Features: features, Reached: 4, CreatedBy: &u.ID, Now: w.Now}); err != nil {
				return err
			}
			values := t.DefaultValues()
			for _, v := range l.Values {
				if t.HasParameter(v.Key) {
					values[v.Key] = v.Value
				}
			}
			if err := saveValues(c, q, draft, values); err != nil {
				return err
			}
			devices := db.ReplaceDraftDevicesParams{DraftID: draft, CompanyID: dep.CompanyID, Slots: []string{}, Designs: []int64{}}
			for _, d := range l.Devices {
				if t.HasDevice(d.Slot) {
					devices.Slots, devices.Designs = append(devices.Slots, d.Slot), append(devices.Designs, d.DesignID)
				}
			}
			return q.ReplaceDraftDevices(ctx, devices)
		})
		if err != nil {
			return answerWrite(c, err)
		}
		return ui.Redirect(c, draftURL(draft, appconnect.StepFeatures))
	}
}

// HandleDeleteDeploymentPage asks to confirm a deletion.
func HandleDeleteDeploymentPage(pool *pgxpool.Pool, area *ui.Area) echo.HandlerFunc {
	return func(c echo.Context) error {
		l, err := loadDeployment(c, pool, nil)
		if err != nil {
			return err
		}
		return ui.OK(c, "Delete "+l.Deployment.AppDeployment.Name, views.DeleteDeploymentView(deletePage(c, area, l.Deployment.AppDeployment, "", nil)))
	}
}

func deletePage(c echo.Context, area *ui.Area, dep db.AppDeployment, typed string, errs views.FieldErrors) views.DeleteDeploymentPage {
	acc := ui.AreaAccess(c)
	return views.DeleteDeploymentPage{Area: ui.AreaPageOf(area, acc), Name: dep.Name, Action: deploymentURL(dep.ID) + "/delete",
		CancelURL: deploymentURL(dep.ID), Typed: typed, Errors: errs, ReadOnly: !acc.State.CanUse(), CSRF: ui.CSRFToken(c)}
}

// HandleDeleteDeployment deletes a deployment once its name is typed to confirm: it leaves
// every list; its revisions, runs and log stay, and a run still going on fails.
func HandleDeleteDeployment(pool *pgxpool.Pool, area *ui.Area) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx, w := c.Request().Context(), ui.When(c)
		typed := strings.TrimSpace(c.FormValue("confirm_name"))
		var name string
		var mismatch *db.AppDeployment
		err := deploymentWrite(c, pool, area, func(q *db.Queries, dep db.AppDeployment, serviceID int64) error {
			name = dep.Name
			if typed != dep.Name {
				mismatch = &dep
				return nil
			}
			if err := q.DeleteDeployment(ctx, db.DeleteDeploymentParams{ID: dep.ID, Now: w.Now}); err != nil {
				return err
			}
			if err := logAction(c, q, dep, "Deleted."); err != nil {
				return err
			}
			return audit.Write(ctx, q, w.Now, deploymentEvent(c, serviceID, audit.ActionDeploymentDelete, dep.Name,
				map[string]any{"status": appconnect.Label(dep.Status), "revision": dep.Revision}, nil))
		})
		if err != nil {
			return answerWrite(c, err)
		}
		if mismatch != nil {
			if !ui.CleanText(typed, false) {
				typed = ""
			}
			errs := views.FieldErrors{"confirm_name": "Type “" + mismatch.Name + "” exactly, to show it is the one to delete."}
			return ui.Render(c, http.StatusUnprocessableEntity, "Delete "+mismatch.Name, views.DeleteDeploymentView(deletePage(c, area, *mismatch, typed, errs)))
		}
		return ui.FlashRedirect(c, "success", "“"+name+"” is deleted. Its history stays in the audit trail.", area.Path)
	}
}
