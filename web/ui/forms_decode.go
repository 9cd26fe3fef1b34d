package ui

import (
	"net/url"
	"reflect"
	"slices"
	"strings"

	"github.com/go-playground/validator/v10"
	"github.com/labstack/echo/v4"

	"partnerportal/views"
)

// BindForm fills dst, a pointer to a struct of form fields, from the request's form and
// checks it (DecodeForm).
func BindForm(c echo.Context, v *validator.Validate, dst any) views.FieldErrors {
	// A body that does not parse whole leaves what did parse, as FormValue would.
	_ = c.Request().ParseForm()
	return DecodeForm(v, c.Request().Form, dst)
}

// DecodeForm fills dst, a pointer to a struct of form fields, from values by each field's form
// tag, then checks it as ValidateForm does and returns the messages by field (nil when all is
// well). A string gets the field's first value trimmed of surrounding spaces (tag option
// "raw": as sent, for passwords), with its line breaks made "\n" in a multi-line field; a list of
// strings gets every value that is not blank, trimmed; a bool is whether the field was sent
// with a value. Fields without a form tag are left alone.
func DecodeForm(v *validator.Validate, values url.Values, dst any) views.FieldErrors {
	decode(reflect.ValueOf(dst).Elem(), values)
	return ValidateForm(v, dst)
}

func decode(s reflect.Value, values url.Values) {
	t := s.Type()
	for i := range t.NumField() {
		f, fv := t.Field(i), s.Field(i)
		if f.Anonymous && fv.Kind() == reflect.Struct {
			decode(fv, values)
			continue
		}
		tag := f.Tag.Get("form")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" || name == "-" || !fv.CanSet() {
			continue
		}
		raw := opts == "raw"
		switch {
		case fv.Kind() == reflect.String:
			s := values.Get(name)
			if !raw {
				s = strings.TrimSpace(s)
			}
			if slices.Contains(strings.Split(f.Tag.Get("validate"), ","), "multiline") {
				s = NormaliseLines(s)
			}
			fv.SetString(s)
		case fv.Kind() == reflect.Slice && fv.Type().Elem().Kind() == reflect.String:
			var list []string
			for _, s := range values[name] {
				if s = strings.TrimSpace(s); s != "" {
					list = append(list, s)
				}
			}
			fv.Set(reflect.ValueOf(list).Convert(fv.Type()))
		case fv.Kind() == reflect.Bool:
			fv.SetBool(values.Get(name) != "")
		}
	}
}
