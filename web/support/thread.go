package support

import (
	"fmt"
	"time"

	"partnerportal/db"
	"partnerportal/views"
)

// ThreadRows is a ticket's conversation as read for one reader (notes and assignments for
// staff only).
type ThreadRows struct {
	Messages []db.ListTicketMessagesRow
	Files    []db.ListTicketAttachmentsRow
	Events   []db.ListTicketEventsRow
}

// Reader is who reads a thread: staff, or the partner company (named company), and where
// their links to files go.
type Reader struct {
	Staff   bool
	Company string
	FileURL func(id int64) string
	Loc     *time.Location
}

// When is how a moment of a ticket reads: "2 Dec 2026, 14:05".
func When(t time.Time, loc *time.Location) string { return t.In(loc).Format("2 Jan 2006, 15:04") }

// Thread is the conversation in the order it happened: messages with their files, and
// between them what happened to the ticket (an event at a message's moment comes after it).
func Thread(r ThreadRows, rd Reader) []views.ThreadEntry {
	files := map[int64][]views.Attachment{}
	for _, f := range r.Files {
		files[f.MessageID] = append(files[f.MessageID], views.Attachment{Name: f.Filename, URL: rd.FileURL(f.ID),
			About: Label(f.ContentType) + ", " + Size(int64(f.Size))})
	}
	out := make([]views.ThreadEntry, 0, len(r.Messages)+len(r.Events))
	events := r.Events
	for _, m := range r.Messages {
		for len(events) > 0 && events[0].At.Before(m.CreatedAt) {
			out = append(out, eventEntry(events[0], rd))
			events = events[1:]
		}
		staff := m.AuthorRole != db.UserRolePartner
		side := rd.Company
		if staff {
			side = "Support team"
		}
		out = append(out, views.ThreadEntry{Anchor: "message-" + fmt.Sprint(m.ID), Staff: staff, Internal: m.Internal,
			Author: m.AuthorName, Side: side, When: When(m.CreatedAt, rd.Loc), Body: m.Body, Files: files[m.ID]})
	}
	for _, e := range events {
		out = append(out, eventEntry(e, rd))
	}
	return out
}

// eventEntry says what happened, in a line.
func eventEntry(e db.ListTicketEventsRow, rd Reader) views.ThreadEntry {
	var text string
	switch {
	case e.Kind == db.SupportEventKindAssigned && e.AssigneeName == "":
		text = e.ActorName + " unassigned the ticket"
	case e.Kind == db.SupportEventKindAssigned && SameUser(e.ActorID, e.AssigneeID):
		text = e.ActorName + " took the ticket"
	case e.Kind == db.SupportEventKindAssigned:
		text = e.ActorName + " assigned the ticket to " + e.AssigneeName
	case e.ActorName == "" && e.Status != nil && *e.Status == db.TicketStatusClosed:
		text = "Closed by itself after a week without a reply"
	case e.Status == nil:
		text = "The ticket changed"
	default:
		who := e.ActorName
		if who == "" {
			who = "The portal"
		}
		text = who + " set the status to " + StatusLabel(*e.Status, rd.Staff)
	}
	return views.ThreadEntry{Anchor: "event-" + fmt.Sprint(e.ID), Event: true, Text: text, When: When(e.At, rd.Loc)}
}

// StatusLabel is a status as the reader reads it.
func StatusLabel(s db.TicketStatus, staff bool) string {
	if staff {
		return s.StaffLabel()
	}
	return s.PartnerLabel()
}

// Size writes a file's size: "640 bytes", "12 KB", "3.4 MB".
func Size(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d bytes", n)
	case n < 1000*1000:
		return fmt.Sprintf("%d KB", (n+500)/1000)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}
