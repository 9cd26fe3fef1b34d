package auth

import (
	"testing"
	"time"
)

func TestHasher(t *testing.T) {
	h := NewHasher()
	enc := h.Hash("correct horse")
	if !h.Check(enc, "correct horse") {
		t.Error("Check with the right password = false, want true")
	}
	if h.Check(enc, "wrong horse") {
		t.Error("Check with a wrong password = true, want false")
	}
	if h.Check("", "correct horse") {
		t.Error("Check for a missing account = true, want false")
	}
	if h.Check("$bcrypt$nonsense", "x") {
		t.Error("Check against a malformed hash = true, want false")
	}
	if other := h.Hash("correct horse"); other == enc {
		t.Error("two hashes of the same password are equal; want distinct salts")
	}
	if got := h.Checks(); got != 4 {
		t.Errorf("Checks() = %d, want 4", got)
	}
}

func TestThrottle(t *testing.T) {
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	th := NewThrottle(5, 30*time.Second)
	allowed := 0
	for range 1000 {
		if ok, _ := th.Allow("a@example.com", "10.0.0.1", now); ok {
			allowed++
		}
	}
	if allowed != 5 {
		t.Errorf("burst of 1000 on one account: %d allowed, want 5", allowed)
	}
	// Another account from the same address shares the address's bucket.
	if ok, wait := th.Allow("b@example.com", "10.0.0.1", now); ok || wait <= 0 {
		t.Errorf("other account, same address: allowed=%v wait=%v, want refused with a wait", ok, wait)
	}
	// The same account from another address is still limited by the account bucket.
	if ok, _ := th.Allow("A@example.com ", "10.0.0.2", now); ok {
		t.Error("same account (other case), other address: allowed, want refused")
	}
	// A fresh pair is unaffected.
	if ok, _ := th.Allow("c@example.com", "10.0.0.3", now); !ok {
		t.Error("unrelated account and address: refused, want allowed")
	}
	// After the refill interval one more attempt is allowed, and only one.
	later := now.Add(30 * time.Second)
	if ok, _ := th.Allow("a@example.com", "10.0.0.1", later); !ok {
		t.Error("after 30s: refused, want one attempt allowed")
	}
	if ok, _ := th.Allow("a@example.com", "10.0.0.1", later); ok {
		t.Error("second attempt after 30s: allowed, want refused")
	}
}
