package auth

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestDeviceCookies(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	loads := 0
	d := NewDevices(func(context.Context) ([]byte, error) { loads++; return []byte("0123456789abcdef0123456789abcdef"), nil })
	other := NewDevices(func(context.Context) ([]byte, error) { return []byte("another key of 32 bytes or more!"), nil })
	cookie, err := d.Issue(ctx, "Owner@Example.com", now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	forged, _ := other.Issue(ctx, "owner@example.com", now.Add(time.Hour))
	for _, tt := range []struct {
		name, value, email string
		at                 time.Time
		known              bool
	}{
		{"its account", cookie, "owner@example.com", now, true},
		{"its account, typed otherwise", cookie, " OWNER@example.com", now, true},
		{"another account", cookie, "someone@example.com", now, false},
		{"expired", cookie, "owner@example.com", now.Add(time.Hour), false},
		{"made with another key", forged, "owner@example.com", now, false},
		{"edited expiry", cookie[:len(cookie)-50] + "9" + cookie[len(cookie)-49:], "owner@example.com", now, false},
		{"not a cookie of ours", "x", "owner@example.com", now, false},
		{"empty", "", "owner@example.com", now, false},
	} {
		id, err := d.Check(ctx, tt.value, tt.email, tt.at)
		if err != nil || (id != "") != tt.known {
			t.Errorf("%s: id %q, err %v; want known=%v", tt.name, id, err, tt.known)
		}
	}
	if loads != 1 {
		t.Errorf("the key was loaded %d times, want once", loads)
	}
	failing := NewDevices(func(context.Context) ([]byte, error) { return nil, errors.New("database down") })
	if _, err := failing.Check(ctx, cookie, "owner@example.com", now); err == nil {
		t.Error("a key that cannot be loaded: no error")
	}
}
