package ui

import (
	"fmt"
	"strings"

	"partnerportal/db"
	"partnerportal/views"
)

// How close a term's end must be before pages warn of it, and before they warn strongly.
const (
	SoonDays   = 30
	UrgentDays = 7
)

// AttentionRank orders services by what needs the partner first: read-only (expired, then
// exhausted), grace, a term ending within SoonDays (the nearest end first), then the rest;
// scheduled and inactive, which the partner cannot act on, come last. Lower ranks first.
func AttentionRank(s db.ServiceState, daysLeft int32) int {
	switch s {
	case db.ServiceStateExpired:
		return 0
	case db.ServiceStateExhausted:
		return 1
	case db.ServiceStateGrace:
		return 2
	case db.ServiceStateActive:
		if daysLeft <= SoonDays {
			return 100 + int(daysLeft)
		}
		return 200
	case db.ServiceStateScheduled:
		return 300
	}
	return 400
}

// EndsIn is the warning of a usable term that ends soon: "Ends in 4 days" with its strength
// ("urgent" from UrgentDays, "soon" from SoonDays); empty when the end is further away or the
// service cannot be used.
func EndsIn(s db.ServiceState, daysLeft int32) (text, level string) {
	if !s.CanUse() || daysLeft <= 0 || daysLeft > SoonDays {
		return "", ""
	}
	level = "soon"
	if daysLeft <= UrgentDays {
		level = "urgent"
	}
	if daysLeft == 1 {
		return "Ends today", level
	}
	return fmt.Sprintf("Ends in %d days", daysLeft), level
}

// UsedUp says what an exhausted plan has used up and what would lift it. What lifts it is
// said here only, so a new way (a top-up) is added in one place.
func UsedUp(messagesLeft, devicesLeft *int64) string {
	var gone []string
	if messagesLeft != nil && *messagesLeft <= 0 {
		gone = append(gone, "messages")
	}
	if devicesLeft != nil && *devicesLeft <= 0 {
		gone = append(gone, "devices")
	}
	what := "its quota"
	if len(gone) > 0 {
		what = "its " + strings.Join(gone, " and ") + ", cap allowance included"
	}
	return "This plan has used up " + what + ". " + LiftsReadOnly
}

// LiftsReadOnly is what makes an exhausted plan usable again, said in this one place.
const LiftsReadOnly = "A renewal starts a new term with its usage at 0; while the term lasts, a top-up raises its quota at once. Request either below."

// NavMark marks an area in the navigation that needs attention: read-only or in grace, with
// an icon and words for screen readers; nil otherwise.
func NavMark(s db.ServiceState) *views.Badge {
	switch {
	case s.ReadOnly():
		return &views.Badge{Tone: "readonly", Icon: "⊘", Label: "read-only"}
	case s == db.ServiceStateGrace:
		return &views.Badge{Tone: "grace", Icon: "◔", Label: "in grace"}
	}
	return nil
}
