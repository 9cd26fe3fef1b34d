package support

import (
	"testing"
	"time"

	"partnerportal/db"
)

// 2026-11-27 is a Friday.
func at(loc *time.Location, day, hour, min int) time.Time {
	return time.Date(2026, 11, day, hour, min, 0, 0, loc)
}

func TestTargetSaysWhereATicketStands(t *testing.T) {
	opened := at(time.UTC, 27, 22, 0) // Friday night: due on Monday at 02:00
	due := db.ResponseDue(opened, db.TicketPriorityUrgent, time.UTC)
	answeredSoon, answeredLate := at(time.UTC, 27, 23, 30), at(time.UTC, 30, 9, 0)
	tests := []struct {
		name     string
		now      time.Time
		answered *time.Time
		status   db.TicketStatus
		want     string
	}{
		{"time left, weekend not counted", at(time.UTC, 29, 12, 0), nil, db.TicketStatusOpen, "2 h left"},
		{"overdue in business time", at(time.UTC, 30, 9, 0), nil, db.TicketStatusWaitingOnUs, "Overdue by 7 h"},
		{"answered in time", answeredLate, &answeredSoon, db.TicketStatusWaitingOnPartner, "Answered in 1 h 30 min"},
		{"answered late", answeredLate, &answeredLate, db.TicketStatusWaitingOnPartner, "Answered in 11 h, after the target"},
		{"resolved by the partner unanswered", answeredLate, nil, db.TicketStatusResolved, "No answer needed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Target(tt.now, due, tt.answered, opened, tt.status, time.UTC).Label; got != tt.want {
				t.Errorf("Target = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		30 * time.Second: "less than a minute", 5 * time.Minute: "5 min", 3*time.Hour + 20*time.Minute: "3 h 20 min",
		4 * time.Hour: "4 h", 51 * time.Hour: "2 d 3 h", 48 * time.Hour: "2 d",
	} {
		if got := Duration(d); got != want {
			t.Errorf("Duration(%s) = %q, want %q", d, got, want)
		}
	}
}
