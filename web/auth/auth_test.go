package auth

import "testing"

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
