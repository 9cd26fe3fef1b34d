package webtest

import (
	"net/http"
	"regexp"
	"strings"
)

// Route is one route of the portal's route table, with a pattern that matches its paths.
type Route struct {
	Method, Path string
	pattern      *regexp.Regexp
	// static counts the path's fixed segments: the router prefers them to parameters, and so
	// does Match.
	static int
}

// Params are the route's path parameters, in order (":id", "*").
func (r Route) Params() []string {
	var out []string
	for _, seg := range strings.Split(r.Path, "/") {
		if strings.HasPrefix(seg, ":") || seg == "*" {
			out = append(out, seg)
		}
	}
	return out
}

// String is "METHOD path", as Routes lists it.
func (r Route) String() string { return r.Method + " " + r.Path }

// Routes is the portal's route table.
func (e *Env) Routes() []Route {
	var out []Route
	for _, s := range e.App.Routes() {
		method, path, _ := strings.Cut(s, " ")
		if method != http.MethodGet && method != http.MethodPost {
			continue // echo's own entries for groups ("echo_route_not_found")
		}
		r := Route{Method: method, Path: path}
		var b strings.Builder
		b.WriteString("^")
		for i, seg := range strings.Split(path, "/") {
			if i > 0 {
				b.WriteString("/")
			}
			switch {
			case strings.HasPrefix(seg, ":"):
				b.WriteString("[^/]+")
			case seg == "*":
				b.WriteString(".*")
			default:
				b.WriteString(regexp.QuoteMeta(seg))
				r.static++
			}
		}
		b.WriteString("$")
		r.pattern = regexp.MustCompile(b.String())
		out = append(out, r)
	}
	return out
}

// Match is the route that serves method and path (without its query), if any.
func Match(routes []Route, method, path string) (Route, bool) {
	path, _, _ = strings.Cut(path, "?")
	var best Route
	found := false
	for _, r := range routes {
		if r.Method == method && r.pattern.MatchString(path) && (!found || r.static > best.static) {
			best, found = r, true
		}
	}
	return best, found
}
