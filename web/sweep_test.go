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
	"a\x00b", "\xff\xfe", "caf\xc3", "\x1b[2J", "line\r\nbreak",
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
			env := webtest.New(t)
			c := env.Client(t)
			if role.email != "" {
				c = env.SignedIn(t, role.email)
			}
			c.Get(t, "/login") // a CSRF cookie
			start := role.start
			if role.setup != nil {
				start = append(start, role.setup(t, env, c)...)
			}
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
	covered := map[string]bool{}
	// Query parameters of every page: those its GET forms and links use, and a page number.
	for route, path := range site.Paths {
		covered[route] = true
		base, _, _ := strings.Cut(path, "?")
		for _, name := range queryNames(site, route) {
			for _, v := range hostile {
				q := url.Values{name: {v}}
				checkAnswer(t, "GET "+base+" "+name+"="+short(v), c.Get(t, base+"?"+q.Encode()))
			}
		}
		sweepPath(t, byName[route], base, func(p string) *webtest.Response { return c.Get(t, p) })
	}
	// Every form: each field in turn, then all of them at once as htmx. Forms with the most
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
		// One form per route and set of fields: the next cart line's is the same form.
		kind := route.String() + " " + strings.Join(slices.Sorted(maps.Keys(f.Fields)), ",")
		if covered[kind] {
			continue
		}
		covered[route.String()], covered[kind] = true, true
		for name := range f.Fields {
			if name == "_csrf" {
				continue
			}
			for _, v := range hostile {
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

// checkAnswer holds an answer to hostile input to what the portal promises: never a server
// error; a refused form says why on the page; an error page has a title in words.
func checkAnswer(t *testing.T, what string, r *webtest.Response) {
	t.Helper()
	if r.StatusCode >= 500 {
		t.Errorf("%s: status %d", what, r.StatusCode)
	}
	if r.StatusCode < 400 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") {
		return
	}
	if title := strings.TrimSpace(r.Doc.Find("h1").First().Text()); title == http.StatusText(r.StatusCode) {
		t.Errorf("%s: %d page titled %q", what, r.StatusCode, title)
	}
	msg := r.Doc.Find(".field__error, .form__error, [role=alert], .error-page, #flash, [hx-swap-oob], [data-hx-swap-oob], .buy-box__refused")
	if r.StatusCode == http.StatusUnprocessableEntity && strings.TrimSpace(msg.Text()) == "" {
		t.Errorf("%s: 422 without a message on the page", what)
	}
}
