package partner

import (
	"errors"
	"net/http"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/appconnect"
	"partnerportal/web/audit"
	"partnerportal/web/jobs"
	"partnerportal/web/ui"
)

// errMendFirst ends a deploy that the review's problems keep back (nothing is written).
var errMendFirst = errors.New("the draft has problems to mend first")

// HandleDeployDraft deploys a reviewed draft: a new deployment (or, for a reconfiguration, the
// deployment's next revision), its run and the run's job, in one transaction with AppConnect
// and the environment's software plan locked and checked again. What keeps the draft back is
// listed on the review step (422), each with the step that mends it.
func HandleDeployDraft(pool *pgxpool.Pool, jq *jobs.Queue, area *ui.Area) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		u, w := ui.UserFromContext(ctx), ui.When(c)
		var d *loadedDraft
		var problems []views.ReviewProblem
		var id int64
		var name string
		var revision int32
		err := appWrite(c, pool, area, func(q *db.Queries, serviceID int64) error {
			var err error
			if d, err = loadDraft(c, q.Tx()); err != nil {
				return err
			}
			if d.applied() {
				return errDraftApplied
			}
			locked, err := q.LockTemplate(ctx, d.tpl.ID)
			if err != nil {
				return err
			}
			if locked.Version != d.tpl.Version { // changed since it was read: read it again
				if d, err = loadDraft(c, q.Tx()); err != nil {
					return err
				}
			}
			dr := d.row.AppDraft
			problems = draftProblems(d, u)
			if dr.Environment != nil && len(problems) == 0 {
				env := *dr.Environment
				if err := q.LockProductPlan(ctx, db.LockProductPlanParams{CompanyID: dr.CompanyID, Module: db.ModuleKeySoftware, Environment: env}); err != nil {
					return err
				}
				if msg, err := appconnect.Usable(ctx, q, dr.CompanyID, env, w.Today); err != nil {
					return err
				} else if msg != "" {
					problems = append(problems, views.ReviewProblem{Message: msg, URL: draftURL(d.id(), appconnect.StepSetup), Step: "Name and environment"})
				}
			}
			if len(problems) > 0 {
				return errMendFirst
			}
			rev := appconnect.Revision{Template: d.tpl, Config: d.config(), Designs: map[string]appconnect.Design{}, Note: "Deployed", By: u.ID, Now: w.Now}
			if d.skipped(u) == "" {
				for slot, design := range rev.Config.Devices {
					if m, ok := d.matching(slot, design); ok {
						rev.Designs[slot] = m
					}
				}
			}
			kind, action, before := db.AppRunKindDeploy, audit.ActionDeploymentCreate, any(nil)
			if d.reconfiguring() {
				dep, err := ui.NotFoundIfNone(q.LockCompanyDeployment(ctx, db.LockCompanyDeploymentParams{ID: *dr.DeploymentID, CompanyID: dr.CompanyID}))
				if err != nil {
					return err
				}
				if dep.Status == db.AppDeploymentStatusDeploying {
					return errStillDeploying(dep.Name)
				}
				if dep.Endpoint != "" {
					kind = db.AppRunKindReconfigure
				}
				id, name, revision, action, rev.Note = dep.ID, dep.Name, dep.Revision+1, audit.ActionDeploymentChange, "Reconfigured"
				before = map[string]any{"revision": dep.Revision, "status": appconnect.Label(dep.Status)}
				if err := q.AdvanceDeployment(ctx, db.AdvanceDeploymentParams{ID: id, Revision: revision, Now: w.Now}); err != nil {
					return err
				}
			} else {
				name, revision = dr.Name, 1
				if id, err = q.CreateDeployment(ctx, db.CreateDeploymentParams{CompanyID: dr.CompanyID, TemplateID: d.tpl.ID, Name: dr.Name,
					Environment: *dr.Environment, CreatedBy: &u.ID, Now: w.Now}); err != nil {
					return nameTaken(err, d, &problems)
				}
			}
			rev.DeploymentID, rev.Number = id, revision
			run, err := appconnect.WriteRevision(ctx, q, rev, kind)
			if err != nil {
				return err
			}
			if err := jq.StartDeployment(ctx, q, run, 1); err != nil {
				return err
			}
			if _, err := q.MarkDraftApplied(ctx, db.MarkDraftAppliedParams{ID: dr.ID, CompanyID: dr.CompanyID, DeploymentID: id, Revision: revision, Now: w.Now}); err != nil {
				return err
			}
			after := map[string]any{"template": d.tpl.Name, "environment": string(*dr.Environment), "revision": revision,
				"features": len(rev.Config.Features), "parameters": len(d.tpl.Parameters), "device_designs": len(rev.Designs)}
			return audit.Write(ctx, q, w.Now, deploymentEvent(c, serviceID, action, name, before, after))
		})
		if errors.Is(err, errMendFirst) {
			p := wizardPage(c, area, d, appconnect.StepReview, nil)
			p.Review = reviewStep(d, u)
			p.Review.Problems = problems
			return renderStep(c, http.StatusUnprocessableEntity, p)
		}
		if err != nil {
			return answerWrite(c, err)
		}
		msg := "“" + name + "” is deploying: follow its steps below."
		if revision > 1 {
			msg = "Revision " + ui.Itoa(int64(revision)) + " of “" + name + "” is being applied: follow its steps below."
		}
		return ui.FlashRedirect(c, "success", msg, deploymentURL(id))
	}
}

// nameTaken turns the unique name of a company's live deployments into a problem to mend.
func nameTaken(err error, d *loadedDraft, problems *[]views.ReviewProblem) error {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.ConstraintName == "app_deployments_company_name_key" {
		*problems = append(*problems, views.ReviewProblem{Message: "Another of your deployments is called “" + d.row.AppDraft.Name + "”: choose another name.",
			URL: draftURL(d.id(), appconnect.StepSetup), Step: "Name and environment"})
		return errMendFirst
	}
	return err
}

// errStillDeploying refuses a change to a deployment whose run has not finished.
func errStillDeploying(name string) error {
	return &ui.Error{Code: http.StatusConflict, Message: "“" + name + "” is still deploying. Wait until its run has finished, then try again."}
}
