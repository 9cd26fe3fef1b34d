package appconnect

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"partnerportal/db"
	"partnerportal/web/ui"
)

// MaxValueLength is the longest value a parameter takes, whatever its kind.
const MaxValueLength = 200

var colourPattern = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// CheckValue checks raw, a parameter's value as the deployer typed it, against p's kind and
// limits. It returns the value as it is stored (trimmed; numbers in their shortest form,
// colours in lower case, yes/no as "true" or "false") and, when the value is not valid, a
// message to show under the field.
func CheckValue(p db.AppTemplateParameter, raw string) (string, string) {
	v := strings.TrimSpace(raw)
	if !ui.CleanText(v, false) {
		return v, "Use plain text, without control characters."
	}
	if utf8.RuneCountInString(v) > MaxValueLength {
		return v, fmt.Sprintf("Use at most %d characters.", MaxValueLength)
	}
	if p.Kind == db.AppParameterKindBoolean {
		switch strings.ToLower(v) {
		case "true", "on", "yes":
			return "true", ""
		case "false", "off", "no", "":
			return "false", ""
		}
		return v, "Choose yes or no."
	}
	if v == "" {
		if p.Required {
			return v, "This field is required."
		}
		return v, ""
	}
	switch p.Kind {
	case db.AppParameterKindText:
		n := float64(utf8.RuneCountInString(v))
		if p.Minimum != nil && n < *p.Minimum {
			return v, fmt.Sprintf("Use at least %s characters.", Number(*p.Minimum))
		}
		if p.Maximum != nil && n > *p.Maximum {
			return v, fmt.Sprintf("Use at most %s characters.", Number(*p.Maximum))
		}
	case db.AppParameterKindNumber:
		n, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsInf(n, 0) || math.IsNaN(n) {
			return v, "Enter a number" + rangeWords(p) + ", like 12 or 4.5."
		}
		if (p.Minimum != nil && n < *p.Minimum) || (p.Maximum != nil && n > *p.Maximum) {
			return v, "Enter a number" + rangeWords(p) + "."
		}
		return Number(n), ""
	case db.AppParameterKindChoice:
		if !slices.Contains(p.Choices, v) {
			return v, "Choose one of the options."
		}
	case db.AppParameterKindColour:
		if !colourPattern.MatchString(v) {
			return v, "Enter a colour as # and six hexadecimal digits, like #1f6feb."
		}
		return strings.ToLower(v), ""
	}
	return v, ""
}

// rangeWords says a number parameter's range: " from 1 to 60", " of at least 0", "".
func rangeWords(p db.AppTemplateParameter) string {
	switch {
	case p.Minimum != nil && p.Maximum != nil:
		return " from " + Number(*p.Minimum) + " to " + Number(*p.Maximum)
	case p.Minimum != nil:
		return " of at least " + Number(*p.Minimum)
	case p.Maximum != nil:
		return " of at most " + Number(*p.Maximum)
	}
	return ""
}

// Number writes n in its shortest form: 15, 4.5, -0.25.
func Number(n float64) string { return strconv.FormatFloat(n, 'f', -1, 64) }

// Limits says what a parameter takes, for its hint: "A number from 1 to 60.", "Up to 40
// characters.", "".
func Limits(p db.AppTemplateParameter) string {
	switch p.Kind {
	case db.AppParameterKindNumber:
		if r := rangeWords(p); r != "" {
			return "A number" + r + "."
		}
		return "A number."
	case db.AppParameterKindText:
		if p.Maximum != nil {
			return "Up to " + Number(*p.Maximum) + " characters."
		}
	case db.AppParameterKindColour:
		return "A colour like #1f6feb."
	}
	return ""
}

// ShowValue is a stored value as people read it: yes/no for booleans, "—" for nothing.
func ShowValue(kind db.AppParameterKind, v string) string {
	switch {
	case kind == db.AppParameterKindBoolean && v == "true":
		return "Yes"
	case kind == db.AppParameterKindBoolean:
		return "No"
	case v == "":
		return "—"
	}
	return v
}
