package partner

import (
	"net/http"
	"partnerportal/web/ui"

	"github.com/go-playground/validator/v10"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

// devlabInput is what the console's forms post (each uses some of it).
type devlabInput struct {
	Module     string `form:"module"`
	Count      string `form:"count"`
	DeviceName string `form:"device_name"`
}

// read fills the console form from the request and checks the module it chose — one of the
// company's sandbox plans — and every text; form.Errors holds what is wrong.
func (in *devlabInput) read(c echo.Context, v *validator.Validate) (views.DevLabForm, db.ModuleKey) {
	errs := ui.BindForm(c, v, in)
	form := views.DevLabForm{Module: in.Module, Count: in.Count, DeviceName: in.DeviceName, Errors: errs}
	m := db.ModuleKey(in.Module)
	if (m != db.ModuleKeySoftware && m != db.ModuleKeyHardware) ||
		ui.UserFromContext(c.Request().Context()).Access.Plan(m, db.EnvironmentSandbox).State.Hidden() {
		form.Errors = ui.WithError(form.Errors, "module", "Choose one of your sandbox plans.")
	}
	return form, m
}

// refusedForm answers a console form with errors: 422, the messages under their fields, and
// the plan's (whose select has no place for one) as the outcome.
func refusedForm(c echo.Context, pool *pgxpool.Pool, form views.DevLabForm) error {
	kind, msg := "", ""
	if m, ok := form.Errors["module"]; ok {
		kind, msg = "error", m
	}
	return devlabAnswer(c, pool, http.StatusUnprocessableEntity, form, kind, msg)
}
