package appconnect_test

import (
	"testing"

	"partnerportal/db"
	"partnerportal/web/appconnect"
)

func bound(v float64) *float64 { return &v }

func TestCheckValue(t *testing.T) {
	number := db.AppTemplateParameter{Kind: db.AppParameterKindNumber, Required: true, Minimum: bound(-30), Maximum: bound(30)}
	text := db.AppTemplateParameter{Kind: db.AppParameterKindText, Required: true, Minimum: bound(2), Maximum: bound(5)}
	optional := db.AppTemplateParameter{Kind: db.AppParameterKindText}
	choice := db.AppTemplateParameter{Kind: db.AppParameterKindChoice, Required: true, Choices: []string{"E-mail", "SMS"}}
	colour := db.AppTemplateParameter{Kind: db.AppParameterKindColour, Required: true}
	boolean := db.AppTemplateParameter{Kind: db.AppParameterKindBoolean, Required: true}
	tests := []struct {
		name      string
		p         db.AppTemplateParameter
		raw, want string
		problem   bool
	}{
		{"a number in its shortest form", number, " 06.50 ", "6.5", false},
		{"a negative number", number, "-30", "-30", false},
		{"a number past its maximum", number, "30.01", "30.01", true},
		{"a number that is no number", number, "six", "six", true},
		{"a number too large for a float", number, "1e999", "1e999", true},
		{"not a number", number, "NaN", "NaN", true},
		{"a required value left empty", number, "", "", true},
		{"an optional value left empty", optional, " ", "", false},
		{"a text past its length", text, "Reefer", "Reefer", true},
		{"a text of its longest", text, "Reefr", "Reefr", false},
		{"a text too short", text, "R", "R", true},
		{"a text with a control character", optional, "a\x01b", "a\x01b", true},
		{"a text of invalid UTF-8", optional, "\xff", "\xff", true},
		{"a choice offered", choice, "SMS", "SMS", false},
		{"a choice not offered", choice, "Fax", "Fax", true},
		{"a choice in another case", choice, "sms", "sms", true},
		{"a colour in capitals", colour, "#1F6FEB", "#1f6feb", false},
		{"a colour by name", colour, "blue", "blue", true},
		{"a short colour", colour, "#fff", "#fff", true},
		{"a box ticked", boolean, "on", "true", false},
		{"a box not ticked", boolean, "", "false", false},
		{"yes or no as words", boolean, "maybe", "maybe", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, msg := appconnect.CheckValue(tt.p, tt.raw)
			if got != tt.want || (msg != "") != tt.problem {
				t.Errorf("CheckValue(%q) = %q, %q; want %q, a problem: %v", tt.raw, got, msg, tt.want, tt.problem)
			}
		})
	}
}

func TestCheckParts(t *testing.T) {
	valid := func() appconnect.Parts {
		return appconnect.Parts{
			Features:   []appconnect.FeatureRow{{Key: "alerts", Name: "Alerts", Required: true}},
			Parameters: []appconnect.ParameterRow{{Key: "limit", Label: "Limit", Kind: "number", Default: "5", Min: "1", Max: "10"}},
			Devices:    []appconnect.DeviceRow{{Key: "probe", Name: "Probe", Attributes: "temperature, door_open"}},
		}
	}
	tests := []struct {
		name   string
		change func(p *appconnect.Parts)
		field  string
	}{
		{"valid", func(*appconnect.Parts) {}, ""},
		{"no features", func(p *appconnect.Parts) { p.Features = nil }, "features"},
		{"a key with a capital", func(p *appconnect.Parts) { p.Features[0].Key = "Alerts" }, "features.0.key"},
		{"two parameters with one key", func(p *appconnect.Parts) { p.Parameters = append(p.Parameters, p.Parameters[0]) }, "parameters.1.key"},
		{"a range the wrong way round", func(p *appconnect.Parts) { p.Parameters[0].Min = "20" }, "parameters.0.max"},
		{"a default out of range", func(p *appconnect.Parts) { p.Parameters[0].Default = "11" }, "parameters.0.default"},
		{"a range that is no number", func(p *appconnect.Parts) { p.Parameters[0].Max = "ten" }, "parameters.0.max"},
		{"a text's length that is no whole number", func(p *appconnect.Parts) { p.Parameters[0].Kind, p.Parameters[0].Max = "text", "2.5" }, "parameters.0.max"},
		{"a choice of one option", func(p *appconnect.Parts) { p.Parameters[0].Kind, p.Parameters[0].Choices = "choice", "A" }, "parameters.0.choices"},
		{"a choice offering one option twice", func(p *appconnect.Parts) { p.Parameters[0].Kind, p.Parameters[0].Choices = "choice", "A, B, A" }, "parameters.0.choices"},
		{"an unknown kind", func(p *appconnect.Parts) { p.Parameters[0].Kind = "json" }, "parameters.0.kind"},
		{"a device with no attributes", func(p *appconnect.Parts) { p.Devices[0].Attributes = " , " }, "devices.0.attributes"},
		{"an attribute that is no name", func(p *appconnect.Parts) { p.Devices[0].Attributes = "door open" }, "devices.0.attributes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := valid()
			tt.change(&p)
			checked, errs := appconnect.CheckParts(p)
			if tt.field == "" {
				if errs != nil || len(checked.Features) != 1 || checked.Parameters[0].DefaultValue != "5" || len(checked.Devices[0].Attributes) != 2 {
					t.Errorf("CheckParts = %+v, %v", checked, errs)
				}
				return
			}
			if _, ok := errs[tt.field]; !ok {
				t.Errorf("no problem under %s: %v", tt.field, errs)
			}
		})
	}
}

func TestChooseFeatures(t *testing.T) {
	tpl := appconnect.Template{AppTemplate: db.AppTemplate{Name: "Cold chain"}, Features: []db.AppTemplateFeature{
		{Key: "log", Required: true}, {Key: "doors", DefaultOn: true}, {Key: "portal"}}}
	if got, msg := tpl.ChooseFeatures([]string{"portal"}); msg != "" || len(got) != 2 || got[0] != "log" || got[1] != "portal" {
		t.Errorf("ChooseFeatures(portal) = %v, %q; want the required one added, in order", got, msg)
	}
	if _, msg := tpl.ChooseFeatures([]string{"portal", "mine\x00"}); msg != "“mine?” is not a feature of Cold chain. Choose from the features listed." {
		t.Errorf("a tampered feature: %q", msg)
	}
	if got := tpl.DefaultFeatures(); len(got) != 2 || got[1] != "doors" {
		t.Errorf("DefaultFeatures = %v", got)
	}
}
