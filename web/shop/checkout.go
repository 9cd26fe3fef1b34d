package shop

import (
	"crypto/rand"
	"errors"
	"fmt"
	"net/http"
	"partnerportal/web/ui"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

// HandleCheckout is the review before an order: the cart re-checked, and a form that carries
// a one-time token and the lines as reviewed. It writes nothing.
func HandleCheckout(pool *pgxpool.Pool) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		rows, err := q.ListCartLines(c.Request().Context(), cartOwnerOf(c).lines(ui.When(c).Today))
		if err != nil {
			return err
		}
		page := views.CheckoutPage{Cart: views.CartPage{Consumer: true, CSRF: ui.CSRFToken(c)}, Token: rand.Text()}
		page.Cart.Lines, page.Cart.Totals, page.Cart.Excluded = cartLines(rows)
		for _, r := range rows {
			if r.Purchasable {
				page.Reviewed = append(page.Reviewed, reviewedLine{r.ProductID, r.Quantity, r.Price, r.Currency}.String())
			}
		}
		return ui.OK(c, "Checkout", views.CheckoutView(page))
	}
}

// reviewedLine is a line as the review page showed it: the order is what the consumer saw.
type reviewedLine struct {
	ProductID int64
	Quantity  int32
	Price     string
	Currency  string
}

func (l reviewedLine) String() string {
	return fmt.Sprintf("%d:%d:%s:%s", l.ProductID, l.Quantity, l.Price, l.Currency)
}

var reviewedPattern = regexp.MustCompile(`^([0-9]{1,19}):([0-9]{1,2}):([0-9]{1,10}\.[0-9]{2}):([A-Z]{3})$`)

// checkoutTokenPattern is what rand.Text makes, with room for other generators.
var checkoutTokenPattern = regexp.MustCompile(`^[A-Za-z0-9-]{16,64}$`)

func parseReviewed(values []string) ([]reviewedLine, bool) {
	var out []reviewedLine
	for _, v := range values {
		m := reviewedPattern.FindStringSubmatch(v)
		if m == nil {
			return nil, false
		}
		id, _ := strconv.ParseInt(m[1], 10, 64)
		n, _ := strconv.Atoi(m[2])
		if n < 1 || slices.ContainsFunc(out, func(l reviewedLine) bool { return l.ProductID == id }) {
			return nil, false
		}
		out = append(out, reviewedLine{id, int32(n), m[3], m[4]})
	}
	return out, len(out) > 0
}

var (
	errNothingPlaced = errors.New("no line can be ordered")
	errAlreadyPlaced = errors.New("an order was placed with this checkout token")
)

// HandlePlaceOrder places the reviewed order in one transaction (placeOrder). The same review
// placed twice places one order: the second attempt is shown the first.
func HandlePlaceOrder(pool *pgxpool.Pool) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		u := ui.UserFromContext(ctx)
		token := c.FormValue("token")
		if err := c.Request().ParseForm(); err != nil || !checkoutTokenPattern.MatchString(token) {
			return &ui.Error{Code: http.StatusBadRequest, Message: "This checkout form is not valid. Open checkout again.", Err: err}
		}
		reviewed, valid := parseReviewed(c.Request().PostForm["line"])
		if !valid {
			return &ui.Error{Code: http.StatusBadRequest, Message: "This checkout form is not valid. Open checkout again."}
		}
		if done, err := placedBefore(c, q, u, token); done || err != nil {
			return err
		}
		result, err := placeOrder(c, pool, u.ID, token, reviewed)
		if errors.Is(err, errNothingPlaced) || errors.Is(err, errAlreadyPlaced) {
			// a concurrent submission of the same review may have placed it meanwhile
			if done, err := placedBefore(c, q, u, token); done || err != nil {
				return err
			}
			return ui.FlashRedirect(c, "error", "Nothing was ordered: none of the lines you reviewed can be bought as reviewed any more. Your cart shows why.", "/cart")
		}
		if err != nil {
			return err
		}
		msg := "Thank you. Order " + orderNumber(result.orderID) + " is placed."
		if result.refused > 0 {
			msg += fmt.Sprintf(" %s could not be ordered and cost nothing: see below.", views.LinesText(result.refused))
		}
		return ui.FlashRedirect(c, "success", msg, "/orders/"+ui.Itoa(result.orderID))
	}
}

// placedBefore sends the consumer to the order already placed with token, if there is one.
func placedBefore(c echo.Context, q *db.Queries, u *ui.CurrentUser, token string) (bool, error) {
	o, err := q.GetOrderByToken(c.Request().Context(), token)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return true, err
	}
	if o.ConsumerID != u.ID {
		return true, echo.ErrNotFound
	}
	return true, ui.FlashRedirect(c, "info", "Order "+orderNumber(o.ID)+" was already placed from this checkout; here it is.", "/orders/"+ui.Itoa(o.ID))
}

type placed struct {
	orderID int64
	refused int
}

// placeOrder is checkout's one transaction. It locks the consumer's cart (a second checkout of
// it waits), the products and the services that decide whether they can be bought (a change
// to a service waits for the commit, or happened before and is seen), and the listings; then
// re-checks every reviewed line with the same query the cart uses. A line that can no longer be
// bought, or whose price changed since the review, is refused with the reason and charged
// nothing; the rest is ordered at the locked prices, becomes purchases, and leaves the cart.
func placeOrder(c echo.Context, pool *pgxpool.Pool, consumerID int64, token string, reviewed []reviewedLine) (placed, error) {
	ctx := c.Request().Context()
	var out placed
	err := db.Transact(ctx, pool, func(q *db.Queries) error {
		ids := make([]int64, len(reviewed))
		for i, l := range reviewed {
			ids[i] = l.ProductID
		}
		if err := q.LockCartLines(ctx, consumerID); err != nil {
			return err
		}
		if err := q.LockCheckoutPlans(ctx, ids); err != nil {
			return err
		}
		if err := q.LockCheckoutListings(ctx, ids); err != nil {
			return err
		}
		rows, err := q.ListCartLines(ctx, cartOwner{ConsumerID: &consumerID}.lines(ui.When(c).Today))
		if err != nil {
			return err
		}
		lines := decideLines(reviewed, rows)
		if len(lines.placed) == 0 {
			return errNothingPlaced
		}
		orderID, err := q.CreateOrder(ctx, db.CreateOrderParams{ConsumerID: consumerID, CheckoutToken: token, PlacedAt: ui.When(c).Now})
		if errors.Is(err, pgx.ErrNoRows) {
			return errAlreadyPlaced
		}
		if err != nil {
			return err
		}
		lines.params.OrderID = orderID
		if err := q.CreateOrderLines(ctx, lines.params); err != nil {
			return err
		}
		if err := q.CreateOrderPurchases(ctx, orderID); err != nil {
			return err
		}
		out = placed{orderID: orderID, refused: len(reviewed) - len(lines.placed)}
		return q.RemoveCartLines(ctx, db.RemoveCartLinesParams{ConsumerID: consumerID, ProductIds: lines.placed})
	})
	return out, err
}

type decided struct {
	params db.CreateOrderLinesParams
	placed []int64
}

// decideLines places each reviewed line that the re-checked cart still holds, can be bought
// and costs what was reviewed; the others are refused with the reason.
func decideLines(reviewed []reviewedLine, rows []db.ListCartLinesRow) decided {
	var d decided
	for _, l := range reviewed {
		reason := reasonNotInCart
		if i := slices.IndexFunc(rows, func(r db.ListCartLinesRow) bool { return r.ProductID == l.ProductID }); i >= 0 {
			r := rows[i]
			switch {
			case !r.Visible:
				reason = reasonNotOffered
			case !r.Purchasable:
				reason = reasonNotForSale
			case r.Price != l.Price || r.Currency != l.Currency:
				reason = fmt.Sprintf(reasonPriceChanged, ui.Money(r.Price, r.Currency))
			default:
				reason = ""
			}
		}
		status := db.OrderLineStatusRefused
		if reason == "" {
			status = db.OrderLineStatusPlaced
			d.placed = append(d.placed, l.ProductID)
		}
		d.params.ProductIds = append(d.params.ProductIds, l.ProductID)
		d.params.Quantities = append(d.params.Quantities, l.Quantity)
		d.params.Statuses = append(d.params.Statuses, string(status))
		d.params.Reasons = append(d.params.Reasons, strings.TrimSpace(reason))
	}
	return d
}

// orderNumber is how pages name an order: "#1024".
func orderNumber(id int64) string { return "#" + ui.Itoa(id) }
