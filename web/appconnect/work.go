package appconnect

import (
	"context"
	"fmt"
	"strings"
	"time"

	"partnerportal/db"
	"partnerportal/web/clock"
	"partnerportal/web/ui"
)

// do is one step's work on dep: what it did, or why it failed (a failure the partner can
// act on; err is for what went wrong underneath).
func (r Runner) do(ctx context.Context, q *db.Queries, run db.AppRun, dep db.AppDeployment, step string, now time.Time) (string, string, error) {
	switch step {
	case RunValidate:
		return r.validate(ctx, q, run, dep)
	case RunAllocate:
		if dep.Endpoint == "" {
			dep.Endpoint = Endpoint(dep)
			if err := q.SetDeploymentEndpoint(ctx, db.SetDeploymentEndpointParams{ID: dep.ID, Endpoint: dep.Endpoint, Now: now}); err != nil {
				return "", "", err
			}
		}
		return "reserved an instance at " + dep.Endpoint + ".", "", nil
	case RunConfigure:
		rev, err := loadRevision(ctx, q, dep, run.Revision)
		if err != nil {
			return "", "", err
		}
		return fmt.Sprintf("applied revision %d: %s, %s, %s.", run.Revision, count(len(rev.features), "feature"),
			count(len(rev.values), "parameter"), count(len(rev.devices), "device design")), "", nil
	case RunSeed:
		rev, err := loadRevision(ctx, q, dep, run.Revision)
		if err != nil {
			return "", "", err
		}
		devices := 3 * max(len(rev.devices), 1)
		return fmt.Sprintf("loaded %s with a day of readings each (%d readings).", count(devices, "sample device"), devices*96), "", nil
	case RunStart:
		if err := q.SetDeploymentStatus(ctx, db.SetDeploymentStatusParams{ID: dep.ID, Status: db.AppDeploymentStatusRunning, Now: now}); err != nil {
			return "", "", err
		}
		return fmt.Sprintf("revision %d is running at %s.", run.Revision, dep.Endpoint), "", nil
	}
	return "", "", fmt.Errorf("run %d: unknown step %q", run.ID, step)
}

// validate checks, at the moment the run is worked, what the wizard checked when it was
// asked for: AppConnect and the environment's software plan can be used, the template is still
// offered (for a new deployment), and the revision's choices fit the template as it is now.
func (r Runner) validate(ctx context.Context, q *db.Queries, run db.AppRun, dep db.AppDeployment) (string, string, error) {
	today := clock.Today(r.Clock, r.Loc)
	if msg, err := Usable(ctx, q, dep.CompanyID, dep.Environment, today); err != nil || msg != "" {
		return "", msg, err
	}
	t, err := LoadTemplate(ctx, q.Tx(), dep.TemplateID)
	if err != nil {
		return "", "", err
	}
	if run.Kind == db.AppRunKindDeploy && t.RetiredAt != nil {
		return "", "the template “" + t.Name + "” was retired on " + ui.LongDate(t.RetiredAt.In(r.Loc)) + " and can no longer be deployed.", nil
	}
	rev, err := loadRevision(ctx, q, dep, run.Revision)
	if err != nil {
		return "", "", err
	}
	cfg := Config{Values: map[string]string{}, Devices: map[string]int64{}}
	for _, f := range rev.features {
		cfg.Features = append(cfg.Features, f.Key)
	}
	for _, v := range rev.values {
		cfg.Values[v.Key] = v.Value
	}
	for _, d := range rev.devices {
		cfg.Devices[d.Slot] = d.DesignID
	}
	if problems := t.Check(cfg); len(problems) > 0 {
		var words []string
		for _, p := range problems {
			words = append(words, p.Message)
		}
		return "", "the configuration no longer fits “" + t.Name + "”: " + strings.Join(words, " ") + " Reconfigure the deployment to mend it.", nil
	}
	return fmt.Sprintf("the configuration fits “%s” (version %d), and the %s software plan can be used.", t.Name, t.Version, strings.ToLower(dep.Environment.Label())), "", nil
}

// Usable says why a deployment in env cannot be made, started or changed for company today
// ("" when it can): AppConnect and the environment's software plan must both be usable.
func Usable(ctx context.Context, q *db.Queries, company int64, env db.Environment, today time.Time) (string, error) {
	app, err := q.GetCompanyModuleState(ctx, db.GetCompanyModuleStateParams{CompanyID: company, Module: db.ModuleKeyAppconnect, Today: today})
	if err != nil {
		return "", err
	}
	if acc := ui.AccessOf(app); !acc.State.CanUse() {
		if acc.State.ReadOnly() {
			return ui.ReadOnlyText("AppConnect", acc), nil
		}
		return "AppConnect is no longer available to your company.", nil
	}
	plan, err := q.GetCompanyModuleState(ctx, db.GetCompanyModuleStateParams{CompanyID: company, Module: db.ModuleKeySoftware, Environment: &env, Today: today})
	if err != nil {
		return "", err
	}
	return PlanProblem(env, ui.AccessOf(plan)), nil
}

// PlanProblem says why the software plan of env, with access acc, cannot carry a deployment;
// "" when it can.
func PlanProblem(env db.Environment, acc ui.ModuleAccess) string {
	name := "Software products · " + env.Label()
	switch {
	case acc.State.CanUse():
		return ""
	case acc.State.ReadOnly():
		return ui.ReadOnlyText(name, acc)
	case acc.State == db.ServiceStateNone:
		return "Your company holds no " + strings.ToLower(env.Label()) + " software plan: a deployment runs on one."
	}
	return "Your " + strings.ToLower(env.Label()) + " software plan cannot be used: it is " + strings.ToLower(ui.StateLabel(acc.State)) + "."
}

// Endpoint is where a deployment answers once allocated.
func Endpoint(dep db.AppDeployment) string {
	slug := ui.Slugify(dep.Name)
	if slug == "" {
		slug = "app"
	}
	if len(slug) > 40 {
		slug = strings.TrimRight(slug[:40], "-")
	}
	return fmt.Sprintf("https://%s-%d.%s.apps.iotconnect.example", slug, dep.ID, dep.Environment)
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
