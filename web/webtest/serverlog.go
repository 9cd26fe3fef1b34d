package webtest

import (
	"bytes"
	"log/slog"
	"sync"
	"testing"
)

// serverLog is the test portal's log. A server error (a 5xx answer, a failed request, a panic)
// is always logged at level ERROR, so any line at that level fails the test when it ends:
// "the server log shows no 5xx" is then something every test checks, not something a person
// greps for. A test that causes server errors on purpose says so with Env.ExpectServerErrors.
type serverLog struct {
	mu       sync.Mutex
	buf      bytes.Buffer
	expected bool
}

// newServerLog returns the log and its logger, and has t fail at cleanup for any error logged
// by then, unless the test expected them.
func newServerLog(t testing.TB) (*serverLog, *slog.Logger) {
	l := &serverLog{}
	t.Cleanup(func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		if l.buf.Len() > 0 && !l.expected {
			t.Errorf("the test portal logged server errors:\n%s", l.buf.String())
		}
	})
	return l, slog.New(slog.NewTextHandler(l, &slog.HandlerOptions{Level: slog.LevelError}))
}

// Write keeps a formatted log line (slog writes each record in one call).
func (l *serverLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// errors is what was logged at level ERROR so far.
func (l *serverLog) errors() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// ExpectServerErrors tells the portal's log that this test causes server errors on purpose
// (it cuts the database, say): they no longer fail it. ServerErrors still shows them.
func (e *Env) ExpectServerErrors() {
	e.log.mu.Lock()
	defer e.log.mu.Unlock()
	e.log.expected = true
}

// ServerErrors is what the portal logged at level ERROR so far, one line each.
func (e *Env) ServerErrors() string { return e.log.errors() }
