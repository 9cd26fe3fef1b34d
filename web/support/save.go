package support

import (
	"context"
	"time"

	"partnerportal/db"
	"partnerportal/web/audit"
)

// Save stores after, the ticket before was, in q's transaction, and records each change of
// status and of assignee as an event on the ticket and in the audit trail. actor 0 is the
// portal; assignee is the new assignee's name, for the trail, when the assignee changed.
func Save(ctx context.Context, q *db.Queries, before, after db.SupportTicket, actor int64, assignee string, now time.Time) error {
	if err := q.UpdateSupportTicket(ctx, db.UpdateSupportTicketParams{
		ID: after.ID, Status: after.Status, AssigneeID: after.AssigneeID, WaitingSince: after.WaitingSince,
		FirstResponseAt: after.FirstResponseAt, LastReplyAt: after.LastReplyAt, ResolvedAt: after.ResolvedAt,
		ClosedAt: after.ClosedAt, Now: now,
	}); err != nil {
		return err
	}
	if after.Status != before.Status {
		if err := Record(ctx, q, after, actor, now, db.SupportEventKindStatus, audit.ActionTicketStatus,
			map[string]string{"status": before.Status.StaffLabel()}, map[string]string{"status": after.Status.StaffLabel()}); err != nil {
			return err
		}
	}
	if !SameUser(before.AssigneeID, after.AssigneeID) {
		if assignee == "" {
			assignee = "nobody"
		}
		return Record(ctx, q, after, actor, now, db.SupportEventKindAssigned, audit.ActionTicketAssign, nil, map[string]string{"assignee": assignee})
	}
	return nil
}

// Record writes one change of ticket t as an event on the ticket and an entry in the trail.
func Record(ctx context.Context, q *db.Queries, t db.SupportTicket, actor int64, now time.Time, kind db.SupportEventKind, action string, before, after any) error {
	e := db.CreateSupportEventParams{TicketID: t.ID, Kind: kind, Now: now}
	if actor != 0 {
		e.ActorID = &actor
	}
	if kind == db.SupportEventKindStatus {
		e.Status = &t.Status
	} else {
		e.AssigneeID = t.AssigneeID
	}
	if err := q.CreateSupportEvent(ctx, e); err != nil {
		return err
	}
	module := db.ModuleKeySupport
	return audit.Write(ctx, q, now, audit.Event{Actor: actor, CompanyID: &t.CompanyID, Module: &module,
		Action: action, Subject: db.TicketTitle(t.ID, t.Subject), Before: before, After: after})
}

// SameUser reports whether two optional user ids name the same user (or both nobody).
func SameUser(a, b *int64) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }
