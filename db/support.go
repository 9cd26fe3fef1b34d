package db

import (
	"strconv"
	"time"
)

// Support tickets (migration 00027): their words for people, shared by the partner's pages,
// the staff inbox and the e-mail that tells of them.

// TicketCloseAfter is how long a resolved ticket stays resolved without a reply before it
// closes by itself.
const TicketCloseAfter = 7 * 24 * time.Hour

// Waiting reports whether the ticket waits on staff: open, or waiting on us.
func (s TicketStatus) Waiting() bool {
	return s == TicketStatusOpen || s == TicketStatusWaitingOnUs
}

// StaffLabel is the status as staff read it.
func (s TicketStatus) StaffLabel() string {
	switch s {
	case TicketStatusWaitingOnPartner:
		return "Waiting on partner"
	case TicketStatusWaitingOnUs:
		return "Waiting on us"
	}
	return s.label()
}

// PartnerLabel is the status as the partner reads it.
func (s TicketStatus) PartnerLabel() string {
	switch s {
	case TicketStatusWaitingOnPartner:
		return "Waiting on you"
	case TicketStatusWaitingOnUs:
		return "Waiting on support"
	}
	return s.label()
}

func (s TicketStatus) label() string {
	switch s {
	case TicketStatusResolved:
		return "Resolved"
	case TicketStatusClosed:
		return "Closed"
	}
	return "Open"
}

// Label is the priority as pages show it: "Urgent".
func (p TicketPriority) Label() string {
	if !p.Valid() {
		return "Normal"
	}
	return capitalise(string(p))
}

// TicketTitle names a ticket in the audit trail, notices and e-mail: "Ticket #12 · Gateway
// offline".
func TicketTitle(id int64, subject string) string {
	return "Ticket #" + strconv.FormatInt(id, 10) + " · " + subject
}
