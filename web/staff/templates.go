package staff

import (
	"errors"
	"net/http"

	"github.com/go-playground/validator/v10"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/appconnect"
	"partnerportal/web/audit"
	"partnerportal/web/ui"
)

// AppConnect's template catalogue, curated by admins: list, create, edit, retire and bring
// back. Every change is audited; partners see the catalogue at /appconnect.

func templateURL(id int64) string { return "/admin/templates/" + ui.Itoa(id) }

// HandleTemplates lists every template, retired ones last.
func HandleTemplates(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		rows, err := db.New(pool).ListTemplatesForAdmin(c.Request().Context())
		if err != nil {
			return err
		}
		loc := ui.When(c).Loc
		p := views.AdminTemplatesPage{CSRF: ui.CSRFToken(c)}
		for _, r := range rows {
			row := views.AdminTemplateRow{Name: r.Name, EditURL: templateURL(r.ID), Industry: r.Industry.Label(),
				Contents: appconnect.Contents(r.FeatureCount, r.ParameterCount, r.DeviceCount),
				Version:  ui.Itoa(int64(r.Version)), Updated: ui.LongDate(r.UpdatedAt.In(loc)), Deployments: ui.Itoa(int64(r.DeploymentCount)),
				Status: views.Badge{Tone: "active", Icon: "✓", Label: "In the catalogue"}, RetireURL: templateURL(r.ID) + "/retire"}
			if r.RetiredAt != nil {
				row.Retired = true
				row.Status = views.Badge{Tone: "inactive", Icon: "○", Label: "Retired " + ui.LongDate(r.RetiredAt.In(loc))}
			}
			p.Templates = append(p.Templates, row)
		}
		return ui.OK(c, "AppConnect templates", views.AdminTemplatesView(p))
	}
}

// HandleNewTemplate is the form for a new template.
func HandleNewTemplate() echo.HandlerFunc {
	return func(c echo.Context) error {
		in := templateInput{Industry: string(db.ProductCategorySmartBuilding)}
		return ui.OK(c, "New template", views.TemplateFormView(templateFormOf(in, "New template", "/admin/templates", nil, ui.CSRFToken(c))))
	}
}

// HandleEditTemplate is the form for template :tpl as it is now.
func HandleEditTemplate(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := ui.PathID(c, "tpl")
		if err != nil {
			return err
		}
		t, err := ui.NotFoundIfNone(appconnect.LoadTemplate(c.Request().Context(), pool, id))
		if err != nil {
			return err
		}
		f := templateFormOf(inputOf(t.AppTemplate, t.Features, t.Parameters, t.Devices), "Edit “"+t.Name+"”", templateURL(id), nil, ui.CSRFToken(c))
		if t.RetiredAt != nil {
			f.Retired = "Retired on " + ui.LongDate(t.RetiredAt.In(ui.When(c).Loc)) + ": partners cannot deploy it until it is brought back."
		}
		return ui.OK(c, t.Name, views.TemplateFormView(f))
	}
}

// HandleSaveTemplate creates a template (no :tpl) or saves a change to template :tpl as a new
// version; a form with mistakes comes back with them under their fields (422), and one read
// before someone else's save is refused rather than overwrite it.
func HandleSaveTemplate(pool *pgxpool.Pool, v *validator.Validate) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		var id int64
		if c.Param("tpl") != "" {
			var err error
			if id, err = ui.PathID(c, "tpl"); err != nil {
				return err
			}
		}
		in, err := readTemplateForm(c)
		if err != nil {
			return err
		}
		errs := ui.ValidateForm(v, in)
		if !db.ProductCategory(in.Industry).Valid() {
			errs = ui.WithError(errs, "industry", "Choose one of the industries.")
		}
		parts, partErrs := appconnect.CheckParts(partsOf(in))
		for k, msg := range partErrs {
			errs = ui.WithError(errs, k, msg)
		}
		title, action := "New template", "/admin/templates"
		if id != 0 {
			title, action = "Edit “"+in.Name+"”", templateURL(id)
		}
		w := ui.When(c)
		u := ui.UserFromContext(ctx)
		errs, err = ui.TransactForm(ctx, pool, errs, func(q *db.Queries) error {
			p := db.CreateTemplateParams{Slug: in.Slug, Name: in.Name, Industry: db.ProductCategory(in.Industry),
				Summary: in.Summary, Description: in.Description, Now: w.Now}
			action, after := audit.ActionTemplateCreate, map[string]any{"name": in.Name}
			if id == 0 {
				var err error
				if id, err = q.CreateTemplate(ctx, p); err != nil {
					return templateTaken(err)
				}
			} else {
				version, err := ui.NotFoundIfNone(q.UpdateTemplate(ctx, db.UpdateTemplateParams{ID: id, ExpectedVersion: in.Version,
					Slug: p.Slug, Name: p.Name, Industry: p.Industry, Summary: p.Summary, Description: p.Description, Now: w.Now}))
				if errors.Is(err, echo.ErrNotFound) {
					return ui.FormErrors{"": "Someone saved this template since you opened it. Open it again to see their change, then make yours."}
				}
				if err != nil {
					return templateTaken(err)
				}
				action, after["template_version"] = audit.ActionTemplateUpdate, version
			}
			if err := parts.Write(ctx, q, id); err != nil {
				return err
			}
			after["contents"] = appconnect.Contents(int32(len(parts.Features)), int32(len(parts.Parameters)), int32(len(parts.Devices)))
			return audit.Write(ctx, q, w.Now, audit.Event{Actor: u.ID, Action: action, Subject: "AppConnect template “" + in.Name + "”", After: after})
		})
		if err != nil {
			return err
		}
		if errs != nil {
			return ui.Render(c, http.StatusUnprocessableEntity, title, views.TemplateFormView(templateFormOf(in, title, action, errs, ui.CSRFToken(c))))
		}
		return ui.FlashRedirect(c, "success", "“"+in.Name+"” is saved. Partners see it in the AppConnect catalogue.", "/admin/templates")
	}
}

// partsOf is the form's rows as web/appconnect checks them.
func partsOf(in templateInput) appconnect.Parts {
	var p appconnect.Parts
	for _, f := range in.Features {
		p.Features = append(p.Features, appconnect.FeatureRow(f))
	}
	for _, r := range in.Parameters {
		p.Parameters = append(p.Parameters, appconnect.ParameterRow(r))
	}
	for _, d := range in.Devices {
		p.Devices = append(p.Devices, appconnect.DeviceRow(d))
	}
	return p
}

// templateTaken turns a slug or name another template uses into a message under its field.
func templateTaken(err error) error {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.ConstraintName {
		case "app_templates_slug_key":
			return ui.FormErrors{"slug": "Another template uses this address name."}
		case "app_templates_name_key":
			return ui.FormErrors{"name": "Another template has this name."}
		}
	}
	return err
}
