package appconnect

import (
	"math"
	"slices"
	"strconv"
	"unicode/utf8"

	"partnerportal/db"
	"partnerportal/web/ui"
)

// checkParameter checks one parameter row, noting its problems in errs.
func checkParameter(i int, r ParameterRow, errs map[string]string) db.CreateTemplateParameterParams {
	kind := db.AppParameterKind(r.Kind)
	if !kind.Valid() {
		errs[name("parameters", i, "kind")] = "Choose one of the types."
		kind = db.AppParameterKindText
	}
	par := db.CreateTemplateParameterParams{Position: int32(i + 1), Key: r.Key, Label: r.Label, Help: r.Help, Kind: kind, Required: r.Required, Choices: []string{}}
	number := func(field, s string) *float64 {
		if s == "" || (kind != db.AppParameterKindNumber && kind != db.AppParameterKindText) {
			return nil
		}
		n, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsInf(n, 0) || math.IsNaN(n) || (kind == db.AppParameterKindText && (n < 0 || n > MaxValueLength || n != math.Trunc(n))) {
			errs[name("parameters", i, field)] = "Enter a number like 10 or 2.5; for a text, a whole length up to " + strconv.Itoa(MaxValueLength) + "."
			return nil
		}
		return &n
	}
	par.Minimum, par.Maximum = number("min", r.Min), number("max", r.Max)
	if par.Minimum != nil && par.Maximum != nil && *par.Minimum > *par.Maximum {
		errs[name("parameters", i, "max")] = "The maximum must be at least the minimum."
	}
	if kind == db.AppParameterKindChoice {
		par.Choices = splitList(r.Choices)
		if len(par.Choices) < 2 || len(par.Choices) > 20 || len(slices.Compact(slices.Sorted(slices.Values(par.Choices)))) != len(par.Choices) {
			errs[name("parameters", i, "choices")] = "List from 2 to 20 different options, separated by commas."
		}
		for _, c := range par.Choices {
			if utf8.RuneCountInString(c) > 60 || !ui.CleanText(c, false) {
				errs[name("parameters", i, "choices")] = "Keep each option to 60 characters of plain text."
			}
		}
	}
	check := db.AppTemplateParameter{Kind: kind, Minimum: par.Minimum, Maximum: par.Maximum, Choices: par.Choices}
	v, msg := CheckValue(check, r.Default)
	if msg != "" {
		errs[name("parameters", i, "default")] = msg
	}
	par.DefaultValue = v
	return par
}
