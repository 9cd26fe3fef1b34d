package support

import (
	"testing"
	"time"

	"partnerportal/db"
)

func TestStatusMoves(t *testing.T) {
	opened := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	now := opened.Add(3 * time.Hour)
	ticket := func(s db.TicketStatus) db.SupportTicket {
		t := db.SupportTicket{Status: s, OpenedAt: opened, LastReplyAt: opened}
		switch s {
		case db.TicketStatusOpen, db.TicketStatusWaitingOnUs:
			t.WaitingSince = &opened
		case db.TicketStatusResolved:
			t.ResolvedAt = &opened
		}
		return t
	}
	type want struct {
		status    db.TicketStatus
		waiting   *time.Time
		answered  bool
		resolved  bool
		lastReply time.Time
	}
	tests := []struct {
		name string
		got  db.SupportTicket
		want want
	}{
		{"the partner adds to an open ticket: it keeps waiting since it opened", PartnerReplied(ticket(db.TicketStatusOpen), now),
			want{db.TicketStatusOpen, &opened, false, false, now}},
		{"the partner answers: it waits on us from now", PartnerReplied(ticket(db.TicketStatusWaitingOnPartner), now),
			want{db.TicketStatusWaitingOnUs, &now, false, false, now}},
		{"the partner replies to a resolved ticket: reopened", PartnerReplied(ticket(db.TicketStatusResolved), now),
			want{db.TicketStatusWaitingOnUs, &now, false, false, now}},
		{"staff answer: waiting on the partner, answered", StaffReplied(ticket(db.TicketStatusOpen), db.TicketStatusWaitingOnPartner, now),
			want{db.TicketStatusWaitingOnPartner, nil, true, false, now}},
		{"staff answer but keep it: the wait starts again", StaffReplied(ticket(db.TicketStatusOpen), db.TicketStatusWaitingOnUs, now),
			want{db.TicketStatusWaitingOnUs, &now, true, false, now}},
		{"staff answer and resolve", StaffReplied(ticket(db.TicketStatusWaitingOnUs), db.TicketStatusResolved, now),
			want{db.TicketStatusResolved, nil, true, true, now}},
		{"resolved by the partner without an answer", WithStatus(ticket(db.TicketStatusOpen), db.TicketStatusResolved, now),
			want{db.TicketStatusResolved, nil, false, true, opened}},
		{"reopened by staff", WithStatus(ticket(db.TicketStatusResolved), db.TicketStatusOpen, now),
			want{db.TicketStatusOpen, &now, false, false, opened}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := tt.got
			if g.Status != tt.want.status || !sameTime(g.WaitingSince, tt.want.waiting) || (g.FirstResponseAt != nil) != tt.want.answered ||
				(g.ResolvedAt != nil) != tt.want.resolved || !g.LastReplyAt.Equal(tt.want.lastReply) {
				t.Errorf("got status %s, waiting %v, answered %v, resolved %v, last reply %s; want %+v",
					g.Status, g.WaitingSince, g.FirstResponseAt != nil, g.ResolvedAt != nil, g.LastReplyAt, tt.want)
			}
		})
	}
}

func sameTime(a, b *time.Time) bool { return (a == nil) == (b == nil) && (a == nil || a.Equal(*b)) }
