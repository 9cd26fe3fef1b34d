package db_test

import (
	"testing"
	"time"

	"partnerportal/db"
)

// 2026-11-27 is a Friday.
func at(loc *time.Location, day, hour, min int) time.Time {
	return time.Date(2026, 11, day, hour, min, 0, 0, loc)
}

func TestResponseDueCountsBusinessTimeOnly(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		loc      *time.Location
		opened   time.Time
		priority db.TicketPriority
		want     time.Time
	}{
		{"urgent on a Wednesday morning", time.UTC, at(time.UTC, 25, 9, 0), db.TicketPriorityUrgent, at(time.UTC, 25, 13, 0)},
		{"urgent late on Friday runs into Monday", time.UTC, at(time.UTC, 27, 22, 0), db.TicketPriorityUrgent, at(time.UTC, 30, 2, 0)},
		{"urgent ending at Friday's midnight", time.UTC, at(time.UTC, 27, 20, 0), db.TicketPriorityUrgent, at(time.UTC, 28, 0, 0)},
		{"high on a Friday afternoon is due on Monday", time.UTC, at(time.UTC, 27, 15, 0), db.TicketPriorityHigh, at(time.UTC, 30, 15, 0)},
		{"high at the weekend starts on Monday", time.UTC, at(time.UTC, 28, 10, 30), db.TicketPriorityHigh, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)},
		{"normal on a Thursday skips the weekend", time.UTC, at(time.UTC, 26, 9, 0), db.TicketPriorityNormal, at(time.UTC, 30, 9, 0)},
		{"low is five business days: a week", time.UTC, at(time.UTC, 25, 9, 0), db.TicketPriorityLow, time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)},
		{"an unknown priority counts as normal", time.UTC, at(time.UTC, 25, 9, 0), db.TicketPriority("x"), at(time.UTC, 27, 9, 0)},
		{"the portal's zone decides the weekend", berlin, time.Date(2026, 11, 27, 23, 30, 0, 0, time.UTC), db.TicketPriorityUrgent,
			time.Date(2026, 11, 30, 4, 0, 0, 0, berlin)},
		{"across a change of clocks", berlin, time.Date(2026, 3, 27, 12, 0, 0, 0, berlin), db.TicketPriorityHigh,
			time.Date(2026, 3, 30, 12, 0, 0, 0, berlin)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := db.ResponseDue(tt.opened, tt.priority, tt.loc)
			if !got.Equal(tt.want) {
				t.Errorf("db.ResponseDue(%s, %s) = %s, want %s", tt.opened, tt.priority, got.In(tt.loc), tt.want.In(tt.loc))
			}
			if back := db.BusinessBetween(tt.opened, got, tt.loc); tt.priority.Valid() && back != db.FirstResponseWithin[tt.priority] {
				t.Errorf("db.BusinessBetween(opened, due) = %s, want %s", back, db.FirstResponseWithin[tt.priority])
			}
		})
	}
}
