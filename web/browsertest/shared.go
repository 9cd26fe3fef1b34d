package browsertest

import (
	"errors"
	"sync"
	"testing"
)

// Shared is one Chromium for a whole test binary, started by the first test
// that asks for it. Starting and stopping a browser costs about a second of
// CPU, more than many page checks; a package whose browser tests run in
// parallel shares one instead, and each test still gets pages of its own
// browser context, so cookies and storage stay apart.
//
// A package declares one Shared and closes it in TestMain:
//
//	var chromium browsertest.Shared
//
//	func TestMain(m *testing.M) {
//		defer chromium.Close()
//		m.Run()
//	}
//
// How many pages are open at once is bounded by go test itself: -parallel
// tests per binary (GOMAXPROCS by default) and -p binaries at a time, so a
// two-core machine runs at most two browsers of two busy tabs each.
type Shared struct {
	once sync.Once
	b    *Browser
	err  error
}

// Browser returns the shared Chromium, starting it on the first call. It
// fails the test, as New does, when no browser can be started; every later
// caller fails with the same error rather than trying again.
func (s *Shared) Browser(t testing.TB) *Browser {
	t.Helper()
	s.once.Do(func() { s.b, s.err = Start() })
	if s.err != nil {
		t.Fatalf("browsertest: %v", s.err)
	}
	return s.b
}

// Page opens a tab of the shared Chromium for t; see Browser.Page.
func (s *Shared) Page(t testing.TB) *Page {
	t.Helper()
	return s.Browser(t).Page(t)
}

// Close stops the browser if a test started it. TestMain calls it once
// every test has finished.
func (s *Shared) Close() {
	// A browser started after Close would never be stopped.
	s.once.Do(func() { s.err = errors.New("the shared browser is closed") })
	if s.b != nil {
		s.b.Close()
	}
}
