package staff

import (
	"context"
	"errors"
	"net/http"
	"partnerportal/web/audit"
	"partnerportal/web/jobs"
	"partnerportal/web/ui"
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
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
func HandleGrantService(pool *pgxpool.Pool, jq *jobs.Queue, v *validator.Validate) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		u := ui.UserFromContext(ctx)
		companyID, err := ui.PathID(c, "id")
		if err != nil {
			return err
		}
		var in grantInput
		errs := ui.BindForm(c, v, &in)
		today, now := ui.When(c).Today, ui.When(c).Now
		var serviceID int64
		errs, err = ui.TransactForm(ctx, pool, errs, func(tq *db.Queries) (err error) {
			serviceID, err = grantService(ctx, tq, jq, u.ID, companyID, in, today, now)
			return err
		})
		if err != nil {
			return err
		}
		if errs == nil && !ui.IsHTMX(c) {
			ui.AddFlash(ui.Sessions(c), ctx, "success", "Service granted.")
			return ui.Redirect(c, serviceURL(companyID, serviceID))
		}
		page, d, err := loadPartnerPage(c, pool, companyID, today, ui.When(c).Loc)
		if err != nil {
			return err
		}
		status := http.StatusOK
		if errs != nil {
			status = http.StatusUnprocessableEntity
			page.Grant = grantForm(d, in, ui.CSRFToken(c))
			page.Grant.Errors, page.Grant.Open = errs, true
		} else {
			page.Grant.Alert = &views.Flash{Kind: "success", Text: "Service granted. It is listed above."}
		}
		if ui.IsHTMX(c) {
			return ui.RenderFragment(c, status, views.ServicesSection(page))
		}
		return ui.Render(c, status, page.Name, views.PartnerView(page))
	}
}

// grantService creates the service and its first term, and records the grant (the audit
// record, and the event the partner is told of).
func grantService(ctx context.Context, q *db.Queries, jq *jobs.Queue, actor, companyID int64, in grantInput, today, now time.Time) (int64, error) {
	row, err := q.GetCompanyForStaff(ctx, db.GetCompanyForStaffParams{ID: companyID, ViewerID: actor})
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, echo.ErrNotFound
	}
	if err != nil {
		return 0, err
	}
	company := row.PartnerCompany
	if !db.ModuleKey(in.Module).Valid() {
		return 0, ui.FormErrors{"module": "Choose a module."}
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
		return 0, ui.FormErrors(errs)
	}
	svc, err := q.CreateService(ctx, db.CreateServiceParams{CompanyID: companyID, Module: module.Key, Environment: env, Status: db.ServiceStatusActive})
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.ConstraintName == "services_one_per_plan" {
		return 0, ui.FormErrors{"module": company.Name + " already holds " + audit.ServiceSubject(module.Name, env) + ". Renew or change it instead."}
	}
	if err != nil {
		return 0, err
	}
	term, err := q.CreateServiceTerm(ctx, db.CreateServiceTermParams{
		ServiceID: svc.ID, ValidFrom: from, TermMonths: ui.Atoi32(in.TermMonths), CapPercent: ui.Atoi32(in.CapPercent),
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
	if err := audit.Write(ctx, q, now, serviceEvent(actor, audit.ActionServiceGrant, after, nil, snap)); err != nil {
		return 0, err
	}
	return svc.ID, jq.Changed(ctx, q, today, now, companyID, db.CreateServiceEventParams{
		ServiceID: svc.ID, Kind: db.ServiceEventKindGranted, ActorID: &actor, TermID: &term.ID})
}

// grantForm is the grant form with in's values and the company's modules to choose from.
func grantForm(d *partnerPageData, in grantInput, csrf string) views.GrantForm {
	f := views.GrantForm{
		CompanyID: d.company.PartnerCompany.ID, CSRF: csrf, ValidFrom: in.ValidFrom, CapPercent: in.CapPercent,
		MessageQuota: in.MessageQuota, DeviceQuota: in.DeviceQuota,
		Modules:      []views.Option{{Value: "", Label: "Choose a module", Selected: in.Module == ""}},
		Environments: []views.Option{{Value: "", Label: "None (not a plan)", Selected: in.Environment == ""}},
		Terms:        views.TermChoices(in.TermMonths),
	}
	for _, m := range d.modules {
		f.Modules = append(f.Modules, views.Option{Value: string(m.Key), Label: m.Name, Selected: in.Module == string(m.Key)})
	}
	for _, e := range db.AllEnvironmentValues() {
		f.Environments = append(f.Environments, views.Option{Value: string(e), Label: ui.Capitalize(string(e)), Selected: in.Environment == string(e)})
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
	return ui.OptionalInt32(messages), ui.OptionalInt32(devices)
}
