package auth

import (
	"strconv"
	"testing"
	"time"
)

func TestThrottle(t *testing.T) {
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	th := NewThrottle(5, 10, 30*time.Second)
	allowed := 0
	for range 1000 {
		if a, _ := th.Allow("a@example.com", "10.0.0.1", "", now); a != nil {
			allowed++
		}
	}
	if allowed != 5 {
		t.Errorf("burst of 1000 on one account: %d allowed, want 5", allowed)
	}
	// The same account from another address is limited by the account's bucket.
	if a, wait := th.Allow("A@example.com ", "10.0.0.2", "", now); a != nil || wait <= 0 {
		t.Errorf("same account (other case), other address: allowed=%v wait=%v, want refused with a wait", a != nil, wait)
	}
	// Other accounts from the first address share what is left of its bucket of 10.
	allowed = 0
	for i := range 100 {
		if a, _ := th.Allow(string(rune('b'+i%20))+"@example.com", "10.0.0.1", "", now); a != nil {
			allowed++
		}
	}
	if allowed != 5 {
		t.Errorf("spray over many accounts from one address: %d allowed, want the 5 left of 10", allowed)
	}
	// A fresh pair is unaffected.
	if a, _ := th.Allow("z@example.com", "10.0.0.3", "", now); a == nil {
		t.Error("unrelated account and address: refused, want allowed")
	}
	// After the refill interval one more attempt is allowed, and only one.
	later := now.Add(30 * time.Second)
	if a, _ := th.Allow("a@example.com", "10.0.0.9", "", later); a == nil {
		t.Error("after 30s: refused, want one attempt allowed")
	}
	if a, _ := th.Allow("a@example.com", "10.0.0.9", "", later); a != nil {
		t.Error("second attempt after 30s: allowed, want refused")
	}
}

func TestSuccessfulSignInsDoNotCount(t *testing.T) {
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	th := NewThrottle(2, 2, time.Hour)
	for i := range 50 {
		a, _ := th.Allow("office@example.com", "192.0.2.1", "", now)
		if a == nil {
			t.Fatalf("sign-in %d from a busy office address refused", i+1)
		}
		a.Succeeded()
	}
}

// TestADeviceHasItsOwnBudget: guesses from browsers that never signed in to the account use up
// its shared budget, and a browser that did sign in (its device id) still gets its own; its
// own wrong guesses are limited in turn, and touch nobody else's.
func TestADeviceHasItsOwnBudget(t *testing.T) {
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	th := NewThrottle(5, 10, 30*time.Second)
	for i := range 1000 {
		th.Allow("owner@example.com", "198.51.100."+itoa(i%250), "", now)
	}
	if a, _ := th.Allow("owner@example.com", "203.0.113.9", "", now); a != nil {
		t.Error("an unknown browser after the spray: allowed, want refused")
	}
	a, _ := th.Allow("owner@example.com", "203.0.113.9", "owners-laptop", now)
	if a == nil {
		t.Fatal("the owner's browser after the spray: refused, want allowed")
	}
	a.Succeeded()
	// one guess every 30 s from elsewhere does not keep the owner's browser out either
	for i := range 20 {
		at := now.Add(time.Duration(i) * 30 * time.Second)
		th.Allow("owner@example.com", "198.51.100.1", "", at)
		if a, _ := th.Allow("owner@example.com", "203.0.113.9", "owners-laptop", at); a == nil {
			t.Fatalf("the owner's browser during a slow attack (%d): refused", i)
		} else {
			a.Succeeded()
		}
	}
	allowed := 0
	for range 1000 {
		if a, _ := th.Allow("owner@example.com", "192.0.2.7", "stolen", now); a != nil {
			allowed++
		}
	}
	if allowed != 5 {
		t.Errorf("1000 guesses with one device cookie: %d allowed, want 5", allowed)
	}
	if a, _ := th.Allow("owner@example.com", "203.0.113.9", "owners-laptop", now); a == nil {
		t.Error("the owner's browser after guesses with another device cookie: refused")
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
