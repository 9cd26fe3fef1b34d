// Package auth holds what sign-in needs besides the database: password hashing and the
// throttle that keeps password guessing slow.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"

	"golang.org/x/crypto/argon2"
)

// Argon2id parameters: the OWASP minimum of 19 MiB and two passes keeps a sign-in under
// ~50 ms on a small server while making offline guessing expensive.
const (
	argonTime    = 2
	argonMemory  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
	saltLen      = 16
)

// ErrMalformedHash reports a stored hash this package did not write.
var ErrMalformedHash = errors.New("malformed password hash")

// Hasher hashes and checks passwords with argon2id. It counts checks so tests can show that
// throttled attempts never reach the expensive comparison.
type Hasher struct {
	checks atomic.Int64
	// dummy is compared against when the account does not exist, so an unknown e-mail takes as
	// long as a wrong password.
	dummy string
}

// NewHasher returns a ready Hasher.
func NewHasher() *Hasher {
	h := &Hasher{}
	h.dummy = h.Hash("not a real password, only here to spend the same time")
	return h
}

// Hash returns the PHC-style encoding of password with a fresh random salt.
func (h *Hasher) Hash(password string) string {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		panic(fmt.Sprintf("read random salt: %v", err))
	}
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key))
}

// Check reports whether password matches encoded. An empty encoded (no such account) is
// compared against a dummy hash and always fails.
func (h *Hasher) Check(encoded, password string) bool {
	h.checks.Add(1)
	if encoded == "" {
		encoded = h.dummy
		password = "\x00" + password
	}
	ok, err := verify(encoded, password)
	return err == nil && ok
}

// Checks returns how many passwords have been checked.
func (h *Hasher) Checks() int64 { return h.checks.Load() }

func verify(encoded, password string) (bool, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, ErrMalformedHash
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, ErrMalformedHash
	}
	var memory, passes uint32
	var threads uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &memory, &passes, &threads); err != nil {
		return false, ErrMalformedHash
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[4])
	if err != nil {
		return false, ErrMalformedHash
	}
	want, err := base64.RawStdEncoding.DecodeString(parts[5])
	if err != nil {
		return false, ErrMalformedHash
	}
	got := argon2.IDKey([]byte(password), salt, passes, memory, threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}
