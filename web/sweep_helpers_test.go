package web_test

import (
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"partnerportal/web/webtest"
)

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
