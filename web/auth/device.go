package auth

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Devices issues and checks device cookies: proof that a browser signed in to an account
// before. A cookie is a random id, an expiry and an HMAC of them and the account's address,
// under a key every server shares; it says nothing about the account itself and cannot be
// made without the key, so only a browser that knew the password (or got a password link)
// carries one. The sign-in throttle gives such a browser a budget of its own (Throttle.Allow).
type Devices struct {
	load func(ctx context.Context) ([]byte, error)
	mu   sync.Mutex
	key  []byte
}

// NewDevices checks cookies with the key load returns; it is asked on first use and, once it
// has answered, never again.
func NewDevices(load func(ctx context.Context) ([]byte, error)) *Devices {
	return &Devices{load: load}
}

// Issue returns a new cookie value for a browser that just proved it may use email's account;
// it is good until expires.
func (d *Devices) Issue(ctx context.Context, email string, expires time.Time) (string, error) {
	key, err := d.signingKey(ctx)
	if err != nil {
		return "", err
	}
	id := rand.Text()
	until := strconv.FormatInt(expires.Unix(), 10)
	return id + "." + until + "." + sign(key, email, id, until), nil
}

// Check returns the device id of value when it was issued for email and is still good at now,
// "" otherwise (no cookie, a cookie of another account, an old one, or one not made with the
// key).
func (d *Devices) Check(ctx context.Context, value, email string, now time.Time) (string, error) {
	parts := strings.Split(value, ".")
	if len(parts) != 3 || parts[0] == "" || len(value) > 200 {
		return "", nil
	}
	id, until, mac := parts[0], parts[1], parts[2]
	if exp, err := strconv.ParseInt(until, 10, 64); err != nil || now.Unix() >= exp {
		return "", nil
	}
	key, err := d.signingKey(ctx)
	if err != nil {
		return "", err
	}
	if !hmac.Equal([]byte(mac), []byte(sign(key, email, id, until))) {
		return "", nil
	}
	return id, nil
}

func (d *Devices) signingKey(ctx context.Context) ([]byte, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.key != nil {
		return d.key, nil
	}
	key, err := d.load(ctx)
	if err != nil {
		return nil, err
	}
	d.key = key
	return key, nil
}

// sign is the MAC of a device id and its expiry for an address, compared case-insensitively
// as sign-in does.
func sign(key []byte, email, id, until string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(strings.ToLower(strings.TrimSpace(email)) + "\x00" + id + "\x00" + until))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}
