package appconnect

import (
	"fmt"
	"strings"
	"time"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/ui"
)

// The view models partner and staff pages both build.

// Contents counts what a template offers: "5 features · 6 parameters · 2 devices".
func Contents(features, parameters, devices int32) string {
	n := func(k int32, noun string) string { return ui.Itoa(int64(k)) + " " + noun + ui.Plural(int64(k)) }
	parts := []string{n(features, "feature"), n(parameters, "parameter")}
	if devices > 0 {
		parts = append(parts, n(devices, "device"))
	}
	return strings.Join(parts, " · ")
}

// Badge is a deployment's status as icon and word.
func Badge(s db.AppDeploymentStatus) views.Badge {
	switch s {
	case db.AppDeploymentStatusRunning:
		return views.Badge{Tone: "active", Icon: "✓", Label: "Running"}
	case db.AppDeploymentStatusDeploying:
		return views.Badge{Tone: "scheduled", Icon: "◷", Label: "Deploying"}
	case db.AppDeploymentStatusStopped:
		return views.Badge{Tone: "inactive", Icon: "○", Label: "Stopped"}
	}
	return views.Badge{Tone: "readonly", Icon: "!", Label: "Failed"}
}

// Row is a deployment in a list, with where its latest run is while it runs.
func Row(d db.ListCompanyDeploymentsForStaffRow, url string, loc *time.Location) views.DeploymentRow {
	row := views.DeploymentRow{Name: d.Name, URL: url, Template: d.TemplateName, Environment: d.Environment.Label(),
		Status: Badge(d.Status), Revision: ui.Itoa(int64(d.Revision)), Updated: ui.LongDate(d.UpdatedAt.In(loc))}
	if (d.RunStatus == db.AppRunStatusQueued || d.RunStatus == db.AppRunStatusRunning) && d.StepsTotal > 0 {
		row.Progress = fmt.Sprintf("Step %d of %d", min(d.StepsDone+1, d.StepsTotal), d.StepsTotal)
	}
	return row
}

// View is a template's content as its page shows it.
func View(t Template) views.AppTemplateView {
	v := views.AppTemplateView{Slug: t.Slug, Name: t.Name, Industry: t.Industry.Label(), Summary: t.Summary,
		Description: ui.Paragraphs(t.Description)}
	for _, f := range t.Features {
		note := "Off by default"
		switch {
		case f.Required:
			note = "Required"
		case f.DefaultOn:
			note = "On by default"
		}
		v.Features = append(v.Features, views.TemplateFeatureView{Name: f.Name, Description: f.Description, Note: note})
	}
	for _, p := range t.Parameters {
		value := "Default: " + ShowValue(p.Kind, p.DefaultValue)
		if l := Limits(p); l != "" {
			value += ". " + l
		}
		if p.Kind == db.AppParameterKindChoice {
			value += ". One of " + strings.Join(p.Choices, ", ") + "."
		}
		v.Parameters = append(v.Parameters, views.Fact{Label: p.Label, Value: value})
	}
	for _, d := range t.Devices {
		v.Devices = append(v.Devices, views.Fact{Label: d.Name, Value: "Telemetry with " + strings.Join(d.Attributes, ", ")})
	}
	return v
}
