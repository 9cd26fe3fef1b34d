package staff

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"partnerportal/web/audit"
	"partnerportal/web/jobs"
	"partnerportal/web/ui"
	"strings"
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

// serviceAction is one form of a service panel, T (read with ui.BindForm): it builds the
// change, and puts what was typed back into the panel when the change is refused.
type serviceAction[T any] struct {
	// Change builds the change from the valid input.
	Change func(viewer, companyID, serviceID int64, version int32, in T) serviceChange
	// Refill puts the input and its errors back into the panel's form.
	Refill func(p *views.ServicePanel, in T, errs views.FieldErrors)
	// Success is the message after the change: what was done, to which service of which
	// company (ch.Subject), and what it holds now.
	Success func(in T, ch changedSubject) string
}

// changedSubject is a change made, and what it was made to: "Company B, Support".
type changedSubject struct {
	Subject string
	Changed serviceChanged
}

// newTerm is the term a renewal added, in words: "26 Nov 2026 to 25 May 2027".
func (d changedSubject) newTerm() string {
	t := d.Changed.NewTerm
	if t == nil {
		return ""
	}
	from, _ := time.Parse(time.DateOnly, t.ValidFrom)
	until, _ := time.Parse(time.DateOnly, t.ValidUntil)
	return ui.LongDate(from) + " to " + ui.LongDate(until)
}

// HandleServiceAction runs one action on a service of a company and answers with its panel:
// 200 with the change made, 422 with field errors, 409 when the service changed since the
// form was read (showing what it is now). Plain requests get a redirect after success and the
// whole page otherwise.
func HandleServiceAction[T any](pool *pgxpool.Pool, jq *jobs.Queue, v *validator.Validate, a serviceAction[T]) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		u := ui.UserFromContext(ctx)
		companyID, err := ui.PathID(c, "id")
		if err != nil {
			return err
		}
		serviceID, err := ui.PathID(c, "sid")
		if err != nil {
			return err
		}
		today, now := ui.When(c).Today, ui.When(c).Now
		var in T
		var done changedSubject
		errs, err := ui.TransactForm(ctx, pool, ui.BindForm(c, v, &in), func(tq *db.Queries) error {
			res, err := applyServiceChange(ctx, tq, jq, today, now, a.Change(u.ID, companyID, serviceID, ui.Atoi32(c.FormValue("version")), in))
			if err != nil {
				return err
			}
			company, err := tq.GetCompanyForStaff(ctx, db.GetCompanyForStaffParams{ID: companyID, ViewerID: u.ID})
			done = changedSubject{Subject: company.PartnerCompany.Name + ", " + audit.ServiceSubject(res.After.ModuleName, res.After.Environment), Changed: res}
			return err
		})
		status, alert, err := changeOutcome(ctx, q, ui.When(c).Loc, errs, err)
		if err != nil {
			return err
		}
		if status == http.StatusOK && !ui.IsHTMX(c) {
			ui.AddFlash(ui.Sessions(c), ctx, "success", a.Success(in, done))
			return ui.Redirect(c, serviceURL(companyID, serviceID))
		}
		page, _, err := loadPartnerPage(c, pool, companyID, today, ui.When(c).Loc)
		if err != nil {
			return err
		}
		panel := findPanel(page.Services, serviceID)
		if panel == nil {
			return echo.ErrNotFound
		}
		if status == http.StatusOK {
			panel.Alert = &views.Flash{Kind: "success", Text: a.Success(in, done)}
		} else {
			a.Refill(panel, in, errs)
			panel.Alert = alert
		}
		if ui.IsHTMX(c) {
			return ui.RenderFragment(c, status, views.ServicePanelUpdate(*panel, page.Timeline, page.AuditURL))
		}
		return ui.Render(c, status, page.Name, views.PartnerView(page))
	}
}

// changeOutcome is the status of a staff change to a service and the message its panel
// shows: 409 with what the service is now when it changed meanwhile, 422 for bad input, 200
// when done. Any other error is returned.
func changeOutcome(ctx context.Context, q *db.Queries, loc *time.Location, errs views.FieldErrors, err error) (int, *views.Flash, error) {
	var stale *staleServiceError
	switch {
	case errors.As(err, &stale):
		return http.StatusConflict, &views.Flash{Kind: "error", Text: staleMessage(ctx, q, stale.Current, loc)}, nil
	case err != nil:
		return 0, nil, err
	case errs != nil:
		if msg := formLevelError(errs); msg != "" {
			return http.StatusUnprocessableEntity, &views.Flash{Kind: "error", Text: msg}, nil
		}
		return http.StatusUnprocessableEntity, nil, nil
	}
	return http.StatusOK, nil, nil
}

// formLevelError is the message of errors that belong to no visible field: a hidden one, or a
// button's value.
func formLevelError(errs views.FieldErrors) string {
	switch {
	case errs.Has("version"):
		return "This form is out of date. Reload the page and try again."
	case errs.Has("status"):
		return "Choose to activate or to deactivate the service."
	}
	return errs[""]
}

func findPanel(panels []views.ServicePanel, id int64) *views.ServicePanel {
	for i := range panels {
		if panels[i].ID == id {
			return &panels[i]
		}
	}
	return nil
}

// staleMessage says that someone else changed the service, who and when, and what it is now.
func staleMessage(ctx context.Context, q *db.Queries, cur db.GetServiceForChangeRow, loc *time.Location) string {
	var b strings.Builder
	b.WriteString("Not saved: this service was changed")
	if last, err := q.GetLastServiceChange(ctx, &cur.ID); err == nil {
		fmt.Fprintf(&b, " by %s on %s", last.ActorName, last.At.In(loc).Format("2 Jan 2006 15:04"))
	}
	b.WriteString(" after you opened this form. It now reads: " + string(cur.Status) + ", " + ui.StateLabel(cur.State))
	if cur.ValidFrom != nil {
		fmt.Fprintf(&b, "; %d-month term %s – %s; cap %d%%", *cur.TermMonths, ui.LongDate(*cur.ValidFrom), ui.LongDate(*cur.ValidUntil), *cur.CapPercent)
		if q := quotasInWords(cur.MessageQuota, cur.DeviceQuota); q != "—" {
			b.WriteString("; quotas " + q)
		}
	}
	b.WriteString(". Check these values and save again if your change still applies.")
	return b.String()
}
