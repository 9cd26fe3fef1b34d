package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/clock"
)

// grantInput is the grant form as submitted.
type grantInput struct {
	Module       string `form:"module" validate:"required"`
	Environment  string `form:"environment" validate:"omitempty,oneof=sandbox production"`
	TermMonths   string `form:"term_months" validate:"required,oneof=3 6 12"`
	ValidFrom    string `form:"valid_from" validate:"required,datetime=2006-01-02"`
	CapPercent   string `form:"cap_percent" validate:"required,percent"`
	MessageQuota string `form:"message_quota" validate:"omitempty,count"`
	DeviceQuota  string `form:"device_quota" validate:"omitempty,count"`
}

// HandleGrantService grants a module (a plan for software and hardware) to a company: a new
// service with its first term, starting today or on a future day (then it is scheduled).
func HandleGrantService(pool *pgxpool.Pool, clk clock.Clock, cfg Config, v *validator.Validate) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		u := UserFromContext(ctx)
		companyID, err := PathID(c, "id")
		if err != nil {
			return err
		}
		in := grantInput{
			Module: c.FormValue("module"), Environment: c.FormValue("environment"), TermMonths: c.FormValue("term_months"),
			ValidFrom: strings.TrimSpace(c.FormValue("valid_from")), CapPercent: strings.TrimSpace(c.FormValue("cap_percent")),
			MessageQuota: strings.TrimSpace(c.FormValue("message_quota")), DeviceQuota: strings.TrimSpace(c.FormValue("device_quota")),
		}
		today, now := clock.Today(clk, cfg.Location), clk.Now()
		var serviceID int64
		errs, err := TransactForm(ctx, pool, ValidateForm(v, in), func(tq *db.Queries) (err error) {
			serviceID, err = grantService(ctx, tq, u.ID, companyID, in, today, now)
			return err
		})
		if err != nil {
			return err
		}
		if errs == nil && !IsHTMX(c) {
			AddFlash(Sessions(c), ctx, "success", "Service granted.")
			return Redirect(c, serviceURL(companyID, serviceID))
		}
		page, d, err := loadPartnerPage(c, q, companyID, today, cfg.Location)
		if err != nil {
			return err
		}
		status := http.StatusOK
		if errs != nil {
			status = http.StatusUnprocessableEntity
			page.Grant = grantForm(d, in, CSRFToken(c))
			page.Grant.Errors, page.Grant.Open = errs, true
		} else {
			page.Grant.Alert = &views.Flash{Kind: "success", Text: "Service granted. It is listed above."}
		}
		if IsHTMX(c) {
			return RenderFragment(c, status, views.ServicesSection(page))
		}
		return Render(c, status, page.Name, views.PartnerView(page))
	}
}

// grantService creates the service and its first term, and records the grant.
func grantService(ctx context.Context, q *db.Queries, actor, companyID int64, in grantInput, today, now time.Time) (int64, error) {
	company, err := q.GetCompanyForStaff(ctx, db.GetCompanyForStaffParams{ID: companyID, ViewerID: actor})
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, echo.ErrNotFound
	}
	if err != nil {
		return 0, err
	}
	if !db.ModuleKey(in.Module).Valid() {
		return 0, FormErrors{"module": "Choose a module."}
	}
	module, err := q.GetModule(ctx, db.ModuleKey(in.Module))
	if err != nil {
		return 0, err
	}
	from, _ := time.Parse(time.DateOnly, in.ValidFrom)
	errs := views.FieldErrors{}
	var env *db.Environment
	switch {
	case module.Metered && in.Environment == "":
		errs["environment"] = "Choose the plan's environment: sandbox or production."
	case module.Metered:
		e := db.Environment(in.Environment)
		env = &e
	case in.Environment != "":
		errs["environment"] = "Only software and hardware plans have an environment."
	}
	if (module.Key == db.ModuleKeyHardware && !company.IsHardware) || (module.Key == db.ModuleKeySoftware && !company.IsSoftware) {
		errs["module"] = company.Name + " is not a " + string(module.Key) + " partner; change the company's types first."
	}
	if from.Before(today) {
		errs["valid_from"] = "The start cannot be in the past: choose today or a later day."
	} else if from.After(today.AddDate(1, 0, 0)) {
		errs["valid_from"] = "Choose a start within the next year."
	}
	mq, dq := checkQuotas(module.Metered, in.MessageQuota, in.DeviceQuota, errs)
	if len(errs) > 0 {
		return 0, FormErrors(errs)
	}
	svc, err := q.CreateService(ctx, db.CreateServiceParams{CompanyID: companyID, Module: module.Key, Environment: env, Status: db.ServiceStatusActive})
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.ConstraintName == "services_one_per_plan" {
		return 0, FormErrors{"module": company.Name + " already holds " + ServiceSubject(module.Name, env) + ". Renew or change it instead."}
	}
	if err != nil {
		return 0, err
	}
	term, err := q.CreateServiceTerm(ctx, db.CreateServiceTermParams{
		ServiceID: svc.ID, ValidFrom: from, TermMonths: Atoi32(in.TermMonths), CapPercent: Atoi32(in.CapPercent),
		MessageQuota: mq, DeviceQuota: dq,
	})
	if err != nil {
		return 0, err
	}
	after, err := q.GetServiceForChange(ctx, db.GetServiceForChangeParams{ID: svc.ID, CompanyID: companyID, ViewerID: actor, Today: today})
	if err != nil {
		return 0, err
	}
	snap := snapshotService(after)
	snap.NewTerm = snapshotTerm(term)
	return svc.ID, Write(ctx, q, now, serviceEvent(actor, ActionServiceGrant, after, nil, snap))
}

// grantForm is the grant form with in's values and the company's modules to choose from.
func grantForm(d *partnerPageData, in grantInput, csrf string) views.GrantForm {
	f := views.GrantForm{
		CompanyID: d.row.ID, CSRF: csrf, ValidFrom: in.ValidFrom, CapPercent: in.CapPercent,
		MessageQuota: in.MessageQuota, DeviceQuota: in.DeviceQuota,
		Modules:      []views.Option{{Value: "", Label: "Choose a module", Selected: in.Module == ""}},
		Environments: []views.Option{{Value: "", Label: "None (not a plan)", Selected: in.Environment == ""}},
		Terms:        views.TermChoices(in.TermMonths),
	}
	for _, m := range d.modules {
		f.Modules = append(f.Modules, views.Option{Value: string(m.Key), Label: m.Name, Selected: in.Module == string(m.Key)})
	}
	for _, e := range db.AllEnvironmentValues() {
		f.Environments = append(f.Environments, views.Option{Value: string(e), Label: Capitalize(string(e)), Selected: in.Environment == string(e)})
	}
	return f
}

// checkQuotas applies SPEC §3 to the quota fields: a plan needs at least one quota, other
// modules have none. It returns the parsed quotas and adds any problem to errs.
func checkQuotas(metered bool, messages, devices string, errs views.FieldErrors) (*int32, *int32) {
	if !metered {
		if messages != "" {
			errs["message_quota"] = "Only software and hardware plans have quotas; leave this empty."
		}
		if devices != "" {
			errs["device_quota"] = "Only software and hardware plans have quotas; leave this empty."
		}
		return nil, nil
	}
	if messages == "" && devices == "" {
		errs["message_quota"] = "A plan needs a message quota, a device quota or both."
	}
	return OptionalInt32(messages), OptionalInt32(devices)
}

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
