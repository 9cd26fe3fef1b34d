package staff

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"partnerportal/web/audit"
	"partnerportal/web/ui"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

const auditPageSize = 50

// auditFilter reads the log's filters from the query string. A value that cannot be a filter
// is reported under its field and not applied.
func auditFilter(c echo.Context, loc *time.Location) (db.CountAuditEventsParams, views.FieldErrors) {
	u := ui.UserFromContext(c.Request().Context())
	p := db.CountAuditEventsParams{ViewerID: u.ID}
	errs := views.FieldErrors{}
	id := func(name string) *int64 {
		v := c.QueryParam(name)
		if v == "" {
			return nil
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			errs[name] = "Choose one of the options."
			return nil
		}
		return &n
	}
	p.CompanyID, p.ActorID = id("company"), id("actor")
	if m := db.ModuleKey(c.QueryParam("module")); m != "" {
		if m.Valid() {
			p.Module = &m
		} else {
			errs["module"] = "Choose one of the options."
		}
	}
	if a := c.QueryParam("action"); a != "" {
		if audit.Known(a) {
			p.Action = &a
		} else {
			errs["action"] = "Choose one of the options."
		}
	}
	day := func(name string, next int) *time.Time {
		v := c.QueryParam(name)
		if v == "" {
			return nil
		}
		d, err := time.ParseInLocation(time.DateOnly, v, loc)
		if err != nil {
			errs[name] = "Enter a date like 2026-11-25."
			return nil
		}
		d = d.AddDate(0, 0, next)
		return &d
	}
	// "to" is inclusive: events before the start of the next day.
	p.FromAt, p.UntilAt = day("from", 0), day("to", 1)
	if len(errs) == 0 {
		errs = nil
	}
	return p, errs
}

// auditPage is the events of filter f from offset on, at most size of them (nil: all).
func auditPage(f db.CountAuditEventsParams, offset int32, size *int32) db.ListAuditEventsParams {
	return db.ListAuditEventsParams{ViewerID: f.ViewerID, CompanyID: f.CompanyID, ActorID: f.ActorID, Module: f.Module,
		Action: f.Action, FromAt: f.FromAt, UntilAt: f.UntilAt, PageOffset: offset, PageSize: size}
}

// HandleAuditLog is the audit trail the viewer may see, newest first, filtered and paginated.
func HandleAuditLog(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		filter, errs := auditFilter(c, ui.When(c).Loc)
		pageNo := ui.PageNumber(c)
		size, offset := int32(auditPageSize), int32((pageNo-1)*auditPageSize)
		var (
			events    []db.ListAuditEventsRow
			total     int64
			companies []db.ListCompaniesForStaffRow
			actors    []db.ListAuditActorsRow
			modules   []db.Module
			b         db.Batch
		)
		db.Queue(&b, &events, (*db.Queries).ListAuditEvents, auditPage(filter, offset, &size))
		db.Queue(&b, &total, (*db.Queries).CountAuditEvents, filter)
		db.Queue(&b, &companies, (*db.Queries).ListCompaniesForStaff, filter.ViewerID)
		db.Queue(&b, &actors, (*db.Queries).ListAuditActors, filter.ViewerID)
		db.QueueNoArg(&b, &modules, (*db.Queries).ListModules)
		if err := b.Send(c.Request().Context(), pool); err != nil {
			return err
		}
		// A company the viewer does not manage is not theirs to name, as on every other page.
		if filter.CompanyID != nil && !slices.ContainsFunc(companies, func(co db.ListCompaniesForStaffRow) bool { return co.ID == *filter.CompanyID }) {
			return echo.ErrNotFound
		}
		query := c.QueryParams()
		page := views.AuditPage{
			From: query.Get("from"), To: query.Get("to"), Errors: errs, Entries: auditEntries(events, ui.When(c).Loc),
			Companies: []views.Option{{Value: "", Label: "All partners"}},
			Actors:    []views.Option{{Value: "", Label: "Everyone"}},
			Modules:   []views.Option{{Value: "", Label: "All modules"}},
			Actions:   []views.Option{{Value: "", Label: "All actions"}},
			CSVURL:    "/admin/audit.csv?" + withPage(query, 0),
		}
		for _, co := range companies {
			page.Companies = append(page.Companies, views.Option{Value: ui.Itoa(co.ID), Label: co.Name, Selected: query.Get("company") == ui.Itoa(co.ID)})
		}
		for _, a := range actors {
			page.Actors = append(page.Actors, views.Option{Value: ui.Itoa(a.ID), Label: a.Name + " (" + a.Email + ")", Selected: query.Get("actor") == ui.Itoa(a.ID)})
		}
		for _, m := range modules {
			page.Modules = append(page.Modules, views.Option{Value: string(m.Key), Label: m.Name, Selected: query.Get("module") == string(m.Key)})
		}
		for _, a := range audit.Actions {
			page.Actions = append(page.Actions, views.Option{Value: a.Key, Label: a.Label, Selected: query.Get("action") == a.Key})
		}
		first := int64(offset) + 1
		last := int64(offset) + int64(len(events))
		page.Summary = fmt.Sprintf("Showing %s–%s of %s", ui.Count(first), ui.Count(last), ui.Count(total))
		if total == 0 {
			page.Summary = "No events"
		}
		if pageNo > 1 {
			page.Prev = "/admin/audit?" + withPage(query, pageNo-1)
		}
		if last < total {
			page.Next = "/admin/audit?" + withPage(query, pageNo+1)
		}
		status := http.StatusOK
		if errs != nil {
			status = http.StatusUnprocessableEntity
		}
		return ui.Render(c, status, "Audit log", views.AuditView(page))
	}
}

// withPage is the query string with page set (0 removes it).
func withPage(q url.Values, page int) string {
	out := url.Values{}
	for k, v := range q {
		if k != "page" && len(v) > 0 && v[0] != "" {
			out.Set(k, v[0])
		}
	}
	if page > 0 {
		out.Set("page", strconv.Itoa(page))
	}
	return out.Encode()
}

// HandleAuditCSV exports every event matching the filters as CSV, for spreadsheets.
func HandleAuditCSV(pool *pgxpool.Pool) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		filter, errs := auditFilter(c, ui.When(c).Loc)
		if errs != nil {
			return &ui.Error{Code: http.StatusUnprocessableEntity, Message: "The filters are not valid; correct them on the audit log page."}
		}
		if filter.CompanyID != nil {
			if _, err := ui.NotFoundIfNone(q.GetCompanyForStaff(c.Request().Context(), db.GetCompanyForStaffParams{ID: *filter.CompanyID, ViewerID: filter.ViewerID})); err != nil {
				return err
			}
		}
		events, err := q.ListAuditEvents(c.Request().Context(), auditPage(filter, 0, nil))
		if err != nil {
			return err
		}
		h := c.Response().Header()
		h.Set(echo.HeaderContentType, "text/csv; charset=utf-8")
		h.Set(echo.HeaderContentDisposition, `attachment; filename="audit-`+ui.When(c).Today.Format(time.DateOnly)+`.csv"`)
		c.Response().WriteHeader(http.StatusOK)
		w := csv.NewWriter(c.Response())
		_ = w.Write([]string{"time", "actor", "actor_email", "partner", "action", "subject", "module", "environment", "before", "after"})
		for _, e := range events {
			var module, env string
			if e.Module != nil {
				module = string(*e.Module)
			}
			if e.Environment != nil {
				env = string(*e.Environment)
			}
			_ = w.Write(csvSafe(e.At.In(ui.When(c).Loc).Format(time.RFC3339), e.ActorName, e.ActorEmail, e.CompanyName,
				e.Action, e.Subject, module, env, jsonText(e.Before), jsonText(e.After)))
		}
		w.Flush()
		return w.Error()
	}
}

// csvSafe keeps spreadsheets from running a cell as a formula (=, +, -, @ at the start).
func csvSafe(cells ...string) []string {
	for i, s := range cells {
		if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
			cells[i] = "'" + s
		}
	}
	return cells
}

// jsonText is a snapshot as stored, empty when there is none.
func jsonText(raw []byte) string {
	if s := string(raw); s != "null" {
		return s
	}
	return ""
}
