package db

import "time"

// A ticket's first-response target runs in business time: weekdays, Monday to Friday, all day,
// in the portal's time zone; the clock stands still at weekends. A high-priority ticket opened
// on Friday at 15:00 is due on Monday at 15:00.

// FirstResponseWithin is each priority's first-response target, in business time.
var FirstResponseWithin = map[TicketPriority]time.Duration{
	TicketPriorityUrgent: 4 * time.Hour,
	TicketPriorityHigh:   24 * time.Hour,
	TicketPriorityNormal: 2 * 24 * time.Hour,
	TicketPriorityLow:    5 * 24 * time.Hour,
}

// ResponseDue is when a ticket opened at opened with priority p is due its first answer; an
// unknown priority counts as normal.
func ResponseDue(opened time.Time, p TicketPriority, loc *time.Location) time.Time {
	d, ok := FirstResponseWithin[p]
	if !ok {
		d = FirstResponseWithin[TicketPriorityNormal]
	}
	return AddBusiness(opened, d, loc)
}

// AddBusiness is t plus d of business time.
func AddBusiness(t time.Time, d time.Duration, loc *time.Location) time.Time {
	t = t.In(loc)
	for {
		end := nextMidnight(t)
		if weekend(t) {
			t = end
			continue
		}
		if left := end.Sub(t); d <= left {
			return t.Add(d)
		}
		d -= end.Sub(t)
		t = end
	}
}

// BusinessBetween is the business time from a to b; zero when b is not after a.
func BusinessBetween(a, b time.Time, loc *time.Location) time.Duration {
	var sum time.Duration
	for a = a.In(loc); a.Before(b); {
		end := nextMidnight(a)
		if end.After(b) {
			end = b
		}
		if !weekend(a) {
			sum += end.Sub(a)
		}
		a = end
	}
	return sum
}

func weekend(t time.Time) bool { return t.Weekday() == time.Saturday || t.Weekday() == time.Sunday }

// nextMidnight is the start of the day after t's, in t's zone (days of 23 or 25 hours too).
func nextMidnight(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, t.Location())
}
