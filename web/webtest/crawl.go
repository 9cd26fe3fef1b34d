package webtest

import (
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// Site is what a crawl found: a page for every GET route it reached, and their forms.
type Site struct {
	// Pages maps a GET route ("GET /products/:id") to the first answer of it the crawl saw
	// (downloads included).
	Pages map[string]*Response
	// Paths maps a route to the concrete path of that page.
	Paths map[string]string
	// Forms are the distinct forms of those pages.
	Forms []Form
	// Queries maps a GET route to the query parameters its links and forms use.
	Queries map[string]map[string]bool
	// Visited are all the HTML pages the crawl saw, in order.
	Visited []*Response
}

// Form is a form as a page offers it: where it goes and what it sends unchanged.
type Form struct {
	Method, Action string
	Fields         url.Values
}

// Crawl follows the links and GET forms of the portal from start, as c, visiting up to three
// pages per GET route (more products or tickets would only show the same forms again, but one
// may link what another does not, such as a ticket's attachment), and collects the forms of
// every page. Sign-out forms are not followed.
func (e *Env) Crawl(t testing.TB, c *Client, start ...string) *Site {
	t.Helper()
	routes := e.Routes()
	site := &Site{Pages: map[string]*Response{}, Paths: map[string]string{}, Queries: map[string]map[string]bool{}}
	seenForm, visits, seen := map[string]bool{}, map[string]int{}, map[string]bool{}
	queue := append([]string(nil), start...)
	for len(queue) > 0 {
		path := queue[0]
		queue = queue[1:]
		route, ok := Match(routes, http.MethodGet, path)
		if !ok || strings.HasPrefix(path, "/static/") {
			continue
		}
		if u, err := url.Parse(path); err == nil {
			for name := range u.Query() {
				if site.Queries[route.String()] == nil {
					site.Queries[route.String()] = map[string]bool{}
				}
				site.Queries[route.String()][name] = true
			}
		}
		if seen[path] || visits[route.String()] >= 3 {
			continue
		}
		seen[path] = true
		visits[route.String()]++
		r := c.Get(t, path)
		if r.StatusCode != http.StatusOK {
			continue
		}
		if site.Pages[route.String()] == nil {
			site.Pages[route.String()], site.Paths[route.String()] = r, path
		}
		if !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") {
			continue // a download
		}
		site.Visited = append(site.Visited, r)
		r.Doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
			if href := local(path, a.AttrOr("href", "")); href != "" {
				queue = append(queue, href)
			}
		})
		r.Doc.Find("form").Each(func(_ int, s *goquery.Selection) {
			f := readForm(path, s)
			if f.Action == "" || f.Action == "/logout" {
				return
			}
			if f.Method == http.MethodGet {
				queue = append(queue, f.Action+"?"+f.Fields.Encode())
			}
			key := f.Method + " " + f.Action + " " + strings.Join(slices.Sorted(maps.Keys(f.Fields)), ",")
			if !seenForm[key] {
				seenForm[key] = true
				site.Forms = append(site.Forms, f)
			}
		})
	}
	return site
}
