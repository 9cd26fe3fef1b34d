package web

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/go-playground/validator/v10"

	"partnerportal/views"
)

func newValidator() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	// Errors are reported under the form field's name, which is what the page knows.
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("form"), ",")
		if name == "-" || name == "" {
			return f.Name
		}
		return name
	})
	return v
}

// validateForm checks form and returns a message per invalid field, or nil when all is well.
func validateForm(v *validator.Validate, form any) views.FieldErrors {
	err := v.Struct(form)
	if err == nil {
		return nil
	}
	var verrs validator.ValidationErrors
	if !errors.As(err, &verrs) {
		return views.FieldErrors{"": "The form could not be checked."}
	}
	out := views.FieldErrors{}
	for _, fe := range verrs {
		if _, seen := out[fe.Field()]; !seen {
			out[fe.Field()] = fieldMessage(fe)
		}
	}
	return out
}

func fieldMessage(fe validator.FieldError) string {
	switch fe.Tag() {
	case "required":
		return "This field is required."
	case "email":
		return "Enter an e-mail address like name@example.com."
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
	default:
		return "This value is not valid."
	}
}
