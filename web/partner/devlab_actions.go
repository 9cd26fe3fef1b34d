package partner

import (
	"crypto/rand"
	"errors"
	"fmt"
	"net/http"
	"partnerportal/web/ui"
	"strconv"
	"unicode/utf8"

	"github.com/go-playground/validator/v10"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/metering"
)

// maxBurst is the most test messages one click sends.
const maxBurst = 100

// devlabReporter reports for the signed-in user's company in the sandbox, from the console.
func devlabReporter(c echo.Context) metering.Reporter {
	u := ui.UserFromContext(c.Request().Context())
	return metering.Reporter{CompanyID: *u.CompanyID, Environment: db.EnvironmentSandbox, Source: db.UsageSourceDevlab}
}

// consoleKey is an idempotency key for a report the console makes: each click is new.
func consoleKey(kind string) string { return "devlab-" + kind + "-" + rand.Text() }

// HandleDevLabMessages sends a burst of test messages, one report each, through the meter the
// API uses; the console comes back with the plan's new figures and what happened.
func HandleDevLabMessages(pool *pgxpool.Pool, m *metering.Meter, v *validator.Validate) echo.HandlerFunc {
	return func(c echo.Context) error {
		var in devlabInput
		form, module := in.read(c, v)
		n, err := strconv.Atoi(form.Count)
		if err != nil || n < 1 || n > maxBurst {
			form.Errors = ui.WithError(form.Errors, "count", fmt.Sprintf("Enter a number from 1 to %d.", maxBurst))
		}
		if form.Errors != nil {
			return refusedForm(c, pool, form)
		}
		// keys in the order sent: reports are logged in key order within a batch
		burst := consoleKey("message")
		reports := make([]metering.Report, n)
		for i := range reports {
			reports[i] = metering.Report{Module: module, Metric: db.UsageMetricMessages, Quantity: 1, IdempotencyKey: fmt.Sprintf("%s-%03d", burst, i)}
		}
		answers, err := m.Record(c.Request().Context(), devlabReporter(c), reports)
		if err != nil {
			return err
		}
		accepted, firstRefusal := 0, ""
		for _, a := range answers {
			if a.Result().Accepted {
				accepted++
			} else if firstRefusal == "" {
				firstRefusal = a.Result().Message
			}
		}
		msg := fmt.Sprintf("%d of %d test message%s accepted.", accepted, n, ui.Plural(int64(n)))
		kind := "success"
		if firstRefusal != "" {
			msg += " " + firstRefusal
			kind = "error"
		}
		form.Errors = nil
		return devlabAnswer(c, pool, http.StatusOK, form, kind, msg)
	}
}

// HandleDevLabRegisterDevice registers a test device: a +1 device report on its plan, and the
// device only if the report is accepted, in one transaction.
func HandleDevLabRegisterDevice(pool *pgxpool.Pool, m *metering.Meter, v *validator.Validate) echo.HandlerFunc {
	return func(c echo.Context) error {
		u := ui.UserFromContext(c.Request().Context())
		var in devlabInput
		form, module := in.read(c, v)
		if _, bad := form.Errors["device_name"]; !bad && (form.DeviceName == "" || utf8.RuneCountInString(form.DeviceName) > 100) {
			form.Errors = ui.WithError(form.Errors, "device_name", "Enter a name of up to 100 characters.")
		}
		if form.Errors != nil {
			return refusedForm(c, pool, form)
		}
		ctx := c.Request().Context()
		var answer metering.Answer
		err := db.Transact(ctx, pool, func(q *db.Queries) error {
			answers, err := m.RecordTx(ctx, q, devlabReporter(c), []metering.Report{{Module: module, Metric: db.UsageMetricDevices, Quantity: 1, IdempotencyKey: consoleKey("device")}})
			if err != nil || !answers[0].Result().Accepted {
				answer = firstOr(answers)
				return err
			}
			answer = answers[0]
			_, err = q.CreateDevLabDevice(ctx, db.CreateDevLabDeviceParams{CompanyID: *u.CompanyID,
				ServiceID: u.Access.Plan(module, db.EnvironmentSandbox).ServiceID, Name: form.DeviceName, CreatedBy: &u.ID, CreatedAt: ui.When(c).Now})
			return err
		})
		if err != nil {
			return err
		}
		if !answer.Result().Accepted {
			return devlabAnswer(c, pool, http.StatusOK, form, "error", "Device not registered. "+answer.Result().Message)
		}
		return devlabAnswer(c, pool, http.StatusOK, views.DevLabForm{Module: form.Module}, "success", "Device “"+form.DeviceName+"” registered. "+answer.Result().Message)
	}
}

// HandleDevLabRemoveDevice removes a test device: a −1 device report, and the device marked
// removed only if the report is accepted. (The device id is a form field, not part of the path.)
func HandleDevLabRemoveDevice(pool *pgxpool.Pool, m *metering.Meter) echo.HandlerFunc {
	return func(c echo.Context) error {
		u := ui.UserFromContext(c.Request().Context())
		id, ok := ui.ParseID(c.FormValue("device_id"))
		if !ok {
			return devlabAnswer(c, pool, http.StatusUnprocessableEntity, views.DevLabForm{}, "error", "Choose a device to remove.")
		}
		ctx := c.Request().Context()
		var answer metering.Answer
		var name string
		err := db.Transact(ctx, pool, func(q *db.Queries) error {
			d, err := q.GetDevLabDeviceForUpdate(ctx, db.GetDevLabDeviceForUpdateParams{ID: id, CompanyID: *u.CompanyID})
			if errors.Is(err, pgx.ErrNoRows) || (err == nil && d.RemovedAt != nil) {
				return echo.ErrNotFound
			}
			if err != nil {
				return err
			}
			name = d.Name
			answers, err := m.RecordTx(ctx, q, devlabReporter(c), []metering.Report{{Module: d.Module, Metric: db.UsageMetricDevices, Quantity: -1, IdempotencyKey: consoleKey("device")}})
			answer = firstOr(answers)
			if err != nil || !answer.Result().Accepted {
				return err
			}
			return q.MarkDevLabDeviceRemoved(ctx, db.MarkDevLabDeviceRemovedParams{ID: id, Now: ui.When(c).Now})
		})
		if err != nil {
			return err
		}
		if !answer.Result().Accepted {
			return devlabAnswer(c, pool, http.StatusOK, views.DevLabForm{}, "error", "Device not removed. "+answer.Result().Message)
		}
		return devlabAnswer(c, pool, http.StatusOK, views.DevLabForm{}, "success", "Device “"+name+"” removed. "+answer.Result().Message)
	}
}

func firstOr(answers []metering.Answer) metering.Answer {
	if len(answers) == 0 {
		return metering.Answer{}
	}
	return answers[0]
}

// devlabAnswer shows the console again: in place for htmx, as a page otherwise (a plain form
// post has no other way to show the outcome without storing it in the session).
func devlabAnswer(c echo.Context, pool *pgxpool.Pool, status int, form views.DevLabForm, kind, msg string) error {
	con, err := loadConsole(c, pool, form)
	if err != nil {
		return err
	}
	con.Outcome, con.OutcomeKind = msg, kind
	if ui.IsHTMX(c) {
		return ui.RenderFragment(c, status, views.DevLabConsoleView(con))
	}
	area := ui.AreaByKey("devlab")
	return ui.Render(c, status, area.Name, views.DevLabView(views.DevLabPage{Area: ui.AreaPageOf(area, ui.AreaAccess(c)), Console: con}))
}
