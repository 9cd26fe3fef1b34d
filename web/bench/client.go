package bench

import (
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// client is one person's browser: a cookie jar on the shared transport, redirects not followed.
type client struct {
	base string
	http *http.Client
}

func newClient(base string, tr http.RoundTripper) *client {
	jar, _ := cookiejar.New(nil)
	return &client{base: base, http: &http.Client{
		Transport:     tr,
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// get fetches path and fails on anything but 200.
func (c *client) get(path string) (*goquery.Document, error) {
	resp, err := c.http.Get(c.base + path)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		return nil, fmt.Errorf("GET %s: %d %.200q", path, resp.StatusCode, b)
	}
	return goquery.NewDocumentFromReader(resp.Body)
}

// post sends a form with the CSRF token the portal set, as the portal's own forms do.
func (c *client) post(path string, form url.Values) (*http.Response, error) {
	u, _ := url.Parse(c.base)
	for _, ck := range c.http.Jar.Cookies(u) {
		if ck.Name == "csrf" {
			form.Set("_csrf", ck.Value)
		}
	}
	req, err := http.NewRequest(http.MethodPost, c.base+path, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", c.base)
	return c.http.Do(req)
}

// signIn signs in as email; the portal answers a good sign-in with a redirect.
func (c *client) signIn(email, password string) error {
	if _, err := c.get("/login"); err != nil {
		return err
	}
	resp, err := c.post("/login", url.Values{"email": {email}, "password": {password}})
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return fmt.Errorf("sign in as %s: status %d", email, resp.StatusCode)
	}
	return nil
}

// createAPIKey makes an API key on the API keys page and reads its secret, shown once.
func (c *client) createAPIKey(name, environment string) (string, error) {
	if _, err := c.get("/api-keys"); err != nil {
		return "", err
	}
	resp, err := c.post("/api-keys", url.Values{"name": {name}, "environment": {environment}})
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	doc, err := goquery.NewDocumentFromReader(resp.Body)
	if err != nil {
		return "", err
	}
	secret, _ := doc.Find("#new-key-secret").Attr("value")
	if resp.StatusCode != http.StatusOK || secret == "" {
		return "", fmt.Errorf("create an API key: status %d and no key on the page", resp.StatusCode)
	}
	return secret, nil
}

// pageRequest is a GET of path by this client.
func (c *client) pageRequest(path string, header http.Header) (request, *http.Client) {
	return func() (*http.Request, error) {
		req, err := http.NewRequest(http.MethodGet, c.base+path, nil)
		if err == nil && header != nil {
			req.Header = header.Clone()
		}
		return req, err
	}, c.http
}
