package support

import (
	"fmt"
	"time"

	"partnerportal/db"
	"partnerportal/views"
)

// Target says where a ticket stands against its first-response target at now: answered (in
// time or late), time left, or overdue; nothing for a ticket closed or resolved unanswered.
func Target(now, due time.Time, answered *time.Time, opened time.Time, status db.TicketStatus, loc *time.Location) views.Badge {
	switch {
	case answered != nil:
		took := "Answered at once"
		if d := db.BusinessBetween(opened, *answered, loc); d >= time.Minute {
			took = "Answered in " + Duration(d)
		}
		if answered.After(due) {
			return views.Badge{Tone: "grace", Icon: "✓", Label: took + ", after the target"}
		}
		return views.Badge{Tone: "active", Icon: "✓", Label: took}
	case !status.Waiting():
		return views.Badge{Tone: "none", Icon: "–", Label: "No answer needed"}
	case now.Before(due):
		return views.Badge{Tone: "scheduled", Icon: "◷", Label: Duration(db.BusinessBetween(now, due, loc)) + " left"}
	}
	return views.Badge{Tone: "readonly", Icon: "!", Label: "Overdue by " + Duration(db.BusinessBetween(due, now, loc))}
}

// Duration writes business time the way the inbox reads it: "2 d 3 h", "3 h 20 min", "5 min"
// (a day being 24 hours of it).
func Duration(d time.Duration) string {
	d = d.Truncate(time.Minute)
	days, hours, mins := int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour), int(d%time.Hour/time.Minute)
	switch {
	case days > 0 && hours > 0:
		return fmt.Sprintf("%d d %d h", days, hours)
	case days > 0:
		return fmt.Sprintf("%d d", days)
	case hours > 0 && mins > 0:
		return fmt.Sprintf("%d h %d min", hours, mins)
	case hours > 0:
		return fmt.Sprintf("%d h", hours)
	case mins > 0:
		return fmt.Sprintf("%d min", mins)
	}
	return "less than a minute"
}
