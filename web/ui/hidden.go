package ui

import (
	"context"
	"errors"
	"net/http"

	"github.com/jackc/pgx/v5"

	"partnerportal/db"
)

// HiddenWrite answers a write into a module the company no longer sees (SPEC §5: 404), saying
// what happened instead of a bare "nothing here": a form opened before a deactivation must not
// leave the partner guessing.
func HiddenWrite(ctx context.Context, q *db.Queries, g Governing, w Moment) error {
	msg := g.Name + " is not part of your services — ask your account manager."
	switch g.Access.State {
	case db.ServiceStateInactive:
		msg = g.Name + " is no longer part of your services — ask your account manager."
		if g.Access.ServiceID != 0 {
			row, err := q.GetServiceDeactivation(ctx, g.Access.ServiceID)
			if err != nil && !errors.Is(err, pgx.ErrNoRows) {
				return err
			}
			if err == nil && row.DeactivatedAt != nil {
				msg = row.ModuleName + " is no longer part of your services since " + LongDate(row.DeactivatedAt.In(w.Loc)) + " — ask your account manager."
			}
		}
	case db.ServiceStateScheduled:
		msg = g.Name + " is not part of your services yet: its term has not started. Nothing was saved."
	}
	if g.Access.State != db.ServiceStateScheduled {
		msg += " Nothing was saved."
	}
	return &Error{Code: http.StatusNotFound, Message: msg}
}
