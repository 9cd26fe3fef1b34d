package ui

import (
	"fmt"
	"strings"
	"time"

	"partnerportal/db"
	"partnerportal/views"
)

// StateFacts are the figures a state's sentences quote. A nil date or figure is left out.
type StateFacts struct {
	ValidFrom, ValidUntil *time.Time
	// ExpiredFrom is the first day of 'expired': valid_until + grace days + 1.
	ExpiredFrom *time.Time
	// DaysLeft counts today, while the term runs; GraceDaysLeft counts today, while the time
	// grace after the term runs (0 while still in term).
	DaysLeft, GraceDaysLeft int32
	// MessagesLeft and DevicesLeft are what is left of the cap allowance (nil: not metered).
	MessagesLeft, DevicesLeft *int64
}

// stateWords is everything the portal says of one state, for each place that says it.
type stateWords struct {
	tone, icon, label string
	// service is My Services' line (SPEC §4, "shown on My Services as").
	service func(StateFacts) string
	// staff is the line of the account manager's service panel.
	staff func(StateFacts) string
	// plan is the line of a product's plan on the product's page.
	plan func(StateFacts) string
	// meter is what usage reports meet in the DevLab console.
	meter func(StateFacts) string
}

// words holds every state's words. Keeping them in one table, with a test that every state of
// the database enum has each of them, means a new state cannot reach a page unworded.
var words = map[db.ServiceState]stateWords{
	db.ServiceStateActive: {
		tone: "active", icon: "✓", label: "Active",
		service: func(f StateFacts) string {
			return fmt.Sprintf("Active until %s (%d day%s left)", dateOr(f.ValidUntil, "the end of its term"), f.DaysLeft, Plural(int64(f.DaysLeft)))
		},
		staff: func(f StateFacts) string { return "Active until " + dateOr(f.ValidUntil, "the end of its term") + "." },
		plan: func(f StateFacts) string {
			if f.ValidUntil == nil {
				return "Active."
			}
			return "Active until " + LongDate(*f.ValidUntil) + "."
		},
		meter: func(StateFacts) string { return "Active: test messages are counted against the quota." },
	},
	db.ServiceStateGrace: {
		tone: "grace", icon: "◔", label: "Grace",
		service: func(f StateFacts) string {
			var parts []string
			if f.GraceDaysLeft > 0 {
				parts = append(parts, fmt.Sprintf("%d day%s", f.GraceDaysLeft, Plural(int64(f.GraceDaysLeft))))
			}
			if f.MessagesLeft != nil {
				parts = append(parts, Count(*f.MessagesLeft)+" message"+Plural(*f.MessagesLeft))
			}
			if f.DevicesLeft != nil {
				parts = append(parts, Count(*f.DevicesLeft)+" device"+Plural(*f.DevicesLeft))
			}
			return "Over plan — cap allowance: " + strings.Join(parts, " / ") + " left"
		},
		staff: func(f StateFacts) string {
			return "In grace — over its plan, usable within the cap allowance; read-only from " + dateOr(f.ExpiredFrom, "the end of its grace") + " at the latest."
		},
		plan: func(StateFacts) string {
			return "Over plan, within the cap allowance: you can still work, but renew soon."
		},
		meter: func(f StateFacts) string {
			if f.MessagesLeft != nil {
				return fmt.Sprintf("In grace: %s message%s left in the cap allowance.", Count(*f.MessagesLeft), Plural(*f.MessagesLeft))
			}
			return "In grace: usable within the cap allowance."
		},
	},
	db.ServiceStateExpired: {
		tone: "readonly", icon: "⊘", label: "Expired",
		service: func(f StateFacts) string {
			return "Expired on " + dateOr(f.ExpiredFrom, "the end of its grace") + " — read-only"
		},
		staff: func(f StateFacts) string {
			return "Expired — read-only for the partner since " + dateOr(f.ExpiredFrom, "the end of its grace") + "."
		},
		plan: func(f StateFacts) string {
			if f.ExpiredFrom == nil {
				return "Expired — read-only."
			}
			return "Expired on " + LongDate(*f.ExpiredFrom) + " — read-only."
		},
		meter: func(StateFacts) string { return "Expired: reports are refused until the plan is renewed." },
	},
	db.ServiceStateExhausted: {
		tone: "readonly", icon: "⊘", label: "Quota used up",
		service: func(StateFacts) string { return "Quota used up — read-only" },
		staff:   func(StateFacts) string { return "Quota used up — read-only for the partner." },
		plan:    func(StateFacts) string { return "Quota used up — read-only." },
		meter: func(StateFacts) string {
			return "Quota used up, cap allowance included: reports are refused until the plan is renewed."
		},
	},
	db.ServiceStateInactive: {
		tone: "inactive", icon: "○", label: "Inactive",
		service: func(StateFacts) string { return "Inactive — renew to use" },
		staff: func(StateFacts) string {
			return "Inactive — hidden from the partner until it is activated or renewed."
		},
		plan:  func(StateFacts) string { return "Inactive." },
		meter: func(StateFacts) string { return "Inactive: reports are refused." },
	},
	db.ServiceStateScheduled: {
		tone: "scheduled", icon: "◷", label: "Scheduled",
		service: func(f StateFacts) string { return "Starts on " + dateOr(f.ValidFrom, "a later day") },
		staff: func(f StateFacts) string {
			return "Scheduled — starts on " + dateOr(f.ValidFrom, "a later day") + "."
		},
		plan:  func(StateFacts) string { return "Scheduled." },
		meter: func(StateFacts) string { return "Scheduled: reports are refused." },
	},
	db.ServiceStateNone: {
		tone: "none", icon: "–", label: "Not subscribed",
		service: func(StateFacts) string { return "Not subscribed — ask your account manager" },
		staff:   func(StateFacts) string { return "No term yet." },
		plan:    func(StateFacts) string { return "Not subscribed." },
		meter:   func(StateFacts) string { return "Not subscribed: reports are refused." },
	},
}

// wordsOf is the words of s; a value this code does not know reads as no service, so a page
// never shows a raw key.
func wordsOf(s db.ServiceState) stateWords {
	if w, ok := words[s]; ok {
		return w
	}
	return words[db.ServiceStateNone]
}

func dateOr(t *time.Time, otherwise string) string {
	if t == nil {
		return otherwise
	}
	return LongDate(*t)
}

// StateLabel is the state's name on badges and in sentences: "Quota used up".
func StateLabel(s db.ServiceState) string { return wordsOf(s).label }

// StateBadge is a state as icon and word; read-only states say so.
func StateBadge(s db.ServiceState) views.Badge {
	w := wordsOf(s)
	label := w.label
	if s.ReadOnly() {
		label += " · read-only"
	}
	return views.Badge{Tone: w.tone, Icon: w.icon, Label: label}
}

// ServiceSummary is My Services' line for a service in state s.
func ServiceSummary(s db.ServiceState, f StateFacts) string { return wordsOf(s).service(f) }

// StaffSummary is the account manager's line for a service in state s.
func StaffSummary(s db.ServiceState, f StateFacts) string { return wordsOf(s).staff(f) }

// PlanLine is the line of a product's plan in state s.
func PlanLine(s db.ServiceState, f StateFacts) string { return wordsOf(s).plan(f) }

// MeterLine says what usage reports meet while the plan is in state s.
func MeterLine(s db.ServiceState, f StateFacts) string { return wordsOf(s).meter(f) }
