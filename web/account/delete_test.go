package account_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"partnerportal/db/seed"
	"partnerportal/web/webtest"
)

// countRows is count(*) of a query about the user id.
func countRows(t *testing.T, env *webtest.Env, query string, id int64) int {
	t.Helper()
	var n int
	if err := env.Pool.QueryRow(context.Background(), query, id).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// TestCustomerClosesTheirAccount: a wrong password refuses; the right one signs the customer
// out everywhere and deletes what is theirs alone, while their orders and purchases stay,
// readable by the seller with the customer anonymised; the address can sign up anew.
func TestCustomerClosesTheirAccount(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	id := userID(t, env, webtest.Consumer)
	c := signedInWith(t, env, webtest.Consumer, firefoxLinux)
	phone := signedInWith(t, env, webtest.Consumer, safariOnIPhone)
	fillCartOf(t, env, c)
	addNotices(t, env, webtest.Consumer, 2)
	orders := countRows(t, env, `SELECT count(*) FROM orders WHERE consumer_id = $1`, id)
	purchases := countRows(t, env, `SELECT count(*) FROM purchases WHERE consumer_id = $1`, id)
	if orders == 0 || purchases == 0 {
		t.Fatalf("the demo customer has %d orders and %d purchases, want some", orders, purchases)
	}

	page := c.Get(t, "/account")
	if got := page.Text("#close"); !strings.Contains(got, "Kept, without your name or address: your orders and purchases") {
		t.Errorf("the page does not say what is kept: %q", got)
	}
	r := c.PostForm(t, "/account/delete", url.Values{"password": {"not my password"}})
	if r.StatusCode != http.StatusUnprocessableEntity || r.Text("#f-delete-password-error") != "That is not your current password." {
		t.Fatalf("wrong password: %d %q, want 422", r.StatusCode, r.Text("#f-delete-password-error"))
	}
	if !isSignedIn(t, c) {
		t.Fatal("a refused closing signed the customer out")
	}
	r = c.PostForm(t, "/account/delete", url.Values{"password": {seed.DemoPassword}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/hub" {
		t.Fatalf("close: %d to %q\n%s", r.StatusCode, r.Header.Get("Location"), r.Text("main"))
	}
	if got := c.Get(t, "/hub").Text("#flash"); !strings.Contains(got, "Your account is closed") {
		t.Errorf("the flash says %q", got)
	}
	for name, cl := range map[string]*webtest.Client{"this browser": c, "the phone": phone} {
		if r := cl.Get(t, "/orders"); r.StatusCode != http.StatusSeeOther {
			t.Errorf("%s still reaches /orders: %d", name, r.StatusCode)
		}
	}
	for _, tt := range []struct {
		what  string
		query string
		want  int
	}{
		{"orders", `SELECT count(*) FROM orders WHERE consumer_id = $1`, orders},
		{"purchases", `SELECT count(*) FROM purchases WHERE consumer_id = $1`, purchases},
		{"cart lines", `SELECT count(*) FROM cart_lines WHERE consumer_id = $1`, 0},
		{"notifications", `SELECT count(*) FROM notifications WHERE user_id = $1`, 0},
		{"sessions", `SELECT count(*) FROM sessions WHERE user_id = $1`, 0},
		{"mail", `SELECT count(*) FROM mail_messages WHERE user_id = $1`, 0},
		{"a user row naming the person", `SELECT count(*) FROM users WHERE id = $1 AND (name <> 'Deleted customer' OR email NOT LIKE '%@deleted.invalid')`, 0},
		{"the audit of it", `SELECT count(*) FROM audit_events WHERE user_id = $1 AND action = 'user.close'`, 1},
	} {
		if got := countRows(t, env, tt.query, id); got != tt.want {
			t.Errorf("%s: %d, want %d", tt.what, got, tt.want)
		}
	}

	// the seller still reads the purchase, without the customer's name or address
	seller := env.SignedIn(t, webtest.PartnerA)
	product := seller.Get(t, "/products/"+webtest.Itoa(env.ProductID(t, "Company A", "fleetpulse-telematics")))
	if body := product.Text("main"); product.StatusCode != http.StatusOK || !strings.Contains(body, "Deleted customer") ||
		strings.Contains(body, "Carlos") || strings.Contains(body, webtest.Consumer) {
		t.Errorf("the seller's product page: %d, %q", product.StatusCode, body)
	}

	// the old password opens nothing, and the address is free for a new account
	again := env.Client(t)
	again.Get(t, "/login")
	if r := again.PostForm(t, "/login", url.Values{"email": {webtest.Consumer}, "password": {seed.DemoPassword}}); r.StatusCode != http.StatusUnauthorized {
		t.Errorf("sign in after closing: %d, want 401", r.StatusCode)
	}
	if r := again.SignUp(t, "Carlos Again", webtest.Consumer, "a fresh long password", ""); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign up again: %d\n%s", r.StatusCode, r.Text("main"))
	}
	if got := again.Get(t, "/orders").Text("main"); !strings.Contains(got, "You have not ordered anything yet.") {
		t.Errorf("the new account's orders: %q, want none", got)
	}
}

// TestOnlyCustomersCloseTheirOwnAccount: partners and staff are told who closes theirs and
// get 404 from the form's address.
func TestOnlyCustomersCloseTheirOwnAccount(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	for _, tt := range []struct{ email, says string }{
		{webtest.PartnerA, "an owner removes a colleague, or leaves, on the Team page"},
		{webtest.AccountManager, "Staff accounts are closed by an administrator"},
		{webtest.Admin, "Staff accounts are closed by an administrator"},
	} {
		c := env.SignedIn(t, tt.email)
		page := c.Get(t, "/account")
		if !strings.Contains(page.Text("#close"), tt.says) || page.Doc.Find(`form[action^="/account/delete"]`).Length() != 0 {
			t.Errorf("%s: the page says %q", tt.email, page.Text("#close"))
		}
		if r := c.PostForm(t, "/account/delete", url.Values{"password": {seed.DemoPassword}}); r.StatusCode != http.StatusNotFound {
			t.Errorf("%s posts the form: %d, want 404", tt.email, r.StatusCode)
		}
		if !isSignedIn(t, c) {
			t.Errorf("%s was signed out", tt.email)
		}
	}
}

// fillCartOf puts a listing in c's cart.
func fillCartOf(t *testing.T, env *webtest.Env, c *webtest.Client) {
	t.Helper()
	c.Get(t, "/hub")
	id := env.ProductID(t, "Company B", "retailflow-footfall")
	if r := c.PostForm(t, "/cart/items", url.Values{"product_id": {webtest.Itoa(id)}, "quantity": {"1"}}); r.StatusCode >= 400 {
		t.Fatalf("add to cart: %d", r.StatusCode)
	}
}
