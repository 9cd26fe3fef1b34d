package seed

import (
	"context"
	"fmt"
	"time"

	"partnerportal/db"
)

// demoStep is one thing that happened to a demo ticket, days and minutes after midnight of
// today (days negative: before): a message (a note when internal, a file with it), a status
// set, or both. by "" is the portal itself.
type demoStep struct {
	day, minute int
	by          string
	body        string
	internal    bool
	file        *demoFile
	status      db.TicketStatus
}

type demoFile struct {
	name, contentType, data string
}

// demoTicket is a ticket of a demo company; its first step opens it.
type demoTicket struct {
	company, subject string
	module           db.ModuleKey // "" for the account
	priority         db.TicketPriority
	assignee         string
	steps            []demoStep
}

const (
	anna = "a@company-a.example"
	amir = "am@example.com"
)

var gatewayLog = "2026-11-24T02:14:07Z sensehub[412]: uplink lte0 lost carrier\n" +
	"2026-11-24T02:14:09Z sensehub[412]: failover to wifi0: no network\n" +
	"2026-11-24T02:19:40Z sensehub[412]: uplink lte0 up (RSSI -97 dBm)\n"

// demoTickets are Company A's tickets, one in each of four statuses (Company C has Support
// and no ticket, to show the empty page): a high-priority one just opened, with a log; one
// waiting on the partner, with a staff note; one resolved two days ago; one the portal closed.
var demoTickets = []demoTicket{
	{"Company A", "Gateway drops off the network every night", db.ModuleKeyHardware, db.TicketPriorityHigh, "", []demoStep{
		{day: -1, minute: 16*60 + 40, by: anna, body: "Our SenseHub gateways lose their LTE uplink around 02:00 every night and only come back after five minutes.\n\n" +
			"The log from one of them is attached. Is there a maintenance window we should know about? Status page we checked: https://status.example.com/lte",
			file: &demoFile{"sensehub-0412.log", "text/plain; charset=utf-8", gatewayLog}},
	}},
	{"Company A", "How do we raise the sandbox message quota?", db.ModuleKeySoftware, db.TicketPriorityNormal, amir, []demoStep{
		{day: -4, minute: 10*60 + 15, by: anna, body: "Our sandbox plan is almost out of messages and we are still testing. How can we get more?"},
		{day: -3, minute: 9*60 + 30, by: amir, body: "Happy to help. How many more messages do you expect to need before the term ends on your sandbox plan?\n\nA one-off top-up is possible within the term.",
			status: db.TicketStatusWaitingOnPartner},
		{day: -3, minute: 9*60 + 35, by: amir, body: "Sandbox at 95 of 100 messages. Propose a top-up of 500 once they answer.", internal: true},
	}},
	{"Company A", "Invoice address for our account", "", db.TicketPriorityLow, amir, []demoStep{
		{day: -6, minute: 14 * 60, by: anna, body: "Please send our invoices to the finance team at Lindenstraße 4 instead of the head office."},
		{day: -5, minute: 11 * 60, by: amir, body: "Done: from the next invoice on, they go to Lindenstraße 4. Could you check the address on your account page?",
			status: db.TicketStatusWaitingOnPartner},
		{day: -2, minute: 9 * 60, by: anna, body: "Checked, it is right now. Thank you!", status: db.TicketStatusWaitingOnUs},
		{day: -2, minute: 10 * 60, by: amir, body: "Great, I am marking this resolved.", status: db.TicketStatusResolved},
	}},
	{"Company A", "ExpressConnect export fails on names with umlauts", db.ModuleKeyExpressconnect, db.TicketPriorityUrgent, amir, []demoStep{
		{day: -20, minute: 9 * 60, by: anna, body: "Exporting the design \"Kühlraum Süd\" as JSON fails with an error. Other designs export fine."},
		{day: -20, minute: 11 * 60, by: amir, body: "Thanks for the report: names with umlauts broke the export. It is fixed; please try again.",
			status: db.TicketStatusWaitingOnPartner},
		{day: -19, minute: 8*60 + 30, by: anna, body: "Works now, thanks.", status: db.TicketStatusWaitingOnUs},
		{day: -19, minute: 9 * 60, by: amir, status: db.TicketStatusResolved},
		{day: -12, minute: 9 * 60, status: db.TicketStatusClosed},
	}},
}

// seedSupport replaces the demo companies' tickets with demoTickets, placed around today.
func seedSupport(ctx context.Context, q *db.Queries, companies, users map[string]int64, today time.Time) error {
	for name, id := range companies {
		if err := q.DeleteDemoSupportTickets(ctx, id); err != nil {
			return fmt.Errorf("reset the tickets of %s: %w", name, err)
		}
	}
	for _, d := range demoTickets {
		if err := seedTicket(ctx, q, companies[d.company], users, d, today); err != nil {
			return fmt.Errorf("ticket %q: %w", d.subject, err)
		}
	}
	return nil
}

func seedTicket(ctx context.Context, q *db.Queries, companyID int64, users map[string]int64, d demoTicket, today time.Time) error {
	at := func(s demoStep) time.Time {
		return today.AddDate(0, 0, s.day).Add(time.Duration(s.minute) * time.Minute)
	}
	opened := at(d.steps[0])
	var module *db.ModuleKey
	if d.module != "" {
		module = &d.module
	}
	id, err := q.CreateSupportTicket(ctx, db.CreateSupportTicketParams{CompanyID: companyID, Module: module, Subject: d.subject,
		Priority: d.priority, OpenedBy: users[d.steps[0].by], Now: opened, ResponseDueAt: db.ResponseDue(opened, d.priority, time.UTC)})
	if err != nil {
		return err
	}
	t := db.UpdateSupportTicketParams{ID: id, Status: db.TicketStatusOpen, WaitingSince: &opened, LastReplyAt: opened, Now: opened}
	if d.assignee != "" {
		a := users[d.assignee]
		t.AssigneeID = &a
		if err := q.CreateSupportEvent(ctx, db.CreateSupportEventParams{TicketID: id, Kind: db.SupportEventKindAssigned,
			ActorID: &a, AssigneeID: &a, Now: opened.Add(time.Minute)}); err != nil {
			return err
		}
	}
	for _, s := range d.steps {
		when, by := at(s), users[s.by]
		var actor *int64
		if s.by != "" {
			actor = &by
		}
		if s.body != "" {
			msg, err := q.CreateSupportMessage(ctx, db.CreateSupportMessageParams{TicketID: id, AuthorID: by, Internal: s.internal, Body: s.body, Now: when})
			if err != nil {
				return err
			}
			if f := s.file; f != nil {
				if err := q.CreateSupportAttachment(ctx, db.CreateSupportAttachmentParams{MessageID: msg, TicketID: id, Filename: f.name,
					ContentType: f.contentType, Size: int32(len(f.data)), Data: []byte(f.data), Now: when}); err != nil {
					return err
				}
			}
			if !s.internal {
				t.LastReplyAt = when
				if s.by != anna && t.FirstResponseAt == nil {
					t.FirstResponseAt = &when
				}
			}
		}
		if s.status != "" {
			t.Status, t.WaitingSince, t.ResolvedAt, t.ClosedAt = s.status, nil, nil, nil
			switch s.status {
			case db.TicketStatusOpen, db.TicketStatusWaitingOnUs:
				t.WaitingSince = &when
			case db.TicketStatusResolved:
				t.ResolvedAt = &when
			case db.TicketStatusClosed:
				t.ClosedAt = &when
			}
			if err := q.CreateSupportEvent(ctx, db.CreateSupportEventParams{TicketID: id, Kind: db.SupportEventKindStatus,
				ActorID: actor, Status: &s.status, Now: when}); err != nil {
				return err
			}
		}
		t.Now = when
	}
	return q.UpdateSupportTicket(ctx, t)
}
