package support

import (
	"time"

	"partnerportal/db"
)

// How a ticket moves. Each function takes the ticket as locked for the change and returns what
// the change makes of it; Save stores it and records what changed. A ticket waits on staff
// (waiting_since) while it is open or waiting on us, from the moment the partner last needed
// an answer.

// PartnerReplied is t after a reply of the partner's at now: a ticket waiting on the partner,
// or resolved, waits on us again; an open one stays open. (A closed ticket takes no reply.)
func PartnerReplied(t db.SupportTicket, now time.Time) db.SupportTicket {
	t.LastReplyAt = now
	if !t.Status.Waiting() {
		t = WithStatus(t, db.TicketStatusWaitingOnUs, now)
	}
	return t
}

// StaffReplied is t after a reply of staff's at now, leaving it in status: usually waiting on
// the partner; waiting on us means the answer was not the last word, and the wait starts again.
func StaffReplied(t db.SupportTicket, status db.TicketStatus, now time.Time) db.SupportTicket {
	t.LastReplyAt = now
	if t.FirstResponseAt == nil {
		t.FirstResponseAt = &now
	}
	t = WithStatus(t, status, now)
	if t.Status.Waiting() {
		t.WaitingSince = &now
	}
	return t
}

// WithStatus is t set to status at now, with the times that go with it.
func WithStatus(t db.SupportTicket, status db.TicketStatus, now time.Time) db.SupportTicket {
	if t.Status == status {
		return t
	}
	t.Status = status
	switch {
	case !status.Waiting():
		t.WaitingSince = nil
	case t.WaitingSince == nil:
		t.WaitingSince = &now
	}
	t.ResolvedAt, t.ClosedAt = nil, nil
	switch status {
	case db.TicketStatusResolved:
		t.ResolvedAt = &now
	case db.TicketStatusClosed:
		t.ClosedAt = &now
	}
	return t
}

// StaffStatuses are the statuses staff may set, in the order the forms offer them.
var StaffStatuses = []db.TicketStatus{db.TicketStatusWaitingOnPartner, db.TicketStatusWaitingOnUs,
	db.TicketStatusOpen, db.TicketStatusResolved, db.TicketStatusClosed}
