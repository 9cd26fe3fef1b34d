package auth

import (
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Throttle limits sign-in attempts so that guessing a password is slow, without letting
// anyone keep the owner out (OWASP's device cookies). An attempt from a browser that signed in
// to the account before — it carries a device cookie for it (Devices) — draws on a budget of
// its own, which no one else's guesses touch. Any other attempt must have a token in two
// buckets: the account's (shared by every browser it has not signed in from) and the client
// address's (so one client cannot spread guesses over many accounts). A successful sign-in
// gives its tokens back, so only failures count. Concurrent guesses each take a token before
// their check, so a burst of any size gets at most the bucket size of checks.
type Throttle struct {
	mu        sync.Mutex
	accounts  map[string]*rate.Limiter
	clients   map[string]*rate.Limiter
	devices   map[string]*rate.Limiter
	accBurst  int
	cliBurst  int
	every     time.Duration
	attempted int
}

// Attempt is a granted sign-in attempt.
type Attempt struct {
	t     *Throttle
	at    time.Time
	taken []*rate.Reservation
}

// NewThrottle allows accountBurst failed attempts per account (and as many per device) and
// clientBurst per client address, then one more per bucket every `every`.
func NewThrottle(accountBurst, clientBurst int, every time.Duration) *Throttle {
	return &Throttle{
		accounts: make(map[string]*rate.Limiter),
		clients:  make(map[string]*rate.Limiter),
		devices:  make(map[string]*rate.Limiter),
		accBurst: accountBurst,
		cliBurst: clientBurst,
		every:    every,
	}
}

// Allow asks whether a sign-in attempt for email from client may be checked at now. device is
// the id of the browser's device cookie when it was issued for this email (Devices.Check), ""
// otherwise. When the attempt may not go on, Allow says how long until it may.
func (t *Throttle) Allow(email, client, device string, now time.Time) (*Attempt, time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.sweep(now)
	var buckets []*rate.Limiter
	if device != "" {
		buckets = []*rate.Limiter{t.limiter(t.devices, device, t.accBurst)}
	} else {
		buckets = []*rate.Limiter{t.limiter(t.accounts, strings.ToLower(strings.TrimSpace(email)), t.accBurst),
			t.limiter(t.clients, client, t.cliBurst)}
	}
	a := &Attempt{t: t, at: now}
	var wait time.Duration
	for _, b := range buckets {
		r := b.ReserveN(now, 1)
		a.taken = append(a.taken, r)
		wait = max(wait, r.DelayFrom(now))
	}
	if wait > 0 {
		// a refused attempt must not lengthen the wait
		a.refund()
		return nil, wait
	}
	return a, 0
}

// Succeeded gives the attempt's tokens back: signing in with the right password never counts
// against the account, the device or the address.
func (a *Attempt) Succeeded() {
	a.t.mu.Lock()
	defer a.t.mu.Unlock()
	a.refund()
}

func (a *Attempt) refund() {
	for _, r := range a.taken {
		r.CancelAt(a.at)
	}
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
	for m, burst := range map[*map[string]*rate.Limiter]int{&t.accounts: t.accBurst, &t.clients: t.cliBurst, &t.devices: t.accBurst} {
		for k, l := range *m {
			if l.TokensAt(now) >= float64(burst) {
				delete(*m, k)
			}
		}
	}
}
