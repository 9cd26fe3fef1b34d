package webtest

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// SignUp creates a customer account the way a visitor does: asks for it on the sign-up page
// (with next, where to go afterwards, when not empty), opens the link the e-mail brings and
// sets the name and password. It returns the answer to that last form: a redirect when the
// account was made.
func (c *Client) SignUp(t testing.TB, name, email, password, next string) *Response {
	t.Helper()
	c.Get(t, "/signup")
	form := url.Values{"email": {email}}
	if next != "" {
		form.Set("next", next)
	}
	if r := c.PostForm(t, "/signup", form); r.StatusCode != http.StatusOK {
		t.Fatalf("sign up as %s: status %d\n%s", email, r.StatusCode, r.Text("main"))
	}
	link := c.env.MailLink(t, email, "/signup/")
	c.Get(t, link)
	return c.PostForm(t, link, url.Values{"name": {name}, "password": {password}})
}

// MailLink is the path of the first link under prefix ("/signup/") in the newest e-mail the
// portal wrote to address.
func (e *Env) MailLink(t testing.TB, address, prefix string) string {
	t.Helper()
	var body string
	if err := e.Pool.QueryRow(context.Background(), `SELECT text_body FROM mail_messages WHERE to_address = $1
		ORDER BY id DESC LIMIT 1`, address).Scan(&body); err != nil {
		t.Fatalf("no e-mail to %s: %v", address, err)
	}
	found := regexp.MustCompile(regexp.QuoteMeta(e.URL+prefix) + `[^\s"'<>]*`).FindString(body)
	if found == "" {
		t.Fatalf("the newest e-mail to %s has no link to %s…:\n%s", address, prefix, body)
	}
	return strings.TrimPrefix(found, e.URL)
}
