package ui

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/go-playground/validator/v10"

	"partnerportal/views"
)

// NewValidator is the validator every form is checked with: validator/v10's rules and the
// portal's formats. ValidateForm holds every text to CleanText besides (forms_text.go), on
// one line unless the field's tag says "multiline".
func NewValidator() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	// Errors are reported under the form field's name, which is what the page knows.
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("form"), ",")
		if name == "-" || name == "" {
			return f.Name
		}
		return name
	})
	// Formats whose pattern lives with the code that stores them (slug.go, money.go).
	mustRegister(v, "slug", func(fl validator.FieldLevel) bool { return SlugPattern.MatchString(fl.Field().String()) })
	mustRegister(v, "price", func(fl validator.FieldLevel) bool { return PriceInput.MatchString(fl.Field().String()) })
	// Text people type (text.go): "plaintext" on one line, "multiline" with line breaks.
	mustRegister(v, "plaintext", func(fl validator.FieldLevel) bool { return CleanText(fl.Field().String(), false) })
	mustRegister(v, "multiline", func(fl validator.FieldLevel) bool { return CleanText(fl.Field().String(), true) })
	// Numbers arrive as text: "count" is a whole number from 1 (a quota), "percent" a whole
	// number from 0 to 100 (a cap).
	mustRegister(v, "count", func(fl validator.FieldLevel) bool {
		n, err := strconv.ParseInt(fl.Field().String(), 10, 32)
		return err == nil && n >= 1
	})
	mustRegister(v, "percent", func(fl validator.FieldLevel) bool {
		n, err := strconv.Atoi(fl.Field().String())
		return err == nil && n >= 0 && n <= 100
	})
	return v
}

func mustRegister(v *validator.Validate, tag string, fn validator.Func) {
	if err := v.RegisterValidation(tag, fn); err != nil {
		panic(err)
	}
}

// ValidateForm checks form, a struct of form fields, and returns a message per invalid field,
// or nil when all is well. Every text in it is held to the text rules (textErrors) first, so
// a field whose bytes no database could store says so rather than failing a later rule.
func ValidateForm(v *validator.Validate, form any) views.FieldErrors {
	out := textErrors(reflect.ValueOf(form), nil)
	err := v.Struct(form)
	if err == nil {
		return out
	}
	var verrs validator.ValidationErrors
	if !errors.As(err, &verrs) {
		return WithError(out, "", "The form could not be checked.")
	}
	if out == nil {
		out = views.FieldErrors{}
	}
	for _, fe := range verrs {
		// an element of a list ("connectivity[1]") is reported under the list's field
		name, _, _ := strings.Cut(fe.Field(), "[")
		if _, seen := out[name]; !seen {
			out[name] = fieldMessage(fe)
		}
	}
	return out
}

func fieldMessage(fe validator.FieldError) string {
	switch fe.Tag() {
	case "required":
		return "This field is required."
	case "email":
		return emailMessage
	case "min":
		if fe.Kind() == reflect.String {
			return fmt.Sprintf("Use at least %s characters.", fe.Param())
		}
		return fmt.Sprintf("Must be at least %s.", fe.Param())
	case "max":
		if fe.Kind() == reflect.String {
			return fmt.Sprintf("Use at most %s characters.", fe.Param())
		}
		return fmt.Sprintf("Must be at most %s.", fe.Param())
	case "oneof":
		return "Choose one of the options."
	case "slug":
		return "Use lowercase letters, digits and single hyphens, like smart-meter-gateway."
	case "price":
		return "Enter an amount like 49 or 49.90: up to 10 digits, then at most 2 decimals."
	case "count":
		return "Enter a whole number of at least 1."
	case "percent":
		return "Enter a whole percentage from 0 to 100."
	case "plaintext":
		return lineMessage
	case "multiline":
		return linesMessage
	case "datetime":
		return "Enter a date like 2026-11-25."
	default:
		return "This value is not valid."
	}
}
