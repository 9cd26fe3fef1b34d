package shop_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"partnerportal/db/seed"
	"partnerportal/web/webtest"
)

// TestAddToCartWithAndWithoutHTMX: htmx answers in place (the listing's status and the header's
// count, out of band); a plain form is sent back where it came from with a message.
func TestAddToCartWithAndWithoutHTMX(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	retail := env.ProductID(t, "Company B", "retailflow-footfall")
	c := env.Client(t)
	grid := c.Get(t, "/hub")
	if headerCount(grid) != "0" || grid.Doc.Find(`nav.main-nav a[href="/cart"]`).Length() != 1 {
		t.Fatalf("a visitor's header should offer an empty cart: %q", grid.Text("nav.main-nav"))
	}
	form := url.Values{"product_id": {webtest.Itoa(retail)}, "quantity": {"1"}, "return": {"/hub?q=retail"}}
	for i, want := range []string{"1", "2"} {
		var r *webtest.Response
		c.HTMX(func() { r = c.PostForm(t, "/cart/items", form) })
		if r.StatusCode != http.StatusOK || strings.Contains(r.Body, "<html") {
			t.Fatalf("htmx add %d: %d %s", i+1, r.StatusCode, r.Body)
		}
		if got := strings.Join(strings.Fields(r.Doc.Text()), " "); !strings.Contains(got, "Added · "+want+" in your cart") {
			t.Errorf("htmx add %d says %q", i+1, got)
		}
		if oob := r.Doc.Find(`#cart-count[data-hx-swap-oob="true"]`); strings.TrimSpace(oob.Contents().First().Text()) != want {
			t.Errorf("htmx add %d: header count out of band %q, want %s", i+1, oob.Text(), want)
		}
	}
	plain := c.PostForm(t, "/cart/items", form)
	if plain.StatusCode != http.StatusSeeOther || plain.Header.Get("Location") != "/hub?q=retail" {
		t.Fatalf("plain add: %d to %q", plain.StatusCode, plain.Header.Get("Location"))
	}
	back := c.Get(t, "/hub?q=retail")
	if !strings.Contains(back.Text("#flash"), "“RetailFlow Footfall” is in your cart (3).") || headerCount(back) != "3" {
		t.Errorf("after the plain add: flash %q, header count %q", back.Text("#flash"), headerCount(back))
	}
	if got := back.ListingCard("RetailFlow Footfall").Find(".buy-box__status").Text(); !strings.Contains(got, "3 in your cart") {
		t.Errorf("the card says %q", got)
	}

	refusals := []struct {
		name string
		form url.Values
		want string
	}{
		{"a listing that cannot be bought", url.Values{"product_id": {webtest.Itoa(env.ProductID(t, "Company A", "fleetpulse-telematics"))}}, "not available for purchase"},
		{"a product that is not listed", url.Values{"product_id": {webtest.Itoa(env.ProductID(t, "Company C", "airq-indoor-sensor"))}}, "not available for purchase"},
		{"a quantity of 0", url.Values{"product_id": {webtest.Itoa(retail)}, "quantity": {"0"}}, "from 1 to 99"},
		{"a quantity of 100", url.Values{"product_id": {webtest.Itoa(retail)}, "quantity": {"100"}}, "from 1 to 99"},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			var r *webtest.Response
			c.HTMX(func() { r = c.PostForm(t, "/cart/items", tt.form) })
			if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Text(".buy-box__refused"), tt.want) {
				t.Errorf("htmx: %d %q", r.StatusCode, r.Body)
			}
			tt.form.Set("return", "/hub")
			p := c.PostForm(t, "/cart/items", tt.form)
			if p.StatusCode != http.StatusSeeOther || !strings.Contains(c.Get(t, "/hub").Text("#flash"), tt.want) {
				t.Errorf("plain: %d, or no message", p.StatusCode)
			}
		})
	}
	if got := headerCount(c.Get(t, "/cart")); got != "3" {
		t.Errorf("refused adds changed the cart: %s items", got)
	}
	// only visitors and consumers have carts
	partner := env.SignedIn(t, webtest.PartnerB)
	partner.Get(t, "/hub")
	if r := partner.PostForm(t, "/cart/items", url.Values{"product_id": {webtest.Itoa(retail)}}); r.StatusCode != http.StatusNotFound {
		t.Errorf("a partner adding to a cart: %d, want 404", r.StatusCode)
	}
	if r := partner.Get(t, "/cart"); r.StatusCode != http.StatusNotFound {
		t.Errorf("a partner's cart: %d, want 404", r.StatusCode)
	}
	if r := partner.Get(t, "/hub"); r.ListingCard("RetailFlow Footfall").Find("form").Length() != 0 || r.Doc.Find("#cart-count").Length() != 0 {
		t.Error("a partner is offered a cart in the Hub")
	}
}

// TestVisitorCartMergesOnSignIn: what a visitor put in the cart is in the consumer's cart after
// signing in (a product in both keeps the larger quantity), and after signing up.
func TestVisitorCartMergesOnSignIn(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ctx := context.Background()
	retail := env.ProductID(t, "Company B", "retailflow-footfall")
	shelf := env.ProductID(t, "Company B", "shelfsense-inventory")
	route := env.ProductID(t, "Company B", "routewise-dispatch")

	earlier := env.SignedIn(t, webtest.Consumer)
	addToCart(t, earlier, retail, "3")
	addToCart(t, earlier, route, "1")

	visitor := env.Client(t)
	addToCart(t, visitor, retail, "2")
	addToCart(t, visitor, shelf, "4")
	if got := headerCount(visitor.Get(t, "/cart")); got != "6" {
		t.Fatalf("visitor's header count %s, want 6", got)
	}
	visitor.SignIn(t, webtest.Consumer, seed.DemoPassword)
	cart := visitor.Get(t, "/cart")
	for name, want := range map[string]string{"RetailFlow Footfall": "3", "ShelfSense Inventory": "4", "RouteWise Dispatch": "1"} {
		if got := cartLine(cart, name).Find("input[name=quantity]").AttrOr("value", ""); got != want {
			t.Errorf("%s: quantity %q after sign-in, want %s", name, got, want)
		}
	}
	if got := headerCount(cart); got != "8" {
		t.Errorf("header count %s after sign-in, want 8", got)
	}
	var visitorLines int
	if err := env.Pool.QueryRow(ctx, "SELECT count(*) FROM cart_lines WHERE visitor_key IS NOT NULL").Scan(&visitorLines); err != nil || visitorLines != 0 {
		t.Errorf("%d visitor lines left after the merge (err %v)", visitorLines, err)
	}

	// signing up (through the link the e-mail brings) keeps the cart too, and goes back to
	// checkout
	newcomer := env.Client(t)
	addToCart(t, newcomer, shelf, "1")
	r := newcomer.SignUp(t, "Nadia New", "nadia@example.com", "a long enough password", "/checkout")
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/checkout" {
		t.Fatalf("sign-up: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	if got := cartLine(newcomer.Get(t, "/checkout"), "ShelfSense Inventory"); got.Length() != 1 {
		t.Error("the new customer's checkout lost the visitor's cart")
	}

	// ...even when the link is opened in another browser than the one that filled the cart
	phone := env.Client(t)
	addToCart(t, phone, route, "2")
	phone.Get(t, "/signup")
	phone.PostForm(t, "/signup", url.Values{"email": {"olek@example.com"}, "next": {"/checkout"}})
	laptop := env.Client(t)
	link := env.MailLink(t, "olek@example.com", "/signup/")
	laptop.Get(t, link)
	if r := laptop.PostForm(t, link, url.Values{"name": {"Olek Other"}, "password": {"a long enough password"}}); r.Header.Get("Location") != "/checkout" {
		t.Fatalf("sign-up from another browser: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	if got := cartLine(laptop.Get(t, "/checkout"), "RouteWise Dispatch"); got.Length() != 1 {
		t.Error("the cart filled in the first browser is not in the account made from the second")
	}

	// a partner signing in does not take a cart along
	partnerVisit := env.Client(t)
	addToCart(t, partnerVisit, shelf, "1")
	partnerVisit.SignIn(t, webtest.PartnerB, seed.DemoPassword)
	var partnerLines int
	if err := env.Pool.QueryRow(ctx, `SELECT count(*) FROM cart_lines cl JOIN users u ON u.id = cl.consumer_id WHERE u.email = $1`, webtest.PartnerB).Scan(&partnerLines); err != nil || partnerLines != 0 {
		t.Errorf("a partner got %d cart lines (err %v)", partnerLines, err)
	}
}

// TestCartRechecksPricesAndQuantities: a price changed since the line was added is shown with
// the old one; quantities change and lines go, with htmx in place and without.
func TestCartRechecksPricesAndQuantities(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	retail := env.ProductID(t, "Company B", "retailflow-footfall")
	shelf := env.ProductID(t, "Company B", "shelfsense-inventory")
	c := env.SignedIn(t, webtest.Consumer)
	addToCart(t, c, retail, "2")
	addToCart(t, c, shelf, "1")
	env.Exec(t, "UPDATE products SET price = 89 WHERE id = $1", retail)

	cart := c.Get(t, "/cart")
	line := cartLine(cart, "RetailFlow Footfall")
	if got := strings.Join(strings.Fields(line.Text()), " "); !strings.Contains(got, "€89.00") || !strings.Contains(got, "Price changed: was €79.00") || !strings.Contains(got, "€178.00") {
		t.Errorf("the changed price is not shown: %q", got)
	}
	if got := cart.Text(".cart-totals"); !strings.Contains(got, "€327.00") {
		t.Errorf("total %q, want €327.00 (2 × €89 + €149)", got)
	}

	var r *webtest.Response
	c.HTMX(func() { r = c.PostForm(t, "/cart/items/"+webtest.Itoa(shelf), url.Values{"quantity": {"3"}}) })
	if r.StatusCode != http.StatusOK || r.Doc.Find("section#cart").Length() != 1 || !strings.Contains(r.Text(".cart-totals"), "€625.00") {
		t.Errorf("htmx quantity change: %d, totals %q", r.StatusCode, r.Text(".cart-totals"))
	}
	if got := strings.TrimSpace(r.Doc.Find(`#cart-count[data-hx-swap-oob]`).Contents().First().Text()); got != "5" {
		t.Errorf("header count out of band %q, want 5", got)
	}
	if got := r.Text(`#cart-message[data-hx-swap-oob]`); got != "Quantity updated." {
		t.Errorf("message %q", got)
	}

	c.HTMX(func() { r = c.PostForm(t, "/cart/items/"+webtest.Itoa(shelf), url.Values{"quantity": {"many"}}) })
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Text("#qty-"+webtest.Itoa(shelf)+"-error"), "from 0 to 99") ||
		r.Doc.Find("#qty-"+webtest.Itoa(shelf)).AttrOr("value", "") != "many" {
		t.Errorf("htmx bad quantity: %d %q", r.StatusCode, r.Text(".field__error"))
	}
	plain := c.PostForm(t, "/cart/items/"+webtest.Itoa(shelf), url.Values{"quantity": {"-1"}})
	if plain.StatusCode != http.StatusUnprocessableEntity || plain.Doc.Find("header.site-header").Length() != 1 ||
		!strings.Contains(plain.Text("#qty-"+webtest.Itoa(shelf)+"-error"), "from 0 to 99") {
		t.Errorf("plain bad quantity: %d", plain.StatusCode)
	}

	if r := c.PostForm(t, "/cart/items/"+webtest.Itoa(shelf), url.Values{"quantity": {"0"}}); r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/cart" {
		t.Errorf("quantity 0: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	c.HTMX(func() { r = c.PostForm(t, "/cart/items/"+webtest.Itoa(retail)+"/remove", nil) })
	if r.StatusCode != http.StatusOK || !strings.Contains(r.Text(".empty-state"), "Your cart is empty") {
		t.Errorf("remove: %d %q", r.StatusCode, r.Text("#cart"))
	}
	if got := headerCount(c.Get(t, "/cart")); got != "0" {
		t.Errorf("header count %s after emptying the cart", got)
	}
}
