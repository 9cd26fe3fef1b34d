package api

import (
	"sync"
	"time"

	"golang.org/x/time/rate"

	"partnerportal/web/clock"
)

// KeyLimiter is a token bucket per API key, in memory, timed by the portal's clock. Each
// server keeps its own buckets: with several servers a key gets their sum, which is a limit
// against runaway clients, not a quota (quotas are counted in the database).
type KeyLimiter struct {
	clock clock.Clock
	limit rate.Limit
	burst int

	mu      sync.Mutex
	buckets map[int64]*rate.Limiter
}

func NewKeyLimiter(clk clock.Clock, perSecond float64, burst int) *KeyLimiter {
	return &KeyLimiter{clock: clk, limit: rate.Limit(perSecond), burst: burst, buckets: map[int64]*rate.Limiter{}}
}

// wait takes a token for key and returns 0, or, when none is left, how long until one is.
func (l *KeyLimiter) wait(key int64) time.Duration {
	l.mu.Lock()
	b := l.buckets[key]
	if b == nil {
		b = rate.NewLimiter(l.limit, l.burst)
		l.buckets[key] = b
	}
	l.mu.Unlock()
	now := l.clock.Now()
	r := b.ReserveN(now, 1)
	if !r.OK() {
		return time.Second
	}
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return d
	}
	return 0
}
