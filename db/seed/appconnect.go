package seed

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"time"

	"github.com/jackc/pgx/v5"

	"partnerportal/db"
	ac "partnerportal/web/appconnect"
	"partnerportal/web/clock"
)

// resetAppConnect removes the demo companies' deployments and drafts, before the designs and
// products they name are reset.
func resetAppConnect(ctx context.Context, q *db.Queries, companies map[string]int64) error {
	for name, id := range companies {
		if err := q.DeleteDemoDrafts(ctx, id); err != nil {
			return fmt.Errorf("reset the drafts of %s: %w", name, err)
		}
		if err := q.DeleteDemoDeployments(ctx, id); err != nil {
			return fmt.Errorf("reset the deployments of %s: %w", name, err)
		}
	}
	return nil
}

// seedTemplates writes demoTemplates, each checked by the rules an admin's save obeys; a
// template already there (by its address name) is brought back to the demo's version.
func seedTemplates(ctx context.Context, q *db.Queries, now time.Time) (map[string]int64, error) {
	ids := map[string]int64{}
	for _, d := range demoTemplates {
		parts, problems := ac.CheckParts(d.parts)
		if problems != nil {
			return nil, fmt.Errorf("template %s breaks the rules: %v", d.slug, problems)
		}
		t, err := q.GetTemplateBySlug(ctx, d.slug)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			t.ID, err = q.CreateTemplate(ctx, db.CreateTemplateParams{Slug: d.slug, Name: d.name, Industry: d.industry,
				Summary: d.summary, Description: d.description, Now: now})
		case err == nil:
			if _, err = q.SetTemplateRetired(ctx, db.SetTemplateRetiredParams{ID: t.ID, Now: now}); err == nil {
				_, err = q.UpdateTemplate(ctx, db.UpdateTemplateParams{ID: t.ID, ExpectedVersion: t.Version + 1, Slug: d.slug,
					Name: d.name, Industry: d.industry, Summary: d.summary, Description: d.description, Now: now})
			}
		}
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", d.slug, err)
		}
		if err := parts.Write(ctx, q, t.ID); err != nil {
			return nil, fmt.Errorf("template %s: %w", d.slug, err)
		}
		ids[d.slug] = t.ID
	}
	return ids, nil
}

// demoDeployment is a finished deployment of a demo company: its revisions, oldest first,
// each changing some values, and the designs it uses (by name).
type demoDeployment struct {
	company, template, name string
	env                     db.Environment
	revisions               []demoRevision
	devices                 map[string]string
	stopped                 bool
}

type demoRevision struct {
	daysAgo int
	values  map[string]string
}

// demoDeployments: Company B (AppConnect active) runs two deployments, one reconfigured once,
// and has stopped a third.
var demoDeployments = []demoDeployment{
	{company: "Company B", template: "cold-chain", name: "Riverside cold store", env: db.EnvironmentProduction,
		devices:   map[string]string{"logger": "Reefer logger", "door": "Reefer logger"},
		revisions: []demoRevision{{daysAgo: 21}, {daysAgo: 6, values: map[string]string{"max_temp": "6", "excursion_minutes": "5"}}}},
	{company: "Company B", template: "smart-building", name: "HQ comfort monitor", env: db.EnvironmentSandbox,
		devices:   map[string]string{"climate_sensor": "Room climate sensor", "air_quality": "Room climate sensor"},
		revisions: []demoRevision{{daysAgo: 12, values: map[string]string{"site_name": "Company B headquarters"}}}},
	{company: "Company B", template: "asset-tracking", name: "Yard trailers pilot", env: db.EnvironmentSandbox, stopped: true,
		devices:   map[string]string{"tracker": "Reefer logger"},
		revisions: []demoRevision{{daysAgo: 9, values: map[string]string{"fleet_name": "Yard trailers"}}}},
}

// seedDeployments makes demoDeployments as a partner would: each revision written and run
// through its steps by the job's own code, at the moment it was made.
func seedDeployments(ctx context.Context, q *db.Queries, companies, users, templates map[string]int64, today time.Time) error {
	for _, d := range demoDeployments {
		company, author := companies[d.company], users[partnerOf(d.company)]
		t, err := ac.LoadTemplate(ctx, q.Tx(), templates[d.template])
		if err != nil {
			return err
		}
		designs, err := q.ListCompanyDesigns(ctx, company)
		if err != nil {
			return err
		}
		chosen := map[string]ac.Design{}
		cfg := ac.Config{Features: t.DefaultFeatures(), Values: t.DefaultValues(), Devices: map[string]int64{}}
		for slot, name := range d.devices {
			for _, dd := range designs {
				if dd.Name == name {
					chosen[slot] = ac.Design{ID: dd.ID, Name: dd.Name, Version: dd.Version}
					cfg.Devices[slot] = dd.ID
				}
			}
		}
		var id int64
		for i, r := range d.revisions {
			at := today.AddDate(0, 0, -r.daysAgo).Add(10 * time.Hour)
			maps.Copy(cfg.Values, r.values)
			kind, note := db.AppRunKindDeploy, "Deployed"
			if i == 0 {
				if id, err = q.CreateDeployment(ctx, db.CreateDeploymentParams{CompanyID: company, TemplateID: t.ID, Name: d.name,
					Environment: d.env, CreatedBy: &author, Now: at}); err != nil {
					return fmt.Errorf("deployment %s: %w", d.name, err)
				}
			} else {
				kind, note = db.AppRunKindReconfigure, "Reconfigured"
				if err := q.AdvanceDeployment(ctx, db.AdvanceDeploymentParams{ID: id, Revision: int32(i + 1), Now: at}); err != nil {
					return err
				}
			}
			if problems := t.Check(cfg); len(problems) > 0 {
				return fmt.Errorf("deployment %s: %v", d.name, problems)
			}
			run, err := ac.WriteRevision(ctx, q, ac.Revision{DeploymentID: id, Number: int32(i + 1), Template: t, Config: cfg,
				Designs: chosen, Note: note, By: author, Now: at}, kind)
			if err != nil {
				return err
			}
			runner := ac.Runner{Queries: q, Clock: clock.NewManual(at.Add(time.Minute)), Loc: time.UTC}
			if err := runner.Run(ctx, run); err != nil {
				return fmt.Errorf("deployment %s: %w", d.name, err)
			}
			if r, err := q.GetLatestRun(ctx, db.GetLatestRunParams{DeploymentID: id, CompanyID: company}); err != nil || r.Status != db.AppRunStatusSucceeded {
				return fmt.Errorf("deployment %s did not finish: %s %v", d.name, r.Failure, err)
			}
		}
		if d.stopped {
			at := today.AddDate(0, 0, -2).Add(17 * time.Hour)
			if err := q.SetDeploymentStatus(ctx, db.SetDeploymentStatusParams{ID: id, Status: db.AppDeploymentStatusStopped, Now: at}); err != nil {
				return err
			}
			if err := q.LogDeployment(ctx, db.LogDeploymentParams{DeploymentID: id, Message: "Stopped.", ActorID: &author, Now: at}); err != nil {
				return err
			}
		}
	}
	return nil
}
