package partner

import (
	"partnerportal/web/support"
	"partnerportal/web/ui"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

// Support: the company's tickets about its modules or its account. The area's state decides
// (the gate): usable, tickets are opened and answered; read-only, they are read; hidden, 404.

// ticketPageSize is how many tickets a page of the list shows.
const ticketPageSize = 20

// HandleSupport is the company's tickets, filtered by status and search, a page at a time.
func HandleSupport(pool *pgxpool.Pool, area *ui.Area) echo.HandlerFunc {
	return func(c echo.Context) error {
		company := *ui.UserFromContext(c.Request().Context()).CompanyID
		acc := ui.AreaAccess(c)
		filter, statuses := support.ReadFilter(c, support.PartnerFilters, area.Path)
		page := ui.PageNumber(c)
		var rows []db.ListCompanyTicketsRow
		var total int64
		var b db.Batch
		db.Queue(&b, &rows, (*db.Queries).ListCompanyTickets, db.ListCompanyTicketsParams{CompanyID: company, Statuses: statuses,
			Search: filter.Q, MaxRows: ticketPageSize, Skip: int32((page - 1) * ticketPageSize)})
		db.Queue(&b, &total, (*db.Queries).CountCompanyTickets, db.CountCompanyTicketsParams{CompanyID: company, Statuses: statuses, Search: filter.Q})
		if err := b.Send(c.Request().Context(), pool); err != nil {
			return err
		}
		loc := ui.When(c).Loc
		p := views.TicketListPage{Area: ui.AreaPageOf(area, acc), CanOpen: acc.State.CanUse(), Filter: filter,
			Empty: "No tickets match. Try another status or other words."}
		if filter.Q == "" && filter.Status == "" {
			p.Empty = "No tickets yet. When something does not work as it should, or you have a question about a module or your account, open a ticket and we will answer here."
		}
		for _, r := range rows {
			p.Tickets = append(p.Tickets, views.TicketRow{ID: r.ID, URL: ticketURL(r.ID), Subject: r.Subject, Module: r.ModuleName,
				Priority: support.PriorityBadge(r.Priority), Status: support.StatusBadge(r.Status, false),
				Opened: ui.LongDate(r.OpenedAt.In(loc)), Updated: support.When(r.LastReplyAt, loc)})
		}
		p.Pages = ui.Paginate(page, ticketPageSize, int(total), len(rows), func(n int) string { return support.PageURL(area.Path, filter, n) })
		return ui.OK(c, area.Name, views.SupportView(p))
	}
}

func ticketURL(id int64) string { return "/support/tickets/" + ui.Itoa(id) }
