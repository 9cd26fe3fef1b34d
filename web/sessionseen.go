package web

import (
	"sync"
	"time"
)

// seenEvery is how stale a session's "last seen" may get: the account page shows it to the
// minute, but writing it on every page view would make every view a write.
const seenEvery = 5 * time.Minute

// seenSessions remembers when this server last wrote each session's last_seen_at, so the
// session store asks the database to note a session as seen only when that is seenEvery old.
// Each server keeps its own memory: with several, a session is written at most once per
// seenEvery by each, and after a restart once more. Entries older than seenEvery are dropped,
// so the map holds only the sessions seen lately.
type seenSessions struct {
	mu    sync.Mutex
	at    map[string]time.Time
	swept time.Time
}

func newSeenSessions() *seenSessions {
	return &seenSessions{at: make(map[string]time.Time)}
}

// due reports whether the session of token should be noted as seen at now, and if so counts
// it as noted.
func (s *seenSessions) due(token string, now time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sweep(now)
	if last, ok := s.at[token]; ok && now.Sub(last) < seenEvery && !now.Before(last) {
		return false
	}
	s.at[token] = now
	return true
}

// saw records that the session of token was written (seen) at now.
func (s *seenSessions) saw(token string, now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.at[token] = now
}

// forget drops an ended session.
func (s *seenSessions) forget(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.at, token)
}

func (s *seenSessions) sweep(now time.Time) {
	if now.Sub(s.swept) < seenEvery {
		return
	}
	for token, last := range s.at {
		if now.Sub(last) >= seenEvery {
			delete(s.at, token)
		}
	}
	s.swept = now
}
