package smtptest

import (
	"testing"
	"time"
)

// FailNext makes the next n messages fail at the end of DATA with 451, a temporary refusal
// that a sender should retry.
func (s *Server) FailNext(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failNext = n
}

// RejectRecipient makes RCPT TO refuse addr for good, with 550 as for an unknown mailbox.
func (s *Server) RejectRecipient(addr string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rejected[addr] = true
}

// Messages returns the messages accepted so far, oldest first. The slice is the caller's;
// the messages in it are shared, so read them only.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.received...)
}

// WaitFor waits until at least n messages have arrived and returns them all; after timeout
// it fails the test, saying how many came.
func (s *Server) WaitFor(t testing.TB, n int, timeout time.Duration) []Received {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		got := s.Messages()
		if len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("smtptest: %d message(s) arrived within %s, want at least %d", len(got), timeout, n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
