package appconnect

import (
	"encoding/json"
	"strconv"
	"time"

	"partnerportal/db"
)

// ManifestVersion is the version of the manifest's format.
const ManifestVersion = 1

// Manifest is a deployment's revision as a file: what it is made from, where it runs and how
// it is configured. Its keys come in this order every time, so two manifests diff line by line.
type Manifest struct {
	ManifestVersion int                `json:"manifest_version"`
	Deployment      manifestDeployment `json:"deployment"`
	Template        manifestTemplate   `json:"template"`
	Revision        manifestRevision   `json:"revision"`
	Features        []manifestFeature  `json:"features"`
	Parameters      []manifestValue    `json:"parameters"`
	Devices         []manifestDevice   `json:"devices"`
}

type manifestDeployment struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Environment string `json:"environment"`
	Status      string `json:"status"`
	Endpoint    string `json:"endpoint,omitempty"`
}

type manifestTemplate struct {
	Slug    string `json:"slug"`
	Name    string `json:"name"`
	Version int32  `json:"version"`
}

type manifestRevision struct {
	Number int32  `json:"number"`
	Note   string `json:"note"`
	MadeAt string `json:"made_at"`
	MadeBy string `json:"made_by,omitempty"`
}

type manifestFeature struct {
	Key  string `json:"key"`
	Name string `json:"name"`
}

type manifestValue struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Type  string `json:"type"`
	// Value is a number for numbers, true or false for yes/no, text otherwise (null when empty).
	Value any `json:"value"`
}

type manifestDevice struct {
	Key    string       `json:"key"`
	Name   string       `json:"name"`
	Design manifestName `json:"design"`
}

type manifestName struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	Version int32  `json:"version"`
}

// ManifestOf is revision n of the loaded deployment as a manifest (false when it has no such
// revision).
func ManifestOf(l *Loaded, n int32) (Manifest, bool) {
	dep := l.Deployment.AppDeployment
	m := Manifest{ManifestVersion: ManifestVersion,
		Deployment: manifestDeployment{ID: dep.ID, Name: dep.Name, Environment: string(dep.Environment), Status: string(dep.Status), Endpoint: dep.Endpoint},
		Features:   []manifestFeature{}, Parameters: []manifestValue{}, Devices: []manifestDevice{}}
	found := false
	for _, r := range l.Revisions {
		if r.Revision == n {
			found = true
			m.Template = manifestTemplate{Slug: l.Deployment.TemplateSlug, Name: l.Deployment.TemplateName, Version: r.TemplateVersion}
			m.Revision = manifestRevision{Number: n, Note: r.Note, MadeAt: r.MadeAt.UTC().Format(time.RFC3339), MadeBy: r.MadeByName}
		}
	}
	for _, f := range l.Features {
		m.Features = append(m.Features, manifestFeature{Key: f.Key, Name: f.Name})
	}
	for _, v := range l.Values {
		m.Parameters = append(m.Parameters, manifestValue{Key: v.Key, Label: v.Label, Type: string(v.Kind), Value: typed(v.Kind, v.Value)})
	}
	for _, d := range l.Devices {
		m.Devices = append(m.Devices, manifestDevice{Key: d.Slot, Name: d.SlotName,
			Design: manifestName{ID: d.DesignID, Name: d.DesignName, Version: d.DesignVersion}})
	}
	return m, found
}

// typed is a stored value as its JSON type.
func typed(kind db.AppParameterKind, v string) any {
	switch {
	case v == "" && kind != db.AppParameterKindBoolean:
		return nil
	case kind == db.AppParameterKindBoolean:
		return v == "true"
	case kind == db.AppParameterKindNumber:
		if _, err := strconv.ParseFloat(v, 64); err == nil {
			return json.Number(v)
		}
	}
	return v
}

// JSON is the manifest as a file: indented, ending with a line break.
func (m Manifest) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(m, "", "  ")
	return append(b, '\n'), err
}
