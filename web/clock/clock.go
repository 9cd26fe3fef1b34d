// Package clock is the application's one source of time. Every rule reads the time from a
// Clock passed in, so a test or a demo can move the portal in time (PORTAL_CLOCK_OFFSET).
package clock

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Clock tells the time the portal lives at.
type Clock interface {
	Now() time.Time
}

// System is the machine's clock, shifted by Offset.
type System struct {
	Offset time.Duration
}

// Now returns the machine's time plus the offset.
func (s System) Now() time.Time { return time.Now().Add(s.Offset) }

// Manual is a clock that tests set and move by hand. Its zero value is not usable; use NewManual.
type Manual struct {
	mu  sync.Mutex
	now time.Time
}

// NewManual returns a clock stopped at t.
func NewManual(t time.Time) *Manual { return &Manual{now: t} }

// Now returns the time the clock was last set to.
func (m *Manual) Now() time.Time {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.now
}

// Set moves the clock to t.
func (m *Manual) Set(t time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.now = t
}

// Advance moves the clock forward by d.
func (m *Manual) Advance(d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.now = m.now.Add(d)
}

// ParseOffset reads an offset such as "+100d", "-2d", "36h" or "-90m". Days are whole
// 24-hour days; anything else is a Go duration.
func ParseOffset(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(strings.TrimPrefix(days, "+"))
		if err != nil {
			return 0, fmt.Errorf("clock offset %q: want a whole number of days such as +100d", s)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(strings.TrimPrefix(s, "+"))
	if err != nil {
		return 0, fmt.Errorf("clock offset %q: want e.g. +100d, -2d or 36h", s)
	}
	return d, nil
}

// Today is the calendar day it is at c in loc, as midnight UTC: the form dates are stored and
// compared in, whatever the portal's time zone.
func Today(c Clock, loc *time.Location) time.Time { return Date(c.Now(), loc) }

// Date is the calendar day of t in loc, as midnight UTC of that day (how PostgreSQL's date
// type reads back).
func Date(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
