package appconnect

import (
	"fmt"
	"time"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/ui"
)

// LogSize is how many of a deployment's latest log entries its page shows.
const LogSize = 30

// Loaded is a deployment with what its page and its manifest show: the revision Shown (its
// latest, unless another was asked for) and the latest run.
type Loaded struct {
	Deployment db.GetCompanyDeploymentRow
	Revisions  []db.ListDeploymentRevisionsRow
	Run        db.AppRun
	Steps      []db.AppRunStep
	Log        []db.ListDeploymentLogRow
	Features   []db.ListRevisionFeaturesRow
	Values     []db.ListRevisionValuesRow
	Devices    []db.ListRevisionDevicesRow
}

// QueueLoad adds the reads of deployment id of company to b, after the query the caller
// queued for the deployment itself; revision nil shows the latest.
func QueueLoad(b *db.Batch, l *Loaded, id, company int64, revision *int32) {
	db.Queue(b, &l.Revisions, (*db.Queries).ListDeploymentRevisions, db.ListDeploymentRevisionsParams{DeploymentID: id, CompanyID: company})
	db.Queue(b, &l.Run, (*db.Queries).GetLatestRun, db.GetLatestRunParams{DeploymentID: id, CompanyID: company})
	db.Queue(b, &l.Steps, (*db.Queries).ListLatestRunSteps, db.ListLatestRunStepsParams{DeploymentID: id, CompanyID: company})
	db.Queue(b, &l.Log, (*db.Queries).ListDeploymentLog, db.ListDeploymentLogParams{DeploymentID: id, CompanyID: company, MaxRows: LogSize})
	db.Queue(b, &l.Features, (*db.Queries).ListRevisionFeatures, db.ListRevisionFeaturesParams{DeploymentID: id, CompanyID: company, Revision: revision})
	db.Queue(b, &l.Values, (*db.Queries).ListRevisionValues, db.ListRevisionValuesParams{DeploymentID: id, CompanyID: company, Revision: revision})
	db.Queue(b, &l.Devices, (*db.Queries).ListRevisionDevices, db.ListRevisionDevicesParams{DeploymentID: id, CompanyID: company, Revision: revision})
}

// Active says whether the latest run is still going on.
func (l *Loaded) Active() bool {
	return l.Run.Status == db.AppRunStatusQueued || l.Run.Status == db.AppRunStatusRunning
}

// Shown is the number of the revision shown.
func (l *Loaded) Shown(revision *int32) int32 {
	if revision != nil {
		return *revision
	}
	return l.Deployment.AppDeployment.Revision
}

// PageLinks are the addresses a deployment's page links to.
type PageLinks struct {
	Back, BackLabel, Manifest string
	// Revision is the page showing revision n.
	Revision func(n int32) string
}

// PageOf is the deployment's page without actions; shown is the revision whose configuration
// it shows (nil: the latest), 404 to the caller when there is no such revision.
func PageOf(l *Loaded, shown *int32, links PageLinks, loc *time.Location) views.DeploymentPage {
	dep := l.Deployment.AppDeployment
	p := views.DeploymentPage{BackURL: links.Back, BackLabel: links.BackLabel, ID: dep.ID, Name: dep.Name,
		Status: Badge(dep.Status), ManifestURL: links.Manifest, Progress: Progress(l.Run, l.Steps)}
	p.Facts = Facts(l, loc)
	n := l.Shown(shown)
	p.Config = views.RevisionConfig{Revision: n, Current: n == dep.Revision, CurrentURL: links.Revision(dep.Revision)}
	for _, r := range l.Revisions {
		if r.Revision == n {
			p.Config.Template = "Made from " + l.Deployment.TemplateName + " (template version " + ui.Itoa(int64(r.TemplateVersion)) + ")"
		}
		p.Revisions = append(p.Revisions, views.RevisionRow{Number: r.Revision, URL: links.Revision(r.Revision),
			When: r.MadeAt.In(loc).Format("2 Jan 2006, 15:04"), Who: r.MadeByName, Note: r.Note,
			Contents: fmt.Sprintf("%s · %s · %s", count(int(r.FeatureCount), "feature"), count(int(r.ValueCount), "parameter"), count(int(r.DeviceCount), "device design")),
			Shown:    r.Revision == n, Current: r.Revision == dep.Revision})
	}
	for _, f := range l.Features {
		p.Config.Features = append(p.Config.Features, f.Name)
	}
	for _, v := range l.Values {
		p.Config.Parameters = append(p.Config.Parameters, views.Fact{Label: v.Label, Value: ShowValue(v.Kind, v.Value)})
	}
	for _, d := range l.Devices {
		p.Config.Devices = append(p.Config.Devices, views.Fact{Label: d.SlotName, Value: d.DesignName + " (version " + ui.Itoa(int64(d.DesignVersion)) + ")"})
	}
	for _, e := range l.Log {
		p.Log = append(p.Log, views.LogEntry{When: e.At.In(loc).Format("2 Jan 2006, 15:04:05"), Text: e.Message, Who: e.ActorName, Failed: e.Failed})
	}
	return p
}

// Facts are what a deployment is and where it runs.
func Facts(l *Loaded, loc *time.Location) []views.Fact {
	dep := l.Deployment.AppDeployment
	endpoint := dep.Endpoint
	if endpoint == "" {
		endpoint = "Not allocated yet"
	}
	facts := []views.Fact{{Label: "Template", Value: l.Deployment.TemplateName}, {Label: "Environment", Value: dep.Environment.Label()},
		{Label: "Endpoint", Value: endpoint}, {Label: "Latest revision", Value: ui.Itoa(int64(dep.Revision))},
		{Label: "Made", Value: ui.LongDate(dep.CreatedAt.In(loc))}}
	if l.Deployment.ProductName != nil {
		facts = append(facts, views.Fact{Label: "Product", Value: *l.Deployment.ProductName})
	}
	return facts
}

// Progress is a run as a progress bar and its steps.
func Progress(run db.AppRun, steps []db.AppRunStep) views.DeploymentProgress {
	p := views.DeploymentProgress{Max: max(len(steps), 1)}
	var now string
	for _, s := range steps {
		ps := views.ProgressStep{Name: RunStepName(s.Step), State: string(s.Status)}
		switch s.Status {
		case db.AppStepStatusDone:
			p.Value++
			ps.Icon, ps.Words = "✓", "done"
		case db.AppStepStatusRunning:
			ps.Icon, ps.Words = "◷", "in progress"
			now = ps.Name
		case db.AppStepStatusFailed:
			ps.Icon, ps.Words = "!", "failed"
			now = ps.Name
		default:
			ps.Icon, ps.Words = "·", "waiting"
		}
		p.Steps = append(p.Steps, ps)
	}
	what, done := "Deploying", "deployed"
	if run.Kind == db.AppRunKindReconfigure {
		what, done = "Applying", "applied"
	}
	switch run.Status {
	case db.AppRunStatusSucceeded:
		p.Title = fmt.Sprintf("Revision %d %s", run.Revision, done)
		p.Text = fmt.Sprintf("All %d steps done.", len(steps))
	case db.AppRunStatusFailed:
		p.Title = fmt.Sprintf("Revision %d failed", run.Revision)
		p.Text = fmt.Sprintf("%d of %d steps done; failed at %s.", p.Value, len(steps), or(now, "the start"))
		p.Failure = "Why: " + run.Failure
	default:
		p.Title = fmt.Sprintf("%s revision %d", what, run.Revision)
		p.Text = fmt.Sprintf("%d of %d steps done · %s…", p.Value, len(steps), or(now, "waiting to start"))
	}
	return p
}

func or(s, otherwise string) string {
	if s == "" {
		return otherwise
	}
	return s
}
