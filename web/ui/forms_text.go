package ui

import (
	"reflect"
	"slices"
	"strings"

	"partnerportal/views"
)

// MaxText is the most bytes any one text of a request may hold, whatever the field: longer
// than every field's own limit, so it only stops what no form could have sent.
const MaxText = 20_000

// Messages under a field whose text is refused.
const (
	lineMessage  = "Use plain text on one line, without control characters."
	linesMessage = "Use plain text, without control characters."
	longMessage  = "This is far too long."
	emailMessage = "Enter an e-mail address like name@example.com."
)

// textErrors holds every text of form — each string field, and each string of a list, of a
// struct of form fields, embedded structs included — to MaxText and to CleanText: on one line,
// unless the field's validate tag says "multiline". It runs before the validator's own rules,
// so every form checked with ValidateForm is checked this way without a tag per field.
func textErrors(form reflect.Value, errs views.FieldErrors) views.FieldErrors {
	v := reflect.Indirect(form)
	if v.Kind() != reflect.Struct {
		return errs
	}
	t := v.Type()
	for i := range t.NumField() {
		f, fv := t.Field(i), v.Field(i)
		if f.Anonymous && fv.Kind() == reflect.Struct {
			errs = textErrors(fv, errs)
			continue
		}
		if !f.IsExported() {
			continue
		}
		rules := strings.Split(f.Tag.Get("validate"), ",")
		multi := slices.Contains(rules, "multiline")
		var texts []string
		switch {
		case fv.Kind() == reflect.String:
			texts = []string{fv.String()}
		case fv.Kind() == reflect.Slice && fv.Type().Elem().Kind() == reflect.String:
			for j := range fv.Len() {
				texts = append(texts, fv.Index(j).String())
			}
		}
		for _, s := range texts {
			if msg := textMessage(s, multi); msg != "" {
				if slices.Contains(rules, "email") && msg == lineMessage {
					msg = emailMessage // what the field's own rule would say
				}
				errs = WithError(errs, fieldName(f), msg)
				break
			}
		}
	}
	return errs
}

// textMessage says what is wrong with s as the text of a field, or "" when nothing is.
func textMessage(s string, multiline bool) string {
	switch {
	case len(s) > MaxText:
		return longMessage
	case !CleanText(s, multiline):
		if multiline {
			return linesMessage
		}
		return lineMessage
	}
	return ""
}

// fieldName is the name a form field goes by: its form tag, or the Go name without one.
func fieldName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("form"), ",")
	if name == "-" || name == "" {
		return f.Name
	}
	return name
}
