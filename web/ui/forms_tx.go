package ui

import (
	"context"
	"errors"
	"partnerportal/db"
	"partnerportal/views"
	"strconv"

	"github.com/jackc/pgx/v5/pgxpool"
)

func OptionalInt32(s string) *int32 {
	if s == "" {
		return nil
	}
	n := Atoi32(s)
	return &n
}

// Atoi32 reads a number the validator has already checked.
func Atoi32(s string) int32 {
	n, _ := strconv.ParseInt(s, 10, 32)
	return int32(n)
}

// TransactForm runs fn in one transaction for a form the validator passed (errs nil); bad
// input only the database could reveal comes back as field errors, anything else as the
// error. A form that already has errors is not run.
func TransactForm(ctx context.Context, pool *pgxpool.Pool, errs views.FieldErrors, fn func(q *db.Queries) error) (views.FieldErrors, error) {
	if errs != nil {
		return errs, nil
	}
	err := db.Transact(ctx, pool, fn)
	var fe FormErrors
	if errors.As(err, &fe) {
		return views.FieldErrors(fe), nil
	}
	return nil, err
}

// FormErrors is bad input only the database could reveal (a module already held, a term that
// clashes): the transaction is rolled back and the form shown again with these messages.
type FormErrors views.FieldErrors

func (e FormErrors) Error() string { return "invalid form" }

func WithError(errs views.FieldErrors, field, msg string) views.FieldErrors {
	if errs == nil {
		errs = views.FieldErrors{}
	}
	errs[field] = msg
	return errs
}
