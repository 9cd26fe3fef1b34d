package web_test

import (
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"partnerportal/web/webtest"
)

// shownWithErrors are requests, beyond the pages a crawl reaches, whose answers are pages of
// their own: error pages and forms shown again with their errors, by the role that sends them.
var shownWithErrors = []struct {
	role string
	send func(t *testing.T, c *webtest.Client) *webtest.Response
}{
	{"visitor", func(t *testing.T, c *webtest.Client) *webtest.Response { return c.Get(t, "/no-such-page") }},
	{"visitor", func(t *testing.T, c *webtest.Client) *webtest.Response { return c.Get(t, "/hub?q=%00") }},
	{"visitor", func(t *testing.T, c *webtest.Client) *webtest.Response {
		return c.PostForm(t, "/signup", url.Values{"email": {"not an address"}})
	}},
	{"visitor", func(t *testing.T, c *webtest.Client) *webtest.Response {
		return c.PostForm(t, "/login", url.Values{"email": {webtest.PartnerA}, "password": {"wrong"}})
	}},
	{"partner", func(t *testing.T, c *webtest.Client) *webtest.Response {
		return c.PostForm(t, "/products", url.Values{"plan": {"software/production"}})
	}},
	{"partner", func(t *testing.T, c *webtest.Client) *webtest.Response {
		return c.PostForm(t, "/team/invitations", url.Values{"email": {webtest.Consumer}})
	}},
	{"admin", func(t *testing.T, c *webtest.Client) *webtest.Response { return c.Get(t, "/admin/audit?module=nope") }},
	{"consumer", func(t *testing.T, c *webtest.Client) *webtest.Response {
		return c.PostForm(t, "/account/password", url.Values{"current_password": {"wrong"}, "new_password": {"short"}})
	}},
	{"consumer", func(t *testing.T, c *webtest.Client) *webtest.Response {
		return c.PostForm(t, "/account/email", url.Values{"new_email": {"not an address"}})
	}},
	{"consumer", func(t *testing.T, c *webtest.Client) *webtest.Response {
		return c.PostForm(t, "/account/delete", url.Values{"password": {"wrong password"}})
	}},
}

// TestEveryPageIsValidHTML runs the Nu HTML checker (vnu.jar from static/package.json, with
// Java) over every page each audience reaches — the crawl of the sweep, which visits the pages
// the browser tests visit and the rest — and over error pages and forms shown with errors, and
// wants no error: no attribute HTML does not know (htmx's are written data-hx-*), no select
// whose required choice has no placeholder, nothing a browser would have to guess at.
func TestEveryPageIsValidHTML(t *testing.T) {
	t.Parallel()
	checker := vnuCommand(t)
	dir := t.TempDir()
	pages := map[string]string{} // file → the page's address and who saw it
	for _, role := range sweepRoles {
		env, c, start := role.begin(t)
		saved := env.Crawl(t, c, start...).Visited
		for _, e := range shownWithErrors {
			if e.role == role.name {
				saved = append(saved, e.send(t, c))
			}
		}
		for i, r := range saved {
			if !strings.Contains(r.Body, "<!doctype html>") {
				continue // a fragment
			}
			file := filepath.Join(dir, role.name+"-"+strconv.Itoa(i)+".html")
			if err := os.WriteFile(file, []byte(r.Body), 0o600); err != nil {
				t.Fatal(err)
			}
			pages[file] = role.name + " " + r.Request.Method + " " + r.Request.URL.RequestURI() + " (" + strconv.Itoa(r.StatusCode) + ")"
		}
	}
	if len(pages) < 50 {
		t.Fatalf("only %d pages to check: the crawl reached too little", len(pages))
	}
	t.Logf("%d pages checked", len(pages))
	for _, m := range runVNU(t, checker, pages) {
		t.Errorf("%s, line %d: %s\n    %s", pages[m.file], m.line, m.message, strings.TrimSpace(m.extract))
	}
}
