// Package browsertest drives a real headless Chromium from Go tests, so that
// the pages the portal serves are exercised the way a user's browser sees
// them: with their Content-Security-Policy enforced, their scripts running and
// their accessibility checked by axe-core.
//
// A typical test:
//
//	func TestLogin(t *testing.T) {
//		srv := httptest.NewServer(handler)
//		defer srv.Close()
//		p := browsertest.New(t).Page(t)
//		p.Visit(t, srv.URL+"/login")
//		p.Run(t,
//			chromedp.SendKeys(chromedp.CSS("#email"), "ada@example.com"),
//			chromedp.Click(chromedp.CSS("button[type=submit]")),
//			chromedp.WaitVisible(chromedp.CSS("#dashboard")),
//		)
//		p.CheckA11y(t) // the click loaded a new page
//	}
//
// Every page a test sees is expected to be free of console errors: a page
// that logs one, throws, breaks its CSP or fails to load a resource fails the
// test when it ends. Tests that provoke such errors on purpose take them with
// [Page.TakeConsoleErrors].
//
// Packages with many browser tests share one Chromium through a [Shared]
// closed in TestMain (or call [Start] there) instead of calling [New] in
// every test.
package browsertest

// reporter is the part of testing.TB the harness needs. The package's own
// tests pass a recorder here to prove that failures are reported without
// failing themselves.
type reporter interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
	Cleanup(func())
}
