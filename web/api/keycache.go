package api

import (
	"sync"
	"time"

	"partnerportal/web/clock"
)

// KeyCache remembers authenticated API keys for a minute, by the hash of their secret, so a
// usage report needs no round trip to authenticate. It serves only the usage routes, whose
// one statement checks again that the key is not revoked (record_usage raises, and the key is
// forgotten): revoking a key takes effect at once all the same. Only keys the database
// accepted are remembered, so its size is bounded by the keys that exist.
type KeyCache struct {
	clock clock.Clock
	ttl   time.Duration

	mu   sync.Mutex
	keys map[[32]byte]cachedKey
}

type cachedKey struct {
	key   APIKey
	until time.Time
}

func NewKeyCache(clk clock.Clock, ttl time.Duration) *KeyCache {
	return &KeyCache{clock: clk, ttl: ttl, keys: map[[32]byte]cachedKey{}}
}

func (kc *KeyCache) get(hash [32]byte) (APIKey, bool) {
	kc.mu.Lock()
	defer kc.mu.Unlock()
	c, ok := kc.keys[hash]
	if !ok || kc.clock.Now().After(c.until) {
		delete(kc.keys, hash)
		return APIKey{}, false
	}
	return c.key, true
}

func (kc *KeyCache) put(hash [32]byte, key APIKey) {
	kc.mu.Lock()
	defer kc.mu.Unlock()
	kc.keys[hash] = cachedKey{key: key, until: kc.clock.Now().Add(kc.ttl)}
}

func (kc *KeyCache) forget(hash [32]byte) {
	kc.mu.Lock()
	defer kc.mu.Unlock()
	delete(kc.keys, hash)
}
