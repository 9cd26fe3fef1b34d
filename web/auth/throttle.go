package auth

import (
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Throttle limits sign-in attempts per account and per client address. An attempt may go on
// to the password check only when both of its buckets have a token; a successful sign-in gives
// its tokens back, so only failures count. Concurrent guesses each take a token before their
// check, so a burst of any size gets at most the bucket size of checks.
type Throttle struct {
	mu        sync.Mutex
	accounts  map[string]*rate.Limiter
	clients   map[string]*rate.Limiter
	accBurst  int
	cliBurst  int
	every     time.Duration
	attempted int
}

// Attempt is a granted sign-in attempt.
type Attempt struct {
	t      *Throttle
	at     time.Time
	acc    *rate.Reservation
	client *rate.Reservation
}

// NewThrottle allows accountBurst failed attempts per account and clientBurst per client
// address, then one more per bucket every `every`.
func NewThrottle(accountBurst, clientBurst int, every time.Duration) *Throttle {
	return &Throttle{
		accounts: make(map[string]*rate.Limiter),
		clients:  make(map[string]*rate.Limiter),
		accBurst: accountBurst,
		cliBurst: clientBurst,
		every:    every,
	}
}

// Allow asks whether a sign-in attempt for email from client may be checked at now. When it
// may not, it says how long until it may.
func (t *Throttle) Allow(email, client string, now time.Time) (*Attempt, time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.sweep(now)
	acc := t.limiter(t.accounts, strings.ToLower(strings.TrimSpace(email)), t.accBurst)
	cli := t.limiter(t.clients, client, t.cliBurst)
	a := &Attempt{t: t, at: now, acc: acc.ReserveN(now, 1), client: cli.ReserveN(now, 1)}
	if wait := max(a.acc.DelayFrom(now), a.client.DelayFrom(now)); wait > 0 {
		// a refused attempt must not lengthen the wait
		a.refund()
		return nil, wait
	}
	return a, 0
}

// Succeeded gives the attempt's tokens back: signing in with the right password never counts
// against the account or the address.
func (a *Attempt) Succeeded() {
	a.t.mu.Lock()
	defer a.t.mu.Unlock()
	a.refund()
}

func (a *Attempt) refund() {
	a.acc.CancelAt(a.at)
	a.client.CancelAt(a.at)
}

func (t *Throttle) limiter(m map[string]*rate.Limiter, key string, burst int) *rate.Limiter {
	l, ok := m[key]
	if !ok {
		l = rate.NewLimiter(rate.Every(t.every), burst)
		m[key] = l
	}
	return l
}

// sweep forgets buckets that have refilled completely, so the maps do not grow without bound
// under a spray of made-up addresses. It runs every 1,000 attempts.
func (t *Throttle) sweep(now time.Time) {
	t.attempted++
	if t.attempted%1000 != 0 {
		return
	}
	for m, burst := range map[*map[string]*rate.Limiter]int{&t.accounts: t.accBurst, &t.clients: t.cliBurst} {
		for k, l := range *m {
			if l.TokensAt(now) >= float64(burst) {
				delete(*m, k)
			}
		}
	}
}
