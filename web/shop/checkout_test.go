package shop_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"partnerportal/web/webtest"
)

// reviewForm is the checkout review's place-order form, as the page renders it.
func reviewForm(t *testing.T, c *webtest.Client) url.Values {
	t.Helper()
	r := c.Get(t, "/checkout")
	if r.StatusCode != http.StatusOK {
		t.Fatalf("GET /checkout: %d", r.StatusCode)
	}
	form := url.Values{}
	r.Doc.Find(`form[action="/checkout"] input[type=hidden]`).Each(func(_ int, s *goquery.Selection) {
		form.Add(s.AttrOr("name", ""), s.AttrOr("value", ""))
	})
	if form.Get("token") == "" {
		t.Fatalf("the review has no place-order form:\n%s", r.Text("main"))
	}
	return form
}

// orderOf is the id of the order a place-order answer sends the consumer to.
func orderOf(t *testing.T, r *webtest.Response) string {
	t.Helper()
	loc := r.Header.Get("Location")
	if r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/orders/") {
		t.Fatalf("placing the order: %d to %q\n%s", r.StatusCode, loc, r.Body)
	}
	return strings.TrimPrefix(loc, "/orders/")
}

// consumerRecords counts the consumer's orders, order lines by status, and purchases.
func consumerRecords(t *testing.T, env *webtest.Env, email string) (orders, placed, refused, purchases int) {
	t.Helper()
	if err := env.Pool.QueryRow(context.Background(), `SELECT
		(SELECT count(*) FROM orders o JOIN users u ON u.id = o.consumer_id WHERE u.email = $1),
		(SELECT count(*) FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN users u ON u.id = o.consumer_id WHERE u.email = $1 AND l.status = 'placed'),
		(SELECT count(*) FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN users u ON u.id = o.consumer_id WHERE u.email = $1 AND l.status = 'refused'),
		(SELECT count(*) FROM purchases p JOIN users u ON u.id = p.consumer_id WHERE u.email = $1)`, email).Scan(&orders, &placed, &refused, &purchases); err != nil {
		t.Fatal(err)
	}
	return
}

func TestCheckoutPlacesTheReviewedOrder(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	retail := env.ProductID(t, "Company B", "retailflow-footfall")
	route := env.ProductID(t, "Company B", "routewise-dispatch")
	fleet := env.ProductID(t, "Company A", "fleetpulse-telematics")
	c := env.SignedIn(t, webtest.Consumer)
	addToCart(t, c, retail, "2")
	addToCart(t, c, route, "1")
	// a line that could be bought when added and cannot any more: flagged, left out
	env.Exec(t, `INSERT INTO cart_lines (consumer_id, product_id, quantity, price_seen, currency_seen, added_at, updated_at)
		SELECT u.id, $1, 1, 39, 'EUR', now(), now() FROM users u WHERE u.email = $2`, fleet, webtest.Consumer)
	before, _, _, purchasesBefore := consumerRecords(t, env, webtest.Consumer)

	review := c.Get(t, "/checkout")
	if got := review.Text(".cart-totals"); !strings.Contains(got, "€158.00") || !strings.Contains(got, "$49.00") || !strings.Contains(got, "1 line cannot be bought") {
		t.Errorf("review totals %q", got)
	}
	if !strings.Contains(cartLine(review, "FleetPulse Telematics").Text(), "Not available for purchase right now.") {
		t.Error("the review does not flag the line that cannot be bought")
	}
	form := reviewForm(t, c)
	if lines := form["line"]; len(lines) != 2 {
		t.Errorf("the review posts %v, want the two purchasable lines", lines)
	}
	order := orderOf(t, c.PostForm(t, "/checkout", form))

	page := c.Get(t, "/orders/"+order)
	if !strings.Contains(page.Text("#flash"), "Order #"+order+" is placed") {
		t.Errorf("flash %q", page.Text("#flash"))
	}
	if got := page.Text("section[aria-labelledby=placed-title] tbody"); !strings.Contains(got, "RetailFlow Footfall") || !strings.Contains(got, "€158.00") || !strings.Contains(got, "$49.00") {
		t.Errorf("ordered lines %q", got)
	}
	if page.Doc.Find("#refused-title").Length() != 0 {
		t.Error("lines left out at review are not refused lines of the order")
	}
	after, placed, _, purchasesAfter := consumerRecords(t, env, webtest.Consumer)
	if after != before+1 || purchasesAfter != purchasesBefore+2 || placed < 2 {
		t.Errorf("orders %d→%d, purchases %d→%d", before, after, purchasesBefore, purchasesAfter)
	}
	cart := c.Get(t, "/cart")
	if cartLine(cart, "RetailFlow Footfall").Length() != 0 || cartLine(cart, "FleetPulse Telematics").Length() != 1 || headerCount(cart) != "1" {
		t.Errorf("after the order the cart holds %q", cart.Text("tbody"))
	}
	if got := c.Get(t, "/orders").Text("tbody tr:first-child"); !strings.Contains(got, "#"+order) || !strings.Contains(got, "€158.00") {
		t.Errorf("order history's first row %q", got)
	}
	mine := c.Get(t, "/purchases")
	row := mine.Doc.Find(`tbody tr:contains("RetailFlow Footfall")`).First()
	if got := strings.Join(strings.Fields(row.Text()), " "); !strings.Contains(got, "€158.00 / month") || !strings.Contains(got, "€79.00 each") || !strings.Contains(got, "Active") || !strings.Contains(got, "Order #"+order) {
		t.Errorf("My purchases row %q", got)
	}

	// another consumer cannot see it
	other := env.Client(t)
	other.SignUp(t, "Olga Other", "olga@example.com", "a long enough password", "")
	if r := other.Get(t, "/orders/"+order); r.StatusCode != http.StatusNotFound {
		t.Errorf("another consumer's order: %d, want 404", r.StatusCode)
	}
	// visitors are asked to sign in first
	if r := env.Client(t).Get(t, "/checkout"); r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/login?next=%2Fcheckout" {
		t.Errorf("visitor at checkout: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
}

// TestCheckoutRefusesWhatChangedSinceTheReview: between the review and the order, Company C's
// Solutions Hub is switched off and a Company B price changes. Those lines are refused with
// the reason and charged nothing; the rest of the order is placed.
func TestCheckoutRefusesWhatChangedSinceTheReview(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	env.SetModuleState(t, env.CompanyID(t, "Company C"), "solutions_hub", "active")
	retail := env.ProductID(t, "Company B", "retailflow-footfall")
	shelf := env.ProductID(t, "Company B", "shelfsense-inventory")
	airq := env.ProductID(t, "Company C", "airq-indoor-sensor")
	c := env.SignedIn(t, webtest.Consumer)
	addToCart(t, c, retail, "1")
	addToCart(t, c, shelf, "1")
	addToCart(t, c, airq, "2")
	form := reviewForm(t, c)
	if len(form["line"]) != 3 {
		t.Fatalf("review lines %v", form["line"])
	}
	env.Exec(t, `UPDATE services s SET status = 'inactive', version = version + 1 FROM partner_companies c
		WHERE s.company_id = c.id AND c.name = 'Company C' AND s.module = 'solutions_hub'`)
	env.Exec(t, "UPDATE products SET price = 159 WHERE id = $1", shelf)
	_, _, _, purchasesBefore := consumerRecords(t, env, webtest.Consumer)

	order := orderOf(t, c.PostForm(t, "/checkout", form))
	page := c.Get(t, "/orders/"+order)
	if !strings.Contains(page.Text("#flash"), "2 lines could not be ordered and cost nothing") {
		t.Errorf("flash %q", page.Text("#flash"))
	}
	placed := page.Text("section[aria-labelledby=placed-title]")
	if !strings.Contains(placed, "RetailFlow Footfall") || strings.Contains(placed, "AirQ") || strings.Contains(placed, "ShelfSense") {
		t.Errorf("ordered %q", placed)
	}
	if got := page.Text(".cart-totals"); !strings.Contains(got, "€79.00") || strings.Count(got, "€") != 1 {
		t.Errorf("charged %q, want €79.00 only", got)
	}
	refused := page.Text("section[aria-labelledby=refused-title]")
	if !strings.Contains(refused, "AirQ Indoor Sensor") || !strings.Contains(refused, "No longer offered in the Solutions Hub.") ||
		!strings.Contains(refused, "ShelfSense Inventory") || !strings.Contains(refused, "The price changed to €159.00 after you reviewed your order") {
		t.Errorf("refused lines %q", refused)
	}
	_, _, _, purchasesAfter := consumerRecords(t, env, webtest.Consumer)
	if purchasesAfter != purchasesBefore+1 {
		t.Errorf("purchases %d → %d, want one more (RetailFlow only)", purchasesBefore, purchasesAfter)
	}
	var charged string
	if err := env.Pool.QueryRow(context.Background(), `SELECT string_agg(currency || ' ' || amount, ',') FROM order_lines
		WHERE order_id = $1 AND status = 'placed'`, order).Scan(&charged); err != nil || charged != "EUR 79.00" {
		t.Errorf("placed amounts %q (err %v)", charged, err)
	}
	cart := c.Get(t, "/cart")
	if cartLine(cart, "AirQ Indoor Sensor").Length() != 1 || cartLine(cart, "ShelfSense Inventory").Length() != 1 || cartLine(cart, "RetailFlow Footfall").Length() != 0 {
		t.Errorf("the refused lines should stay in the cart, the ordered one leave it: %q", cart.Text("tbody"))
	}

	// nothing left to order as reviewed: no order at all
	stale := reviewForm(t, c)
	env.Exec(t, "UPDATE products SET price = 169 WHERE id = $1", shelf)
	ordersBefore, _, _, _ := consumerRecords(t, env, webtest.Consumer)
	r := c.PostForm(t, "/checkout", stale)
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/cart" || !strings.Contains(c.Get(t, "/cart").Text("#flash"), "Nothing was ordered") {
		t.Errorf("a review with nothing left to order: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	if ordersAfter, _, _, _ := consumerRecords(t, env, webtest.Consumer); ordersAfter != ordersBefore {
		t.Errorf("an order with nothing in it was recorded")
	}
}

// TestPlacingAnOrderTwiceCreatesOne: the same review submitted again (a resubmission, back and
// submit) or at the same moment (a double click) places one order; every answer shows it.
func TestPlacingAnOrderTwiceCreatesOne(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	retail := env.ProductID(t, "Company B", "retailflow-footfall")
	c := env.SignedIn(t, webtest.Consumer)
	addToCart(t, c, retail, "1")
	form := reviewForm(t, c)
	ordersBefore, _, _, purchasesBefore := consumerRecords(t, env, webtest.Consumer)
	first := orderOf(t, c.PostForm(t, "/checkout", form))
	c.Get(t, "/orders/"+first) // takes the flash
	again := c.PostForm(t, "/checkout", form)
	if got := orderOf(t, again); got != first {
		t.Errorf("the resubmission went to order %s, want %s", got, first)
	}
	if got := c.Get(t, "/orders/"+first).Text("#flash"); !strings.Contains(got, "already placed") {
		t.Errorf("resubmission flash %q", got)
	}

	// a double click: the same review twice at once
	addToCart(t, c, retail, "1")
	form = reviewForm(t, c)
	const clicks = 6
	var wg sync.WaitGroup
	answers := make([]*webtest.Response, clicks)
	for i := range clicks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			answers[i] = c.PostForm(t, "/checkout", form)
		}()
	}
	wg.Wait()
	orders := make([]string, clicks)
	for i, a := range answers {
		orders[i] = orderOf(t, a)
	}
	for _, o := range orders {
		if o != orders[0] {
			t.Errorf("simultaneous submissions went to orders %v, want one", orders)
			break
		}
	}
	ordersAfter, _, _, purchasesAfter := consumerRecords(t, env, webtest.Consumer)
	if ordersAfter != ordersBefore+2 || purchasesAfter != purchasesBefore+2 {
		t.Errorf("two checkouts made %d orders and %d purchases, want 2 and 2", ordersAfter-ordersBefore, purchasesAfter-purchasesBefore)
	}
	// a forged form is refused
	bad := c.PostForm(t, "/checkout", url.Values{"token": {"x"}, "line": {"1:1:1.00:EUR"}})
	if bad.StatusCode != http.StatusBadRequest {
		t.Errorf("a forged token: %d", bad.StatusCode)
	}
}
