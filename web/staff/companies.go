package staff

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"partnerportal/web/audit"
	"partnerportal/web/ui"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-playground/validator/v10"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

// companiesPageSize is how many companies a page of the admin's list shows.
const companiesPageSize = 50

// companiesAdmin is the data of the company pages: a page of companies (none for the edit form)
// and the account managers a company can be assigned to.
type companiesAdmin struct {
	search    string
	number    int
	total     int64
	companies []db.ListCompaniesForAdminRow
	managers  []db.ListAccountManagersRow
}

// loadCompaniesAdmin reads page number of the companies whose name contains search; number 0
// reads the account managers alone (the edit form).
func loadCompaniesAdmin(ctx context.Context, pool *pgxpool.Pool, search string, number int) (*companiesAdmin, error) {
	d := &companiesAdmin{search: search, number: number}
	var b db.Batch
	if number > 0 {
		db.Queue(&b, &d.companies, (*db.Queries).ListCompaniesForAdmin, db.ListCompaniesForAdminParams{
			Search: search, MaxRows: companiesPageSize, Skip: int32((number - 1) * companiesPageSize)})
		db.Queue(&b, &d.total, (*db.Queries).CountCompaniesForAdmin, search)
	}
	db.Queue(&b, &d.managers, (*db.Queries).ListAccountManagers, true)
	return d, b.Send(ctx, pool)
}

// form is the company form for in, with the account managers to choose from.
func (d *companiesAdmin) form(in companyInput, id int64, csrf string) views.CompanyForm {
	f := views.CompanyForm{ID: id, Name: in.Name, Hardware: in.Hardware, Software: in.Software, CSRF: csrf,
		Managers: []views.Option{{Value: "", Label: "None yet", Selected: in.Manager == ""}}}
	for _, m := range d.managers {
		f.Managers = append(f.Managers, views.Option{Value: ui.Itoa(m.ID), Label: m.Name + " (" + m.Email + ")", Selected: in.Manager == ui.Itoa(m.ID)})
	}
	return f
}

// page is the list page with the new-company form filled with in.
func (d *companiesAdmin) page(in companyInput, csrf string) views.CompaniesPage {
	p := views.CompaniesPage{Form: d.form(in, 0, csrf), Search: d.search, Total: d.total}
	for _, r := range d.companies {
		c := r.PartnerCompany
		manager := r.AccountManagerName
		if manager == "" {
			manager = "None assigned"
		}
		p.Companies = append(p.Companies, views.CompanyRow{Name: c.Name, URL: partnerURL(c.ID), EditURL: "/admin/companies/" + ui.Itoa(c.ID) + "/edit",
			Types: companyTypes(c.IsHardware, c.IsSoftware), Manager: manager, Users: r.Users, Services: r.Services})
	}
	p.Pages = ui.Paginate(d.number, companiesPageSize, int(d.total), len(d.companies), func(n int) string {
		return companiesURL(d.search, n)
	})
	return p
}

// companiesURL is page n of the admin's list of companies whose name contains search.
func companiesURL(search string, n int) string {
	v := url.Values{}
	if search != "" {
		v.Set("q", search)
	}
	if n > 1 {
		v.Set("page", strconv.Itoa(n))
	}
	if len(v) == 0 {
		return "/admin/companies"
	}
	return "/admin/companies?" + v.Encode()
}

// companySearch is the list's search words, checked at the edge: plain text of up to 100
// characters (anything else is answered with the message under the search box).
func companySearch(c echo.Context) (string, views.FieldErrors) {
	q := strings.TrimSpace(c.QueryParam("q"))
	if !ui.CleanText(q, false) || utf8.RuneCountInString(q) > 100 {
		return "", views.FieldErrors{"q": "Search for plain text of up to 100 characters."}
	}
	return q, nil
}

// companyInput is the company form as submitted.
type companyInput struct {
	Name     string `form:"name" validate:"required,max=200"`
	Hardware bool   `form:"is_hardware"`
	Software bool   `form:"is_software"`
	Manager  string `form:"account_manager" validate:"omitempty,number"`
}

// HandleCompanies lists the partner companies a page at a time, found by name, with the form
// for a new one.
func HandleCompanies(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		search, errs := companySearch(c)
		d, err := loadCompaniesAdmin(c.Request().Context(), pool, search, ui.PageNumber(c))
		if err != nil {
			return err
		}
		p := d.page(companyInput{}, ui.CSRFToken(c))
		p.SearchErrors = errs
		return ui.OK(c, "Partner companies", views.CompaniesView(p))
	}
}

// HandleEditCompany is the form of one company.
func HandleEditCompany(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		id, err := ui.PathID(c, "id")
		if err != nil {
			return err
		}
		var co db.GetCompanyForStaffRow
		d := &companiesAdmin{}
		var b db.Batch
		db.Queue(&b, &co, (*db.Queries).GetCompanyForStaff, db.GetCompanyForStaffParams{ID: id, ViewerID: ui.UserFromContext(ctx).ID})
		db.Queue(&b, &d.managers, (*db.Queries).ListAccountManagers, true)
		if err := b.Send(ctx, pool); errors.Is(err, pgx.ErrNoRows) {
			return echo.ErrNotFound
		} else if err != nil {
			return err
		}
		in := companyInput{Name: co.PartnerCompany.Name, Hardware: co.PartnerCompany.IsHardware, Software: co.PartnerCompany.IsSoftware}
		if m := co.PartnerCompany.AccountManagerID; m != nil {
			in.Manager = ui.Itoa(*m)
		}
		return ui.OK(c, "Edit "+co.PartnerCompany.Name, views.CompanyEditView(d.form(in, id, ui.CSRFToken(c))))
	}
}

// HandleSaveCompany creates a company (no :id) or saves one; a changed account manager is
// recorded as an assignment of its own.
func HandleSaveCompany(pool *pgxpool.Pool, v *validator.Validate) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		u := ui.UserFromContext(ctx)
		var id int64
		if c.Param("id") != "" {
			var err error
			if id, err = ui.PathID(c, "id"); err != nil {
				return err
			}
		}
		var in companyInput
		errs, err := ui.TransactForm(ctx, pool, ui.BindForm(c, v, &in), func(tq *db.Queries) (err error) {
			id, err = saveCompany(ctx, tq, u.ID, id, in, ui.When(c).Now)
			return err
		})
		if err != nil {
			return err
		}
		if errs == nil {
			ui.AddFlash(ui.Sessions(c), ctx, "success", "Company saved.")
			return ui.Redirect(c, partnerURL(id))
		}
		number := 0
		if id == 0 {
			number = 1
		}
		d, err := loadCompaniesAdmin(ctx, pool, "", number)
		if err != nil {
			return err
		}
		if id == 0 {
			page := d.page(in, ui.CSRFToken(c))
			page.Form.Errors, page.Form.Open = errs, true
			return ui.Render(c, http.StatusUnprocessableEntity, "Partner companies", views.CompaniesView(page))
		}
		f := d.form(in, id, ui.CSRFToken(c))
		f.Errors = errs
		return ui.Render(c, http.StatusUnprocessableEntity, "Edit company", views.CompanyEditView(f))
	}
}

// companySnapshot is a company as the audit trail records it.
type companySnapshot struct {
	Name       string `json:"name"`
	IsHardware bool   `json:"is_hardware"`
	IsSoftware bool   `json:"is_software"`
}

// saveCompany creates or updates the company and records what changed.
func saveCompany(ctx context.Context, q *db.Queries, actor, id int64, in companyInput, now time.Time) (int64, error) {
	errs := views.FieldErrors{}
	if !in.Hardware && !in.Software {
		errs["types"] = "Choose hardware partner, software partner or both."
	}
	var manager *int64
	if in.Manager != "" {
		n, _ := strconv.ParseInt(in.Manager, 10, 64)
		okManager, err := q.IsActiveAccountManager(ctx, n)
		if err != nil {
			return 0, err
		}
		if !okManager {
			errs["account_manager"] = "Choose an account manager from the list."
		}
		manager = &n
	}
	if len(errs) > 0 {
		return 0, ui.FormErrors(errs)
	}
	var before *db.PartnerCompany
	if id != 0 {
		b, err := q.GetPartnerCompanyForUpdate(ctx, id)
		if errors.Is(err, pgx.ErrNoRows) {
			return 0, echo.ErrNotFound
		}
		if err != nil {
			return 0, err
		}
		before = &b
	}
	var after db.PartnerCompany
	var err error
	if before == nil {
		after, err = q.CreatePartnerCompany(ctx, db.CreatePartnerCompanyParams{Name: in.Name, IsHardware: in.Hardware, IsSoftware: in.Software, AccountManagerID: manager})
	} else {
		after, err = q.UpdatePartnerCompany(ctx, db.UpdatePartnerCompanyParams{ID: id, Name: in.Name, IsHardware: in.Hardware, IsSoftware: in.Software, AccountManagerID: manager})
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.ConstraintName == "partner_companies_name_key" {
		return 0, ui.FormErrors{"name": "A company with this name exists already."}
	}
	if err != nil {
		return 0, err
	}
	return after.ID, recordCompanyChange(ctx, q, actor, before, after, now)
}

// recordCompanyChange writes the audit records of a created or changed company: the company's
// own fields, and its account manager as an assignment.
func recordCompanyChange(ctx context.Context, q *db.Queries, actor int64, before *db.PartnerCompany, after db.PartnerCompany, now time.Time) error {
	snap := func(c db.PartnerCompany) companySnapshot {
		return companySnapshot{Name: c.Name, IsHardware: c.IsHardware, IsSoftware: c.IsSoftware}
	}
	ev := audit.Event{Actor: actor, CompanyID: &after.ID, Subject: after.Name}
	if before == nil {
		ev.Action, ev.After = audit.ActionCompanyCreate, snap(after)
		if err := audit.Write(ctx, q, now, ev); err != nil {
			return err
		}
	} else if snap(*before) != snap(after) {
		ev.Action, ev.Before, ev.After = audit.ActionCompanyUpdate, snap(*before), snap(after)
		if err := audit.Write(ctx, q, now, ev); err != nil {
			return err
		}
	}
	var was *int64
	if before != nil {
		was = before.AccountManagerID
	}
	if sameOptional(was, after.AccountManagerID) {
		return nil
	}
	wasName, err := userLabel(ctx, q, was)
	if err != nil {
		return err
	}
	isName, err := userLabel(ctx, q, after.AccountManagerID)
	if err != nil {
		return err
	}
	ev.Action, ev.Before, ev.After = audit.ActionCompanyAssign, map[string]any{"account_manager": wasName}, map[string]any{"account_manager": isName}
	return audit.Write(ctx, q, now, ev)
}

// userLabel names an account in the trail: "Amir Manager <am@example.com>", nil for none.
func userLabel(ctx context.Context, q *db.Queries, id *int64) (any, error) {
	if id == nil {
		return nil, nil
	}
	u, err := q.GetUser(ctx, *id)
	if err != nil {
		return nil, err
	}
	return u.Name + " <" + u.Email + ">", nil
}
