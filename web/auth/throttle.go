package auth

import (
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Throttle limits sign-in attempts per account and per client address. An attempt is allowed
// only when both of its buckets have a token, and the password is checked only then: a burst
// of guesses costs the attacker time, not the server CPU.
type Throttle struct {
	mu       sync.Mutex
	accounts map[string]*rate.Limiter
	clients  map[string]*rate.Limiter
	every    time.Duration
	burst    int
	seen     int
}

// NewThrottle allows burst attempts at once per account and per address, then one every
// `every`. The defaults used by the server are a burst of 5 and one more every 30 seconds.
func NewThrottle(burst int, every time.Duration) *Throttle {
	return &Throttle{
		accounts: make(map[string]*rate.Limiter),
		clients:  make(map[string]*rate.Limiter),
		every:    every,
		burst:    burst,
	}
}

// Allow reports whether a sign-in attempt for email from client may be checked at now, and if
// not, how long until it may.
func (t *Throttle) Allow(email, client string, now time.Time) (bool, time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.sweep(now)
	acc := t.limiter(t.accounts, strings.ToLower(strings.TrimSpace(email)), now)
	cli := t.limiter(t.clients, client, now)
	ra := acc.ReserveN(now, 1)
	rc := cli.ReserveN(now, 1)
	wait := max(ra.DelayFrom(now), rc.DelayFrom(now))
	if wait > 0 {
		// give back whatever was taken: a refused attempt must not lengthen the wait
		ra.CancelAt(now)
		rc.CancelAt(now)
		return false, wait
	}
	return true, 0
}

func (t *Throttle) limiter(m map[string]*rate.Limiter, key string, now time.Time) *rate.Limiter {
	l, ok := m[key]
	if !ok {
		l = rate.NewLimiter(rate.Every(t.every), t.burst)
		m[key] = l
	}
	return l
}

// sweep forgets buckets that have refilled completely, so the maps do not grow without bound
// under a spray of made-up addresses. It runs every 1,000 attempts.
func (t *Throttle) sweep(now time.Time) {
	t.seen++
	if t.seen%1000 != 0 {
		return
	}
	for _, m := range []map[string]*rate.Limiter{t.accounts, t.clients} {
		for k, l := range m {
			if l.TokensAt(now) >= float64(t.burst) {
				delete(m, k)
			}
		}
	}
}
