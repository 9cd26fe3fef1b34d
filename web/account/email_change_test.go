package account_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"partnerportal/db/seed"
	"partnerportal/web/webtest"
)

// askEmailChange sends the e-mail form of c's account page.
func askEmailChange(t *testing.T, c *webtest.Client, to, password string) *webtest.Response {
	t.Helper()
	c.Get(t, "/account")
	return c.PostForm(t, "/account/email", url.Values{"new_email": {to}, "password": {password}})
}

// emailOf is the sign-in address of the account id.
func emailOf(t *testing.T, env *webtest.Env, id int64) string {
	t.Helper()
	var email string
	if err := env.Pool.QueryRow(context.Background(), `SELECT email FROM users WHERE id = $1`, id).Scan(&email); err != nil {
		t.Fatal(err)
	}
	return email
}

// TestEmailChangeWaitsForTheLink: the new address gets a link and nothing changes until it is
// opened; opening it shows what it does, confirming it changes the address, tells the old
// one, and the link then works no more. The new address signs in, the old one does not.
func TestEmailChangeWaitsForTheLink(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	id := userID(t, env, webtest.Consumer)
	c := env.SignedIn(t, webtest.Consumer)
	const to = "carlos.new@example.org"
	r := askEmailChange(t, c, to, seed.DemoPassword)
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("ask: %d\n%s", r.StatusCode, r.Text("main"))
	}
	page := c.Get(t, "/account")
	if !strings.Contains(page.Text("#flash"), "We have sent a message to "+to) || !strings.Contains(page.Text("#email .banner"), "Waiting for you to open the link sent to "+to) {
		t.Errorf("after asking: flash %q, banner %q", page.Text("#flash"), page.Text("#email .banner"))
	}
	if got := emailOf(t, env, id); got != webtest.Consumer {
		t.Fatalf("the address is %s before the link is opened", got)
	}
	link := env.MailLink(t, to, "/account/email/")

	// the link works for whoever opens it: here a browser signed in to no one
	stranger := env.Client(t)
	confirm := stranger.Get(t, link)
	if confirm.StatusCode != http.StatusOK || !strings.Contains(confirm.Text("main"), "Confirm to sign in with "+to) {
		t.Fatalf("open the link: %d %q", confirm.StatusCode, confirm.Text("main"))
	}
	if got := emailOf(t, env, id); got != webtest.Consumer {
		t.Fatalf("opening the link changed the address to %s before it was confirmed", got)
	}
	r = stranger.PostForm(t, link, nil)
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/login?email="+url.QueryEscape(to) {
		t.Fatalf("confirm: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	if got := emailOf(t, env, id); got != to {
		t.Errorf("after the link the address is %s, want %s", got, to)
	}
	if n := mails(t, env, webtest.Consumer, "email_change", "Your Partner Portal sign-in address was changed"); n != 1 {
		t.Errorf("%d mails to the old address, want 1", n)
	}
	if r := stranger.Get(t, link); r.StatusCode != http.StatusNotFound || !strings.Contains(r.Text("main"), "This link does not work") {
		t.Errorf("the used link: %d %q, want 404", r.StatusCode, r.Text("main"))
	}
	if r := stranger.PostForm(t, link, nil); r.StatusCode != http.StatusNotFound {
		t.Errorf("the used link posted again: %d, want 404", r.StatusCode)
	}
	if got := c.Get(t, "/account").Text("#email p"); !strings.Contains(got, "You sign in with "+to) {
		t.Errorf("the signed-in browser's page says %q", got)
	}
	env.Client(t).SignIn(t, to, seed.DemoPassword)
	old := env.Client(t)
	old.Get(t, "/login")
	if r := old.PostForm(t, "/login", url.Values{"email": {webtest.Consumer}, "password": {seed.DemoPassword}}); r.StatusCode != http.StatusUnauthorized {
		t.Errorf("sign in with the old address: %d, want 401", r.StatusCode)
	}
	for _, action := range []string{"user.email_change_request", "user.email_change"} {
		if n := auditCount(t, env, id, action); n != 1 {
			t.Errorf("%d audit events %s, want 1", n, action)
		}
	}
}

// TestEmailChangeLinkExpires: a link older than 24 hours, and one replaced by a newer request,
// no longer work.
func TestEmailChangeLinkExpires(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerC)
	askEmailChange(t, c, "first@example.org", seed.DemoPassword)
	first := env.MailLink(t, "first@example.org", "/account/email/")
	askEmailChange(t, c, "second@example.org", seed.DemoPassword)
	second := env.MailLink(t, "second@example.org", "/account/email/")
	if r := c.Get(t, first); r.StatusCode != http.StatusNotFound {
		t.Errorf("the replaced link: %d, want 404", r.StatusCode)
	}
	env.Clock.Advance(24*time.Hour + time.Minute)
	if r := c.Get(t, second); r.StatusCode != http.StatusNotFound {
		t.Errorf("the link a day later: %d, want 404", r.StatusCode)
	}
	if r := c.PostForm(t, second, nil); r.StatusCode != http.StatusNotFound {
		t.Errorf("the link a day later, posted: %d, want 404", r.StatusCode)
	}
	if got := emailOf(t, env, userID(t, env, webtest.PartnerC)); got != webtest.PartnerC {
		t.Errorf("the address became %s", got)
	}
}

// TestEmailChangeToATakenAddress: asking for another account's address answers as for a free
// one (the page does not tell who has an account), the owner of that address is told and no
// link goes anywhere; an address taken after the link was sent is refused when confirmed.
func TestEmailChangeToATakenAddress(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.Consumer)
	taken := askEmailChange(t, c, webtest.PartnerB, seed.DemoPassword)
	takenPage := c.Get(t, "/account")
	free := askEmailChange(t, c, "free@example.org", seed.DemoPassword)
	freePage := c.Get(t, "/account")
	if taken.StatusCode != free.StatusCode {
		t.Errorf("statuses %d and %d differ", taken.StatusCode, free.StatusCode)
	}
	same := func(s, addr string) string { return strings.ReplaceAll(s, addr, "ADDRESS") }
	if a, b := same(takenPage.Text("#flash"), webtest.PartnerB), same(freePage.Text("#flash"), "free@example.org"); a != b {
		t.Errorf("the answers differ:\n%q\n%q", a, b)
	}
	var body string
	if err := env.Pool.QueryRow(context.Background(), `SELECT text_body FROM mail_messages WHERE to_address = $1 AND kind = 'email_change'`,
		webtest.PartnerB).Scan(&body); err != nil {
		t.Fatalf("no mail to the taken address: %v", err)
	}
	if !strings.Contains(body, "An address can belong to one account only") || strings.Contains(body, "/account/email/") {
		t.Errorf("the mail to the taken address:\n%s", body)
	}
	// free@example.org signs up before the link is used
	link := env.MailLink(t, "free@example.org", "/account/email/")
	if r := env.Client(t).SignUp(t, "Fran Free", "free@example.org", "a long enough password", ""); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign up: %d", r.StatusCode)
	}
	c.Get(t, link)
	r := c.PostForm(t, link, nil)
	if r.StatusCode != http.StatusConflict || !strings.Contains(r.Text("main"), "free@example.org belongs to another account now") {
		t.Errorf("confirm a taken address: %d %q, want 409 saying so", r.StatusCode, r.Text("main"))
	}
	if got := emailOf(t, env, userID(t, env, webtest.Consumer)); got != webtest.Consumer {
		t.Errorf("the address became %s", got)
	}
}

// TestEmailChangeSaysWhatIsWrong: each mistake comes back with 422 under its field, and the
// throttle holds a flood of requests for one address.
func TestEmailChangeSaysWhatIsWrong(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.AccountManager)
	for _, tt := range []struct{ name, to, password, field, want string }{
		{"not an address", "nope", seed.DemoPassword, "new_email", "Enter an e-mail address like name@example.com."},
		{"the same address", "AM@example.com", seed.DemoPassword, "new_email", "That is already your address: type the new one."},
		{"a wrong password", "am.new@example.org", "wrong", "password", "That is not your current password."},
	} {
		r := askEmailChange(t, c, tt.to, tt.password)
		if got := r.Text("#" + map[string]string{"new_email": "f-new-email", "password": "f-email-password"}[tt.field] + "-error"); r.StatusCode != http.StatusUnprocessableEntity || got != tt.want {
			t.Errorf("%s: %d %q, want 422 %q", tt.name, r.StatusCode, got, tt.want)
		}
	}
	for i := range 3 {
		if r := askEmailChange(t, c, "flood@example.org", seed.DemoPassword); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("request %d: %d", i+1, r.StatusCode)
		}
	}
	r := askEmailChange(t, c, "flood@example.org", seed.DemoPassword)
	if r.StatusCode != http.StatusTooManyRequests || !strings.Contains(r.Text("#email .form__error"), "Too many requests") {
		t.Errorf("request 4: %d %q, want 429", r.StatusCode, r.Text("#email .form__error"))
	}
}
