package shop

import (
	"net/http"
	"partnerportal/web/ui"
	"slices"
	"strconv"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

// Why a line cannot be bought, in the consumer's words (SPEC §5: flagged, never charged).
const (
	reasonNotOffered    = "No longer offered in the Solutions Hub."
	reasonNotForSale    = "Not available for purchase right now."
	reasonNotInCart     = "No longer in your cart."
	reasonPriceChanged  = "The price changed to %s after you reviewed your order; review it again to order it."
	reasonNotPurchasing = "This product is not available for purchase right now."
)

// cartLines turns the re-checked cart into lines, the totals of what can be bought (per
// currency and billing period, in the order the lines show them) and the number of lines left out.
func cartLines(rows []db.ListCartLinesRow) (lines []views.CartLine, totals []string, excluded int) {
	var sum ui.Totals
	for _, r := range rows {
		l := views.CartLine{
			ProductID: r.ProductID, Name: r.Name, Company: r.CompanyName, Kind: db.ProductKind(r.Module),
			Quantity: strconv.Itoa(int(r.Quantity)), Price: ui.Money(r.Price, r.Currency), Period: ui.PricePeriod(r.PricingModel),
			Amount: ui.Money(r.Amount, r.Currency), Available: r.Purchasable,
		}
		if r.Visible {
			l.Href = ui.ListingHref(r.CompanySlug, r.Slug)
		}
		if r.PriceSeen != r.Price || r.CurrencySeen != r.Currency {
			l.WasPrice = ui.Money(r.PriceSeen, r.CurrencySeen)
		}
		switch {
		case !r.Visible:
			l.Reason = reasonNotOffered
		case !r.Purchasable:
			l.Reason = reasonNotForSale
		}
		if !r.Purchasable {
			excluded++
		} else {
			sum.Add(r.Amount, r.Currency, r.PricingModel)
		}
		lines = append(lines, l)
	}
	return lines, sum.Lines(), excluded
}

// HandleSetCartQuantity changes a line's quantity; 0 removes it.
func HandleSetCartQuantity(pool *pgxpool.Pool) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		productID, ok := ui.ParseID(c.Param("id"))
		if !ok {
			return echo.ErrNotFound
		}
		owner := cartOwnerOf(c)
		typed := c.FormValue("quantity")
		quantity, valid := readQuantity(typed, 0)
		if !valid {
			return cartAnswer(c, q, http.StatusUnprocessableEntity, "error", "Choose a quantity from 0 to 99.",
				map[int64]lineError{productID: {typed, "Choose a quantity from 0 to 99 (0 removes it)."}})
		}
		var n int64
		var err error
		if quantity == 0 {
			n, err = q.RemoveCartLine(c.Request().Context(), db.RemoveCartLineParams{ConsumerID: owner.ConsumerID, VisitorKey: owner.VisitorKey, ProductID: productID})
		} else {
			n, err = q.SetCartQuantity(c.Request().Context(), db.SetCartQuantityParams{ConsumerID: owner.ConsumerID, VisitorKey: owner.VisitorKey,
				ProductID: productID, Quantity: quantity, Now: ui.When(c).Now})
		}
		if err != nil {
			return err
		}
		msg := "Quantity updated."
		switch {
		case n == 0:
			msg = "That product is no longer in your cart."
		case quantity == 0:
			msg = "Removed from your cart."
		}
		return cartAnswer(c, q, http.StatusOK, "success", msg, nil)
	}
}

// HandleRemoveFromCart takes a line out of the cart.
func HandleRemoveFromCart(pool *pgxpool.Pool) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		productID, ok := ui.ParseID(c.Param("id"))
		if !ok {
			return echo.ErrNotFound
		}
		owner := cartOwnerOf(c)
		if _, err := q.RemoveCartLine(c.Request().Context(), db.RemoveCartLineParams{ConsumerID: owner.ConsumerID,
			VisitorKey: owner.VisitorKey, ProductID: productID}); err != nil {
			return err
		}
		return cartAnswer(c, q, http.StatusOK, "success", "Removed from your cart.", nil)
	}
}

// cartAnswer answers a change to the cart: htmx gets the cart again with the header's count and
// the message; a plain form is sent to the cart with the message (or, for a quantity that
// could not be taken, gets the cart page with the error under the field).
func cartAnswer(c echo.Context, q *db.Queries, status int, kind, msg string, errs map[int64]lineError) error {
	if !ui.IsHTMX(c) && errs == nil {
		return ui.FlashRedirect(c, kind, msg, "/cart")
	}
	page, items, err := loadCart(c, q, ui.When(c).Today, errs)
	if err != nil {
		return err
	}
	if !ui.IsHTMX(c) {
		// A line no longer in the cart has nowhere to show its error: say it above the cart.
		for id := range errs {
			if !slices.ContainsFunc(page.Lines, func(l views.CartLine) bool { return l.ProductID == id }) {
				ui.AddFlash(ui.Sessions(c), c.Request().Context(), kind, msg)
				break
			}
		}
		return ui.Render(c, status, "Your cart", views.CartView(page))
	}
	return ui.RenderFragment(c, status, views.CartChanged(page, items, msg))
}
