package clock

import (
	"testing"
	"time"
)

func TestParseOffset(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    time.Duration
		wantErr bool
	}{
		{"empty means none", "", 0, false},
		{"days forward", "+100d", 100 * 24 * time.Hour, false},
		{"days without sign", "3d", 3 * 24 * time.Hour, false},
		{"days back", "-2d", -2 * 24 * time.Hour, false},
		{"hours", "36h", 36 * time.Hour, false},
		{"minutes back", "-90m", -90 * time.Minute, false},
		{"fractional days refused", "1.5d", 0, true},
		{"words refused", "soon", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseOffset(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParseOffset(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("ParseOffset(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestManualClock(t *testing.T) {
	start := time.Date(2026, 1, 31, 12, 0, 0, 0, time.UTC)
	c := NewManual(start)
	c.Advance(48 * time.Hour)
	if got, want := c.Now(), start.Add(48*time.Hour); !got.Equal(want) {
		t.Errorf("after Advance: Now() = %v, want %v", got, want)
	}
}

func TestTodayFollowsTheTimeZone(t *testing.T) {
	// 23:30 UTC on the 25th is already the 26th in Berlin.
	c := NewManual(time.Date(2026, 11, 25, 23, 30, 0, 0, time.UTC))
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := Today(c, time.UTC), time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("Today in UTC = %v, want %v", got, want)
	}
	if got, want := Today(c, berlin), time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("Today in Berlin = %v, want %v", got, want)
	}
}
