package shop

import (
	"errors"
	"net/http"
	"partnerportal/web/ui"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

// shopper is who looks at a listing: whether they may buy it, and the token their forms carry.
type shopper struct {
	CanShop bool
	csrf    string
}

func shopperOf(c echo.Context) shopper {
	return shopper{CanShop: ui.CanShop(ui.UserFromContext(c.Request().Context())), csrf: ui.CSRFToken(c)}
}

// buyBox is a listing's add-to-cart control for this shopper; back is the page a plain add
// returns to.
func (s shopper) buyBox(productID int64, name string, purchasable bool, inCart int, quantity bool, back string) views.BuyBox {
	return views.BuyBox{ProductID: productID, Name: name, Purchasable: purchasable, CanShop: s.CanShop,
		InCart: inCart, Quantity: quantity, Return: back, CSRF: s.csrf}
}

// ShoppersOnly lets visitors and consumers through; a partner or staff member has no cart (404).
func ShoppersOnly(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if !ui.CanShop(ui.UserFromContext(c.Request().Context())) {
			return echo.ErrNotFound
		}
		return next(c)
	}
}

// readQuantity reads a quantity field: a whole number from lowest to 99.
func readQuantity(s string, lowest int) (int32, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < lowest || n > 99 {
		return 0, false
	}
	return int32(n), true
}

// HandleAddToCart adds a listing that can be bought today to the shopper's cart (a visitor gets
// a cart key on their first add). htmx gets the listing's new status and the header's count;
// a plain form is sent back where it came from with a message.
func HandleAddToCart(pool *pgxpool.Pool) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		back := ui.SafeNext(c.FormValue("return"))
		if back == "" {
			back = "/hub"
		}
		productID, err := strconv.ParseInt(c.FormValue("product_id"), 10, 64)
		if err != nil {
			return &ui.Error{Code: http.StatusBadRequest, Message: "Choose a product to add."}
		}
		quantity, valid := int32(1), true
		if s := c.FormValue("quantity"); s != "" {
			quantity, valid = readQuantity(s, 1)
		}
		if !valid {
			return addRefused(c, back, "Choose a quantity from 1 to 99.")
		}
		owner := ensureCartOwner(c)
		row, err := q.AddToCart(ctx, db.AddToCartParams{ConsumerID: owner.ConsumerID, VisitorKey: owner.VisitorKey,
			ProductID: productID, Today: ui.When(c).Today, Quantity: quantity, Now: ui.When(c).Now})
		if errors.Is(err, pgx.ErrNoRows) {
			return addRefused(c, back, reasonNotPurchasing)
		}
		if err != nil {
			return err
		}
		if ui.IsHTMX(c) {
			return ui.RenderFragment(c, http.StatusOK, views.CartAddAnswer(int(row.Quantity), int(row.CartCount)))
		}
		return ui.FlashRedirect(c, "success", "“"+row.Name+"” is in your cart ("+strconv.Itoa(int(row.Quantity))+").", back)
	}
}

// addRefused answers an add that cannot be made: in place for htmx, as a message otherwise.
func addRefused(c echo.Context, back, msg string) error {
	if ui.IsHTMX(c) {
		return ui.RenderFragment(c, http.StatusUnprocessableEntity, views.CartAddRefused(msg))
	}
	return ui.FlashRedirect(c, "error", msg, back)
}

// HandleCart is the cart, every line re-checked against the Hub today.
func HandleCart(pool *pgxpool.Pool) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		page, _, err := loadCart(c, q, ui.When(c).Today, nil)
		if err != nil {
			return err
		}
		return ui.OK(c, "Your cart", views.CartView(page))
	}
}

// loadCart reads the shopper's cart as a page, and its number of items; lineErrors are
// quantity errors by product, shown with what was typed.
func loadCart(c echo.Context, q *db.Queries, today time.Time, lineErrors map[int64]lineError) (views.CartPage, int, error) {
	owner := cartOwnerOf(c)
	page := views.CartPage{Consumer: ui.UserFromContext(c.Request().Context()) != nil, CSRF: ui.CSRFToken(c)}
	if owner.empty() {
		return page, 0, nil
	}
	rows, err := q.ListCartLines(c.Request().Context(), owner.lines(today))
	if err != nil {
		return page, 0, err
	}
	items := 0
	for _, r := range rows {
		items += int(r.Quantity)
	}
	page.Lines, page.Totals, page.Excluded = cartLines(rows)
	for i, l := range page.Lines {
		if e, ok := lineErrors[l.ProductID]; ok {
			page.Lines[i].Quantity, page.Lines[i].Error = e.typed, e.msg
		}
	}
	return page, items, nil
}

// lineError is a quantity that could not be taken, as typed.
type lineError struct{ typed, msg string }
