package browsertest

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// DefaultTimeout is how long one step of Run, Visit or CheckA11y may take.
// It is far above what a local page needs, so hitting it means a selector
// that never matches or a page that never loads, not a slow machine.
const DefaultTimeout = 15 * time.Second

// Page is one browser tab. Its console errors are collected for the whole
// life of the tab and fail the test that opened it.
type Page struct {
	// Ctx is the chromedp context of the tab. Use it with Get for actions
	// that return a value, or with chromedp directly for anything else.
	Ctx context.Context
	// Timeout limits each action run through the Page; zero means
	// DefaultTimeout.
	Timeout time.Duration

	console consoleLog
}

// Page opens a new tab, in a fresh browser context so that it starts with no
// cookies. Every console error (console.error and console.assert, uncaught
// exceptions, and browser log entries of level error, which is how CSP
// violations and failed resource loads appear) is recorded, and the test
// fails in t.Cleanup listing them.
func (b *Browser) Page(t testing.TB) *Page {
	t.Helper()
	return b.page(t)
}

func (b *Browser) page(r reporter) *Page {
	r.Helper()
	p := &Page{Timeout: DefaultTimeout}
	// The listener is attached before the tab exists so that nothing the
	// page logs early, such as a CSP violation during parsing, is missed.
	ctx, cancel := chromedp.NewContext(b.ctx,
		chromedp.WithNewBrowserContext(),
		chromedp.WithListener(p.console.record),
	)
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		r.Fatalf("browsertest: opening a tab: %v", err)
		return nil
	}
	p.Ctx = ctx
	r.Cleanup(func() {
		r.Helper() // point the failure at the line that opened the page
		if errs := p.TakeConsoleErrors(); len(errs) > 0 {
			r.Errorf("browsertest: the page logged %d console error(s):\n  %s",
				len(errs), joinIndented(errs, "  "))
		}
		cancel()
	})
	return p
}

// Visit navigates to url, waits for the body to be ready, and calls
// CheckA11y. Browser tests call Visit (or CheckA11y after each navigation
// caused by a click) so every page they see is checked.
func (p *Page) Visit(t testing.TB, url string) {
	t.Helper()
	p.visit(t, url)
}

func (p *Page) visit(r reporter, url string) {
	r.Helper()
	if p.run(r, "visiting "+url, chromedp.Navigate(url), chromedp.WaitReady(chromedp.CSS("body"))) {
		p.checkA11y(r)
	}
}

// Screenshot writes a full-page PNG to path, creating its directory. It is
// for looking at pages while developing a test, not for asserting on them.
func (p *Page) Screenshot(t testing.TB, path string) {
	t.Helper()
	png := Get(t, p, chromedp.FullScreenshot(100)) // 100 selects PNG over JPEG
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatalf("browsertest: %v", err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatalf("browsertest: %v", err)
	}
}
