package account_test

import (
	"context"
	"net/url"
	"testing"

	"partnerportal/db/seed"
	"partnerportal/web/webtest"
)

// Browsers' User-Agent headers, as the sessions list names them.
const (
	firefoxLinux   = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
	chromeWindows  = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
	safariOnIPhone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
)

// signedInWith signs in as email from a client that says it is the browser ua.
func signedInWith(t *testing.T, env *webtest.Env, email, ua string) *webtest.Client {
	t.Helper()
	c := env.Client(t)
	c.Header.Set("User-Agent", ua)
	c.SignIn(t, email, seed.DemoPassword)
	return c
}

// isSignedIn reports whether c's session still signs it in: /account answers the page, not a
// redirect to the sign-in form.
func isSignedIn(t *testing.T, c *webtest.Client) bool {
	t.Helper()
	r := c.Get(t, "/account")
	return r.StatusCode == 200 && r.Doc.Find("#profile").Length() == 1
}

// post sends form to path from c, which has a CSRF cookie once it has fetched a page.
func post(t *testing.T, c *webtest.Client, path string, form url.Values) *webtest.Response {
	t.Helper()
	return c.PostForm(t, path, form)
}

// auditCount is the number of audit events of action about the account of email's user id.
func auditCount(t *testing.T, env *webtest.Env, userID int64, action string) int {
	t.Helper()
	var n int
	if err := env.Pool.QueryRow(context.Background(), `SELECT count(*) FROM audit_events WHERE user_id = $1 AND action = $2`,
		userID, action).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// userID is the id of the account with address email.
func userID(t *testing.T, env *webtest.Env, email string) int64 {
	t.Helper()
	var id int64
	if err := env.Pool.QueryRow(context.Background(), `SELECT id FROM users WHERE lower(email) = lower($1)`, email).Scan(&id); err != nil {
		t.Fatalf("user %s: %v", email, err)
	}
	return id
}
