package browsertest

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestCleanPage goes through the public API with the real *testing.T, so any
// false positive (axe blocked by the CSP, a stray console error) fails it.
func TestCleanPage(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	p := New(t).Page(t)
	p.Visit(t, srv.URL+"/clean")
	p.Run(t, chromedp.WaitVisible(chromedp.ID("q")))
	if got := Get(t, p, chromedp.Text(chromedp.ID("status"))); got != "ready" {
		t.Errorf("status = %q, want %q: the CSP-allowed script did not run", got, "ready")
	}
	p.CheckA11y(t)

	shot := filepath.Join(t.TempDir(), "shots", "clean.png")
	p.Screenshot(t, shot)
	data, err := os.ReadFile(shot)
	if err != nil || !bytes.HasPrefix(data, []byte("\x89PNG")) {
		t.Errorf("screenshot is not a PNG (err %v)", err)
	}
}

// TestSharedStartsOneBrowserWithSeparatePages: every test of a package gets
// the same browser, started once, yet a cookie set in one test's page is not
// seen by another's.
func TestSharedStartsOneBrowserWithSeparatePages(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	if a, b := shared.Browser(t), shared.Browser(t); a != b {
		t.Fatal("two calls started two browsers")
	}
	cookie := func(p *Page) string {
		return Get(t, p, chromedp.Evaluate[string](`document.cookie`))
	}
	first := shared.Page(t)
	first.Visit(t, srv.URL+"/clean")
	first.Run(t, chromedp.Evaluate[chromedp.Void](`document.cookie = "who=first"`))
	second := shared.Page(t)
	second.Visit(t, srv.URL+"/clean")
	if got := cookie(first); got != "who=first" {
		t.Errorf("the first page's cookie is %q, want who=first", got)
	}
	if got := cookie(second); got != "" {
		t.Errorf("the second page sees the cookie %q of the first", got)
	}
}

func TestA11yViolationsAreReported(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	rec := &recorder{}
	p := shared.Browser(t).page(rec)
	p.visit(rec, srv.URL+"/inaccessible")

	rep, err := p.runAxe()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, v := range rep.Violations {
		ids = append(ids, v.ID)
	}
	for _, want := range []string{"image-alt", "label"} {
		if !slices.Contains(ids, want) {
			t.Errorf("axe violations %v lack %q", ids, want)
		}
	}

	got := rec.finish()
	for _, want := range []string{"accessibility violation", srv.URL + "/inaccessible",
		"image-alt (critical)", "Images must have alternative text", "\n      img\n", "label ("} {
		if !strings.Contains(got, want) {
			t.Errorf("failure report lacks %q:\n%s", want, got)
		}
	}
}

// TestConsoleErrorsAreReported covers each way a page reports trouble that
// must fail a test: the CSP blocking an inline script (a Log entry from the
// "security" source), a console.error call, an uncaught exception and a
// failed resource load.
func TestConsoleErrorsAreReported(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	for _, tc := range []struct {
		path string
		want []string
	}{
		{"/inline", []string{"security error:", "Content Security Policy", "script-src 'self'", srv.URL + "/inline"}},
		{"/console", []string{"console.error: boom from console.js (" + srv.URL + "/console.js:1)"}},
		{"/throw", []string{"exception: Uncaught Error: kaboom (" + srv.URL + "/throw.js:1)"}},
		{"/missing", []string{"network error:", "status of 404", "(" + srv.URL + "/no-such.png)"}},
	} {
		t.Run(strings.TrimPrefix(tc.path, "/"), func(t *testing.T) {
			t.Parallel()
			rec := &recorder{}
			p := shared.Browser(t).page(rec)
			p.visit(rec, srv.URL+tc.path)
			got := rec.finish()
			t.Log(got)
			for _, want := range append([]string{"logged 1 console error"}, tc.want...) {
				if !strings.Contains(got, want) {
					t.Errorf("failure report lacks %q", want)
				}
			}
			if strings.Contains(got, "accessibility violation") {
				t.Error("the page has no accessibility problem, yet one was reported")
			}
		})
	}
}

func TestTakeConsoleErrorsClearsThem(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	rec := &recorder{}
	p := shared.Browser(t).page(rec)
	p.visit(rec, srv.URL+"/console")
	if errs := p.TakeConsoleErrors(); len(errs) != 1 || !strings.Contains(errs[0], "boom") {
		t.Errorf("TakeConsoleErrors = %q, want the one console.error", errs)
	}
	if got := rec.finish(); got != "" {
		t.Errorf("taken errors were reported again:\n%s", got)
	}
}

func TestRunNamesTheFailingStep(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	rec := &recorder{}
	p := shared.Browser(t).page(rec)
	p.visit(rec, srv.URL+"/clean")
	p.Timeout = 500 * time.Millisecond // only the wait below is meant to run out
	ok := p.run(rec, "",
		chromedp.WaitReady(chromedp.CSS("body")),
		Step("waiting for the menu", chromedp.WaitVisible(chromedp.ID("nowhere"))),
	)
	got := rec.finish()
	want := "step 2 of 2 failed on " + srv.URL + "/clean: waiting for the menu: context deadline exceeded (step timeout 500ms)"
	if ok || !strings.Contains(got, want) {
		t.Errorf("run = %v, report lacks %q:\n%s", ok, want, got)
	}
}

func TestMissingChromiumFails(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv("CHROMIUM_PATH", "")
	rec := &recorder{}
	if b := newBrowser(rec, t.TempDir); b != nil {
		t.Fatal("newBrowser found a browser on an empty PATH")
	}
	if got := rec.finish(); !strings.Contains(got, `Debian package "chromium"`) {
		t.Errorf("report does not name the package to install:\n%s", got)
	}

	t.Setenv("CHROMIUM_PATH", "/nonexistent/chromium")
	if _, err := findChromium(); err == nil || !strings.Contains(err.Error(), "CHROMIUM_PATH") {
		t.Errorf("findChromium with a bad CHROMIUM_PATH: %v", err)
	}
}

func TestMissingAxeSaysHowToInstall(t *testing.T) {
	if _, err := readAxe(t.TempDir()); err == nil || !strings.Contains(err.Error(), "make assets") {
		t.Errorf("readAxe in an empty module: %v", err)
	}
}
