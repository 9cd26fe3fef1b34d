package webtest

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"partnerportal/db/seed"
)

// Client is a browser without JavaScript: it keeps cookies, does not follow redirects (tests
// assert them), and sends the CSRF token the way the portal's forms do.
type Client struct {
	env  *Env
	HTTP *http.Client
	// Header is added to every request (e.g. HX-Request for htmx requests).
	Header http.Header
}

// Response is a finished response with its body read and parsed.
type Response struct {
	*http.Response
	Body string
	Doc  *goquery.Document
}

// Client returns a new visitor.
func (e *Env) Client(t testing.TB) *Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &Client{env: e, Header: http.Header{}, HTTP: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// SignedIn returns a client signed in as email with the demo password.
func (e *Env) SignedIn(t testing.TB, email string) *Client {
	t.Helper()
	c := e.Client(t)
	c.SignIn(t, email, seed.DemoPassword)
	return c
}

// SignIn signs in and fails the test unless the portal redirects away from the form.
func (c *Client) SignIn(t testing.TB, email, password string) *Response {
	t.Helper()
	c.Get(t, "/login")
	r := c.PostForm(t, "/login", url.Values{"email": {email}, "password": {password}})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in as %s: status %d, want 303\n%s", email, r.StatusCode, r.Body)
	}
	return r
}

// HTMX runs f with the client sending HX-Request, as htmx does.
func (c *Client) HTMX(f func()) {
	c.Header.Set("HX-Request", "true")
	defer c.Header.Del("HX-Request")
	f()
}

// Get fetches path.
func (c *Client) Get(t testing.TB, path string) *Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, c.env.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c.Do(t, req)
}

// PostForm posts form to path with the CSRF token from the cookie jar (fetch a page first).
func (c *Client) PostForm(t testing.TB, path string, form url.Values) *Response {
	t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if form.Get("_csrf") == "" {
		form.Set("_csrf", c.CSRFToken())
	}
	return c.PostRaw(t, path, form)
}

// PostRaw posts form exactly as given, with no CSRF token added.
func (c *Client) PostRaw(t testing.TB, path string, form url.Values) *Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, c.env.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.Do(t, req)
}

// Do sends req with the client's extra headers and reads the whole response.
func (c *Client) Do(t testing.TB, req *http.Request) *Response {
	t.Helper()
	for k, vs := range c.Header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	return &Response{Response: resp, Body: string(b), Doc: doc}
}

// CSRFToken is the token the portal set in the client's cookie.
func (c *Client) CSRFToken() string {
	return c.Cookie("csrf")
}

// Cookie returns the value of the named cookie for the portal, or "".
func (c *Client) Cookie(name string) string {
	u, _ := url.Parse(c.env.URL)
	for _, ck := range c.HTTP.Jar.Cookies(u) {
		if ck.Name == name {
			return ck.Value
		}
	}
	return ""
}

// Text is the whitespace-normalised text of the elements matching sel.
func (r *Response) Text(sel string) string {
	return strings.Join(strings.Fields(r.Doc.Find(sel).Text()), " ")
}

// Itoa formats an id or a number for a path or a form value.
func Itoa(n int64) string { return strconv.FormatInt(n, 10) }
