package web_test

import (
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"partnerportal/web/webtest"
)

// valuesFor are the hostile values the turn-th field or parameter gets: the bytes PostgreSQL
// refuses every time, and three of the others in turn, so that every value reaches fields of
// every kind without each of hundreds of fields getting all of them.
func valuesFor(turn int) []string {
	rest := hostile[2:]
	out := slices.Clone(hostile[:2])
	for i := range 3 {
		out = append(out, rest[(3*turn+i)%len(rest)])
	}
	return out
}

// queryNames are the query parameters to try on a GET route: those its links and forms use,
// and a page number.
func queryNames(site *webtest.Site, route string) []string {
	names := map[string]bool{"page": true}
	maps.Copy(names, site.Queries[route])
	return slices.Sorted(maps.Keys(names))
}

// sweepPath tries every hostile value in every path parameter of route, in path (a concrete
// path of it), with do.
func sweepPath(t *testing.T, route webtest.Route, path string, do func(string) *webtest.Response) {
	t.Helper()
	segs := strings.Split(route.Path, "/")
	concrete := strings.Split(path, "/")
	if len(segs) != len(concrete) {
		return // a wildcard route
	}
	for i, seg := range segs {
		if !strings.HasPrefix(seg, ":") {
			continue
		}
		for _, v := range hostile {
			p := slices.Clone(concrete)
			p[i] = url.PathEscape(v)
			target := strings.Join(p, "/")
			checkAnswer(t, route.Method+" "+route.Path+" "+seg+"="+short(v), do(target))
		}
	}
}

// short is v as a test name shows it: quoted, and cut when long.
func short(v string) string {
	if len(v) > 24 {
		v = v[:24] + "…"
	}
	return strings.Trim(strconv.Quote(v), `"`)
}

func clone(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = slices.Clone(vs)
	}
	return out
}

// urlQuery escapes v for a query string.
func urlQuery(v string) string { return url.QueryEscape(v) }

// begin starts a portal for the role, signs the role in, prepares what it acts on, and
// returns where its crawl starts.
func (role sweepRole) begin(t *testing.T) (*webtest.Env, *webtest.Client, []string) {
	t.Helper()
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
	return env, c, start
}

// digits are the indices in the names of a repeated row's fields ("attributes.3.name").
var digits = regexp.MustCompile(`[0-9]+`)

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
