package partner

import (
	"context"
	"net/http"
	"partnerportal/web/audit"
	"partnerportal/web/jobs"
	"partnerportal/web/support"
	"partnerportal/web/ui"
	"strings"

	"github.com/go-playground/validator/v10"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

// ticketForm is what the new-ticket form posts; module "" is the company's account.
type ticketForm struct {
	Subject     string `form:"subject" validate:"required,max=150,plaintext"`
	Module      string `form:"module"`
	Priority    string `form:"priority" validate:"required,oneof=low normal high urgent"`
	Description string `form:"description" validate:"required,max=10000,multiline"`
}

func readTicketForm(form map[string][]string) ticketForm {
	get := func(k string) string {
		if v := form[k]; len(v) > 0 {
			return strings.TrimSpace(v[0])
		}
		return ""
	}
	return ticketForm{Subject: get("subject"), Module: get("module"), Priority: get("priority"),
		Description: strings.TrimSpace(ui.NormaliseLines(get("description")))}
}

// newTicketPage is the form for the company's access: it offers the modules the company can
// see, and is disabled while Support is read-only.
func newTicketPage(ctx context.Context, q *db.Queries, c echo.Context, area *ui.Area, f ticketForm, errs views.FieldErrors) (views.NewTicketPage, error) {
	modules, err := q.ListModules(ctx)
	if err != nil {
		return views.NewTicketPage{}, err
	}
	u, acc := ui.UserFromContext(ctx), ui.AreaAccess(c)
	form := views.NewTicketForm{Subject: f.Subject, Module: f.Module, Priority: f.Priority, Description: f.Description,
		Priorities: support.PriorityOptions(), Errors: errs, ReadOnly: !acc.State.CanUse(), CSRF: ui.CSRFToken(c),
		Modules: []views.Option{{Value: "", Label: "My account"}}}
	for _, m := range modules {
		if u.Access.Module(m.Key).State.CanView() {
			form.Modules = append(form.Modules, views.Option{Value: string(m.Key), Label: m.Name})
		}
	}
	return views.NewTicketPage{Area: ui.AreaPageOf(area, acc), Form: form}, nil
}

// HandleNewTicket is the form that opens a ticket.
func HandleNewTicket(pool *pgxpool.Pool, area *ui.Area) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		p, err := newTicketPage(c.Request().Context(), q, c, area, ticketForm{Priority: string(db.TicketPriorityNormal)}, nil)
		if err != nil {
			return err
		}
		return ui.OK(c, "Open a ticket", views.NewTicketView(p))
	}
}

// HandleCreateTicket opens a ticket with its first message and files, and tells the
// company's account manager; a form with errors comes back with them (422).
func HandleCreateTicket(pool *pgxpool.Pool, jq *jobs.Queue, area *ui.Area, v *validator.Validate) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		u := ui.UserFromContext(ctx)
		up, err := support.ReadUpload(c, "files")
		if err != nil {
			return err
		}
		f := readTicketForm(up.Values)
		errs := ui.ValidateForm(v, f)
		if f.Module != "" && !u.Access.Module(db.ModuleKey(f.Module)).State.CanView() {
			errs = ui.WithError(errs, "module", "Choose one of your modules, or your account.")
		}
		if up.Problem != "" {
			errs = ui.WithError(errs, "files", up.Problem)
		}
		if errs != nil {
			p, err := newTicketPage(ctx, q, c, area, f, errs)
			if err != nil {
				return err
			}
			return ui.Render(c, http.StatusUnprocessableEntity, "Open a ticket", views.NewTicketView(p))
		}
		w := ui.When(c)
		var id int64
		err = db.Transact(ctx, pool, func(tq *db.Queries) error {
			acc, err := support.SupportAccess(ctx, tq, *u.CompanyID, w.Today)
			if err != nil {
				return err
			}
			if !acc.State.CanUse() {
				return &ui.Refusal{Governing: ui.Governing{Access: acc, Name: area.Name, Back: area.Path}}
			}
			var module *db.ModuleKey
			if f.Module != "" {
				m := db.ModuleKey(f.Module)
				module = &m
			}
			priority := db.TicketPriority(f.Priority)
			id, err = tq.CreateSupportTicket(ctx, db.CreateSupportTicketParams{CompanyID: *u.CompanyID, Module: module, Subject: f.Subject,
				Priority: priority, OpenedBy: u.ID, Now: w.Now, ResponseDueAt: db.ResponseDue(w.Now, priority, w.Loc)})
			if err != nil {
				return err
			}
			t, err := tq.LockCompanyTicket(ctx, db.LockCompanyTicketParams{ID: id, CompanyID: *u.CompanyID})
			if err != nil {
				return err
			}
			msg, err := support.AddMessage(ctx, tq, id, support.Message{Author: u.ID, Body: f.Description, Files: up.Files}, w.Now)
			if err != nil {
				return err
			}
			supportModule := db.ModuleKeySupport
			if err := audit.Write(ctx, tq, w.Now, audit.Event{Actor: u.ID, CompanyID: u.CompanyID, Module: &supportModule,
				Action: audit.ActionTicketOpen, Subject: db.TicketTitle(id, f.Subject),
				After: map[string]string{"status": db.TicketStatusOpen.StaffLabel(), "priority": priority.Label()}}); err != nil {
				return err
			}
			return support.TellStaff(ctx, tq, jq, t.SupportTicket, t.AccountManagerID, u.ID, support.News{
				Key: "support-message:" + ui.Itoa(msg), Title: "New ticket from " + t.CompanyName + ": " + db.TicketTitle(id, f.Subject),
				Body: u.Name + " (" + priority.Label() + " priority): " + support.Excerpt(f.Description),
				Link: "/admin/support/" + ui.Itoa(id)}, w.Now)
		})
		if g, ok := refused(err); ok {
			return ui.Refuse(c, g)
		}
		if err != nil {
			return err
		}
		return ui.FlashRedirect(c, "success", "Ticket #"+ui.Itoa(id)+" is open. We answer "+strings.ToLower(db.TicketPriority(f.Priority).Label())+
			"-priority tickets within "+support.TargetWords(db.TicketPriority(f.Priority))+"; you will be told here and by e-mail.", ticketURL(id))
	}
}
