package appconnect

import (
	"context"
	"fmt"
	"slices"
	"time"

	"partnerportal/db"
)

// Design is a device design as a revision names it: its current version when chosen.
type Design struct {
	ID      int64
	Name    string
	Version int32
}

// Revision is a configuration about to become a deployment's revision Number.
type Revision struct {
	DeploymentID int64
	Number       int32
	Template     Template
	Config       Config
	// Designs are the designs chosen, by the slot of the device they stand for.
	Designs map[string]Design
	// Note says what made it: "Deployed", "Reconfigured".
	Note string
	By   int64
	Now  time.Time
}

// WriteRevision stores rev, with the names and labels of what it holds as they are now, and a
// run of kind that brings it up; it returns the run's id. The caller inserts the run's job in
// the same transaction.
func WriteRevision(ctx context.Context, q *db.Queries, rev Revision, kind db.AppRunKind) (int64, error) {
	p := db.CreateRevisionParams{DeploymentID: rev.DeploymentID, Revision: rev.Number,
		TemplateVersion: rev.Template.Version, Note: rev.Note, MadeBy: &rev.By, Now: rev.Now,
		FeatureKeys: []string{}, FeatureNames: []string{}, ValueKeys: []string{}, ValueLabels: []string{},
		ValueKinds: []string{}, ValueValues: []string{}, DeviceSlots: []string{}, DeviceSlotNames: []string{},
		DeviceDesigns: []int64{}, DeviceDesignNames: []string{}, DeviceDesignVersions: []int32{}}
	for _, f := range rev.Template.Features {
		if slices.Contains(rev.Config.Features, f.Key) {
			p.FeatureKeys = append(p.FeatureKeys, f.Key)
			p.FeatureNames = append(p.FeatureNames, f.Name)
		}
	}
	for _, par := range rev.Template.Parameters {
		p.ValueKeys = append(p.ValueKeys, par.Key)
		p.ValueLabels = append(p.ValueLabels, par.Label)
		p.ValueKinds = append(p.ValueKinds, string(par.Kind))
		p.ValueValues = append(p.ValueValues, rev.Config.Values[par.Key])
	}
	for _, d := range rev.Template.Devices {
		if chosen, ok := rev.Designs[d.Key]; ok {
			p.DeviceSlots = append(p.DeviceSlots, d.Key)
			p.DeviceSlotNames = append(p.DeviceSlotNames, d.Name)
			p.DeviceDesigns = append(p.DeviceDesigns, chosen.ID)
			p.DeviceDesignNames = append(p.DeviceDesignNames, chosen.Name)
			p.DeviceDesignVersions = append(p.DeviceDesignVersions, chosen.Version)
		}
	}
	if err := q.CreateRevision(ctx, p); err != nil {
		return 0, fmt.Errorf("write revision %d: %w", rev.Number, err)
	}
	steps := RunSteps(kind)
	run, err := q.CreateRun(ctx, db.CreateRunParams{DeploymentID: rev.DeploymentID, Revision: rev.Number, Kind: kind, Steps: steps, Now: rev.Now})
	if err != nil {
		return 0, fmt.Errorf("start run: %w", err)
	}
	msg := fmt.Sprintf("Revision %d: deployment queued (%d steps).", rev.Number, len(steps))
	if kind == db.AppRunKindReconfigure {
		msg = fmt.Sprintf("Revision %d: reconfiguration queued (%d steps).", rev.Number, len(steps))
	}
	return run, q.LogDeployment(ctx, db.LogDeploymentParams{DeploymentID: rev.DeploymentID, RunID: &run, Message: msg, ActorID: &rev.By, Now: rev.Now})
}
