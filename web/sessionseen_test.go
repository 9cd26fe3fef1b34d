package web

import (
	"testing"
	"time"
)

// TestSeenSessionsAsksEveryFewMinutes: a session is noted when first seen, then not again
// until seenEvery has passed; a save counts as a note; an ended session is forgotten; old
// entries leave the memory.
func TestSeenSessionsAsksEveryFewMinutes(t *testing.T) {
	t.Parallel()
	s := newSeenSessions()
	t0 := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	steps := []struct {
		name  string
		token string
		at    time.Duration
		want  bool
	}{
		{"first sight", "a", 0, true},
		{"a minute later", "a", time.Minute, false},
		{"just before 5 minutes", "a", seenEvery - time.Second, false},
		{"5 minutes later", "a", seenEvery, true},
		{"another session", "b", seenEvery, true},
		{"the clock went back", "a", 0, true},
	}
	for _, st := range steps {
		if got := s.due(st.token, t0.Add(st.at)); got != st.want {
			t.Errorf("%s: due %v, want %v", st.name, got, st.want)
		}
	}
	s.saw("c", t0)
	if s.due("c", t0.Add(time.Minute)) {
		t.Error("a session saved a minute ago is due")
	}
	s.forget("c")
	if !s.due("c", t0.Add(2*time.Minute)) {
		t.Error("a forgotten session is not due")
	}
	s.due("d", t0.Add(time.Hour)) // sweeps: every other entry is older than seenEvery
	if len(s.at) != 1 {
		t.Errorf("%d sessions remembered after an hour, want 1", len(s.at))
	}
}
