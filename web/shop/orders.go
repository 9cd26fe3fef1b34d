package shop

import (
	"partnerportal/web/ui"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

// HandleOrders is the consumer's order history.
func HandleOrders(pool *pgxpool.Pool) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		u := ui.UserFromContext(c.Request().Context())
		rows, err := q.ListOrders(c.Request().Context(), u.ID)
		if err != nil {
			return err
		}
		var out []views.OrderRow
		var sum ui.Totals
		for i, r := range rows {
			// an order's rows come together, one per currency charged
			if i == 0 || r.ID != rows[i-1].ID {
				row := views.OrderRow{Href: "/orders/" + ui.Itoa(r.ID), Number: orderNumber(r.ID),
					PlacedOn: ui.LongDate(r.PlacedAt.In(ui.When(c).Loc)), Items: strconv.Itoa(int(r.Items))}
				if r.RefusedLines > 0 {
					row.Note = views.LinesText(int(r.RefusedLines)) + " not ordered"
				}
				out = append(out, row)
				sum = ui.Totals{}
			}
			if r.Currency != nil {
				sum.Add(*r.Amount, *r.Currency, *r.PricingModel)
				out[len(out)-1].Totals = sum.Lines()
			}
		}
		return ui.OK(c, "Orders", views.OrdersView(out))
	}
}

// HandleOrder is one of the consumer's orders; another consumer's is not found.
func HandleOrder(pool *pgxpool.Pool) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		u := ui.UserFromContext(c.Request().Context())
		id, found := ui.ParseID(c.Param("id"))
		if !found {
			return echo.ErrNotFound
		}
		rows, err := q.ListOrderLines(c.Request().Context(), db.ListOrderLinesParams{OrderID: id, ConsumerID: u.ID})
		if err != nil {
			return err
		}
		if len(rows) == 0 {
			return echo.ErrNotFound
		}
		page := views.OrderPage{Number: orderNumber(id), PlacedOn: ui.LongDate(rows[0].PlacedAt.In(ui.When(c).Loc))}
		var sum ui.Totals
		for _, r := range rows {
			line := views.OrderLineRow{Name: r.ProductName, Company: r.CompanyName, Quantity: strconv.Itoa(int(r.Quantity)),
				UnitPrice: ui.Money(r.UnitPrice, r.Currency), Period: ui.PricePeriod(r.PricingModel), Amount: ui.Money(r.Amount, r.Currency)}
			if r.Status == db.OrderLineStatusRefused {
				if r.RefusalReason != nil {
					line.Reason = *r.RefusalReason
				}
				page.Refused = append(page.Refused, line)
				continue
			}
			page.Placed = append(page.Placed, line)
			sum.Add(r.Amount, r.Currency, r.PricingModel)
		}
		page.Totals = sum.Lines()
		return ui.OK(c, "Order "+page.Number, views.OrderView(page))
	}
}

// HandlePurchases is My purchases: what the consumer bought, and whether each can be used
// today (only while the partner's plan for it can be, SPEC §5).
func HandlePurchases(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		u := ui.UserFromContext(c.Request().Context())
		var rows []db.ListConsumerPurchasesRow
		var events []db.ListPurchaseEventsOfConsumerRow
		var b db.Batch
		db.Queue(&b, &rows, (*db.Queries).ListConsumerPurchases, db.ListConsumerPurchasesParams{Today: ui.When(c).Today, ConsumerID: u.ID})
		db.Queue(&b, &events, (*db.Queries).ListPurchaseEventsOfConsumer, u.ID)
		if err := b.Send(c.Request().Context(), pool); err != nil {
			return err
		}
		out := make([]views.PurchaseRow, 0, len(rows))
		var paid ui.Totals
		for _, r := range rows {
			paid.Add(r.Amount, r.Currency, r.PricingModel)
			row := views.PurchaseRow{Name: r.Name, Company: r.CompanyName, Kind: db.ProductKind(r.Module),
				PurchasedOn: ui.LongDate(r.PurchasedAt.In(ui.When(c).Loc)), Quantity: strconv.Itoa(int(r.Quantity)),
				Paid: strings.TrimSpace(ui.Money(r.Amount, r.Currency) + " " + ui.PricePeriod(r.PricingModel))}
			if r.Quantity > 1 {
				row.Each = ui.Money(r.Price, r.Currency) + " each"
			}
			if r.OrderID != nil {
				row.OrderHref, row.Order = "/orders/"+ui.Itoa(*r.OrderID), "Order "+orderNumber(*r.OrderID)
			}
			row.Access, row.AccessText = ui.PurchaseAccess(r.State, r.ReleasedOn)
			if r.Listed {
				row.Href = ui.ListingHref(r.CompanySlug, r.Slug)
			}
			if !r.State.CanUse() {
				// a released purchase comes back when the partner renews: they are who to ask
				row.Contact, row.ContactEmail = "It works again once "+r.CompanyName+" renews its plan; ask them about it.", r.CompanyEmail
			}
			out = append(out, row)
		}
		history := make([]views.PurchaseEvent, 0, len(events))
		for _, e := range events {
			history = append(history, ui.PurchaseEvent(ui.PartnersPlan, e.Kind, e.PlanState, e.ReadOnlySince, e.RecordedAt, ui.When(c).Loc,
				e.ProductName+" by "+e.CompanyName))
		}
		return ui.OK(c, "My purchases", views.PurchasesView(out, paid.Lines(), history))
	}
}
