package browsertest

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// shared is one Chromium for every test here but TestCleanPage, which proves
// that New works on its own.
var shared Shared

func TestMain(m *testing.M) {
	defer shared.Close()
	m.Run()
}

// recorder is a reporter that keeps failures instead of failing, so these
// tests can show that the harness notices a broken page.
type recorder struct {
	errors, fatals []string
	cleanups       []func()
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, a ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, a...))
}
func (r *recorder) Fatalf(format string, a ...any) {
	r.fatals = append(r.fatals, fmt.Sprintf(format, a...))
}
func (r *recorder) Cleanup(f func()) { r.cleanups = append(r.cleanups, f) }

// finish runs the cleanups in testing's order and returns every failure.
func (r *recorder) finish() string {
	for i := len(r.cleanups) - 1; i >= 0; i-- {
		r.cleanups[i]()
	}
	return strings.Join(append(r.fatals, r.errors...), "\n")
}

const strictCSP = "default-src 'self'; script-src 'self'"

// pixel is a tiny PNG served from the test origin, so the test pages'
// images load under the CSP, which forbids data: URLs.
var pixel = func() []byte {
	var b bytes.Buffer
	png.Encode(&b, image.NewGray(image.Rect(0, 0, 1, 1)))
	return b.Bytes()
}()

func page(body string) string {
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test page</title></head>` +
		`<body><main><h1>Test page</h1>` + body + `</main></body></html>`
}

func newServer(t *testing.T) *httptest.Server {
	t.Helper()
	html := map[string]string{
		"/clean": page(`<p id="status">loading</p>` +
			`<img src="/pixel.png" alt="Partner logo"><label for="q">Search</label><input id="q" name="q">` +
			`<script src="/app.js"></script>`),
		"/inaccessible": page(`<img src="/pixel.png"><input type="text" name="q">`),
		"/inline":       page(`<script>document.title = "inline ran"</script>`),
		"/console":      page(`<script src="/console.js"></script>`),
		"/throw":        page(`<script src="/throw.js"></script>`),
		"/missing":      page(`<img src="/no-such.png" alt="Missing">`),
	}
	js := map[string]string{
		"/app.js":     `document.getElementById("status").textContent = "ready";`,
		"/console.js": `console.error("boom from console.js");`,
		"/throw.js":   `throw new Error("kaboom");`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", strictCSP)
		if s, ok := html[r.URL.Path]; ok {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, s)
		} else if s, ok := js[r.URL.Path]; ok {
			w.Header().Set("Content-Type", "text/javascript")
			fmt.Fprint(w, s)
		} else if r.URL.Path == "/pixel.png" {
			w.Header().Set("Content-Type", "image/png")
			w.Write(pixel)
		} else {
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}
