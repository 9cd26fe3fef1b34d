package support

import (
	"fmt"
	"time"

	"partnerportal/db"
	"partnerportal/views"
)

// StatusBadge is a ticket's status for its reader, in the warning tone when it waits on them.
func StatusBadge(s db.TicketStatus, staff bool) views.Badge {
	b := views.Badge{Tone: "scheduled", Icon: "●", Label: StatusLabel(s, staff)}
	switch {
	case s == db.TicketStatusResolved:
		b.Tone, b.Icon = "active", "✓"
	case s == db.TicketStatusClosed:
		b.Tone, b.Icon = "inactive", "■"
	case s.Waiting() == staff:
		// waiting on the reader: staff for an open ticket, the partner for one waiting on them
		b.Tone, b.Icon = "grace", "◷"
	}
	return b
}

// PriorityBadge is a ticket's priority.
func PriorityBadge(p db.TicketPriority) views.Badge {
	b := views.Badge{Tone: "none", Icon: "•", Label: p.Label() + " priority"}
	switch p {
	case db.TicketPriorityUrgent:
		b.Tone, b.Icon = "readonly", "‼"
	case db.TicketPriorityHigh:
		b.Tone, b.Icon = "grace", "!"
	case db.TicketPriorityLow:
		b.Icon = "↓"
	}
	return b
}

// PriorityOptions are the priorities a new ticket may have, each with its first-response
// target.
func PriorityOptions() []views.Option {
	var out []views.Option
	for _, p := range []db.TicketPriority{db.TicketPriorityLow, db.TicketPriorityNormal, db.TicketPriorityHigh, db.TicketPriorityUrgent} {
		out = append(out, views.Option{Value: string(p), Label: p.Label() + " — " + TargetWords(p)})
	}
	return out
}

// TargetWords is a priority's first-response target in words: "4 business hours", "1 business
// day".
func TargetWords(p db.TicketPriority) string {
	d := db.FirstResponseWithin[p]
	if d%(24*time.Hour) != 0 {
		return fmt.Sprintf("%d business hours", int(d/time.Hour))
	}
	days := int(d / (24 * time.Hour))
	if days == 1 {
		return "1 business day"
	}
	return fmt.Sprintf("%d business days", days)
}
