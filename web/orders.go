package web

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/clock"
)

// currencyTotal is an amount in one currency, as the order queries write them.
type currencyTotal struct {
	Currency string `json:"currency"`
	Amount   string `json:"amount"`
}

// handleOrders is the consumer's order history.
func handleOrders(pool *pgxpool.Pool, cfg Config) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		u := UserFromContext(c.Request().Context())
		rows, err := q.ListOrders(c.Request().Context(), u.ID)
		if err != nil {
			return err
		}
		out := make([]views.OrderRow, 0, len(rows))
		for _, r := range rows {
			var totals []currencyTotal
			if err := json.Unmarshal(r.Totals, &totals); err != nil {
				return fmt.Errorf("read order totals: %w", err)
			}
			row := views.OrderRow{Href: "/orders/" + itoa(r.ID), Number: orderNumber(r.ID),
				PlacedOn: longDate(r.PlacedAt.In(cfg.Location)), Items: strconv.Itoa(int(r.Items))}
			for _, t := range totals {
				row.Totals = append(row.Totals, money(t.Amount, t.Currency))
			}
			if r.RefusedLines > 0 {
				row.Note = views.LinesText(int(r.RefusedLines)) + " not ordered"
			}
			out = append(out, row)
		}
		return ok(c, "Orders", views.OrdersView(out))
	}
}

// handleOrder is one of the consumer's orders; another consumer's is not found.
func handleOrder(pool *pgxpool.Pool, cfg Config) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		u := UserFromContext(c.Request().Context())
		id, found := parseID(c.Param("id"))
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
		page := views.OrderPage{Number: orderNumber(id), PlacedOn: longDate(rows[0].PlacedAt.In(cfg.Location))}
		seen := map[string]bool{}
		for _, r := range rows {
			line := views.OrderLineRow{Name: r.ProductName, Company: r.CompanyName, Quantity: strconv.Itoa(int(r.Quantity)),
				UnitPrice: money(r.UnitPrice, r.Currency), Period: pricePeriod(r.PricingModel), Amount: money(r.Amount, r.Currency)}
			if r.Status == db.OrderLineStatusRefused {
				if r.RefusalReason != nil {
					line.Reason = *r.RefusalReason
				}
				page.Refused = append(page.Refused, line)
				continue
			}
			page.Placed = append(page.Placed, line)
			if !seen[r.Currency] {
				seen[r.Currency] = true
				page.Totals = append(page.Totals, money(r.CurrencyTotal, r.Currency))
			}
		}
		return ok(c, "Order "+page.Number, views.OrderView(page))
	}
}

// handlePurchases is My purchases: what the consumer bought, and whether each can be used
// today (only while the partner's plan for it can be, SPEC §5).
func handlePurchases(pool *pgxpool.Pool, clk clock.Clock, cfg Config) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		u := UserFromContext(c.Request().Context())
		rows, err := q.ListConsumerPurchases(c.Request().Context(), db.ListConsumerPurchasesParams{
			Today: clock.Today(clk, cfg.Location), ConsumerID: u.ID})
		if err != nil {
			return err
		}
		out := make([]views.PurchaseRow, 0, len(rows))
		for _, r := range rows {
			row := views.PurchaseRow{Name: r.Name, Company: r.CompanyName, Kind: db.ProductKind(r.Module),
				PurchasedOn: longDate(r.PurchasedAt.In(cfg.Location)), Quantity: strconv.Itoa(int(r.Quantity)),
				Paid: strings.TrimSpace(money(r.Amount, r.Currency) + " " + pricePeriod(r.PricingModel))}
			if r.Quantity > 1 {
				row.Each = money(r.Price, r.Currency) + " each"
			}
			if r.OrderID != nil {
				row.OrderHref, row.Order = "/orders/"+itoa(*r.OrderID), "Order "+orderNumber(*r.OrderID)
			}
			row.Access, row.AccessText = purchaseAccess(r.State, r.ReleasedOn)
			out = append(out, row)
		}
		return ok(c, "My purchases", views.PurchasesView(out))
	}
}
