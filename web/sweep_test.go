package web_test

import (
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"partnerportal/web/webtest"
)

// hostile are the values every form field, query parameter and path segment gets in turn:
// bytes PostgreSQL refuses in text, control characters, numbers past every integer type,
// negative and zero counts, a choice that is none of the options, and far too much text.
var hostile = []string{
	"a\x00b", "\xff\xfe", // PostgreSQL refuses these in text: every field gets them
	"caf\xc3", "\x1b[2J", "line\r\nbreak",
	"-1", "0", "2147483648", "9223372036854775808", "1e400",
	"nope", strings.Repeat("x", 25_000), "<script>alert(1)</script>", "2026-02-31",
}

// sweepRole is one audience of the sweep: who signs in, where the crawl starts, and what they
// have to act on first (a cart to check out, a key to revoke…).
type sweepRole struct {
	name  string
	email string // "" for a visitor
	start []string
	// setup prepares what the role acts on and returns more pages to start from.
	setup func(t *testing.T, env *webtest.Env, c *webtest.Client) []string
}

// notSwept are the routes the sweep sends no hostile input to, and why.
var notSwept = []string{
	"GET /static/*",         // files: the path names a file or nothing
	"GET /",                 // a redirect to the caller's home; it reads nothing
	"GET /healthz",          // probes read nothing
	"GET /readyz",           //
	"GET /api/openapi.json", // a fixed document
	"POST /logout",          // it reads nothing, and would end the sweep's session
	"GET /pictures/:file",   // pictures are img sources, not links; TestProductPictures reads them
}

// TestHostileInputNeverAnswers5xx walks the route table as every audience: it crawls the
// pages each one reaches, then sends hostile values to every form field, every query
// parameter and every path parameter of every route it found, one at a time with the other
// fields as the page filled them, and all at once as htmx; the API gets hostile reports. No
// answer may be a server error (the portal's log fails the test too), every 422 page says
// what was wrong, and no error page is titled with a bare status text. A route that no
// audience reached fails the test: a new route must be reachable from a page (or listed in
// notSwept with the reason).
func TestHostileInputNeverAnswers5xx(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	swept := map[string]bool{}
	var routes []webtest.Route
	record := func(env *webtest.Env, done map[string]bool) {
		mu.Lock()
		defer mu.Unlock()
		routes = env.Routes()
		for r := range done {
			swept[r] = true
		}
	}
	for _, role := range sweepRoles {
		t.Run(role.name, func(t *testing.T) {
			t.Parallel()
			env, c, start := role.begin(t)
			record(env, sweep(t, env, c, env.Crawl(t, c, start...)))
		})
	}
	t.Run("api", func(t *testing.T) {
		t.Parallel()
		env := webtest.New(t, webtest.GenerousLimits)
		record(env, sweepAPI(t, env))
	})
	// After the parallel subtests: a test's cleanup waits for them.
	t.Cleanup(func() {
		for _, r := range routes {
			if !swept[r.String()] && !slices.Contains(notSwept, r.String()) {
				t.Errorf("%s: no audience reached it; link it from a page or give a role the setup to reach it", r)
			}
		}
	})
}

// sweep sends the hostile values to what site found and returns the routes it covered.
func sweep(t *testing.T, env *webtest.Env, c *webtest.Client, site *webtest.Site) map[string]bool {
	t.Helper()
	routes := env.Routes()
	byName := map[string]webtest.Route{}
	for _, r := range routes {
		byName[r.String()] = r
	}
	covered, perRoute, turn := map[string]bool{}, map[string]int{}, 0
	// Query parameters of every page: those its GET forms and links use, and a page number.
	for route, path := range site.Paths {
		covered[route] = true
		base, _, _ := strings.Cut(path, "?")
		for _, name := range queryNames(site, route) {
			turn++
			values := valuesFor(turn)
			if name == "page" { // every list takes one: each gets every number
				values = hostile
			}
			for _, v := range values {
				q := url.Values{name: {v}}
				checkAnswer(t, "GET "+base+" "+name+"="+short(v), c.Get(t, base+"?"+q.Encode()))
			}
		}
		sweepPath(t, byName[route], base, func(p string) *webtest.Response { return c.Get(t, p) })
	}
	// Every form: each field in turn (with some of the values, every one of them over the
	// fields), then every value in all of them at once as htmx. Forms with the most
	// fields go first, so the bare buttons (archive, revoke, remove) act last.
	forms := slices.Clone(site.Forms)
	slices.SortStableFunc(forms, func(a, b webtest.Form) int { return len(b.Fields) - len(a.Fields) })
	for _, f := range forms {
		if f.Method != http.MethodPost {
			continue
		}
		route, ok := webtest.Match(routes, f.Method, f.Action)
		if !ok {
			t.Errorf("a form posts to %s, which no route serves", f.Action)
			continue
		}
		// One form per route and set of fields (the next cart line's is the same form), and at
		// most two per route (a hardware and a software product; not every design's designer).
		kind := route.String() + " " + strings.Join(slices.Sorted(maps.Keys(f.Fields)), ",")
		if covered[kind] || perRoute[route.String()] == 2 {
			continue
		}
		covered[route.String()], covered[kind] = true, true
		perRoute[route.String()]++
		for name := range f.Fields {
			// A repeated row's field once: a design's fifth attribute name is like its first.
			shape := route.String() + " " + digits.ReplaceAllString(name, "#")
			if name == "_csrf" || covered[shape] {
				continue
			}
			covered[shape] = true
			turn++
			for _, v := range valuesFor(turn) {
				form := clone(f.Fields)
				form.Set(name, v)
				checkAnswer(t, "POST "+f.Action+" "+name+"="+short(v), c.PostForm(t, f.Action, form))
			}
		}
		for _, v := range hostile {
			form := url.Values{"_csrf": {c.CSRFToken()}}
			for name := range f.Fields {
				if name != "_csrf" {
					form.Set(name, v)
				}
			}
			c.HTMX(func() { checkAnswer(t, "htmx POST "+f.Action+" all="+short(v), c.PostForm(t, f.Action, form)) })
		}
		sweepPath(t, route, f.Action, func(p string) *webtest.Response { return c.PostForm(t, p, clone(f.Fields)) })
	}
	return covered
}
