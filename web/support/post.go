package support

import (
	"context"
	"strings"
	"time"

	"partnerportal/db"
	"partnerportal/web/ui"
)

// Message is one message for a ticket: who writes it, what, and the files it carries.
type Message struct {
	Author   int64
	Internal bool
	Body     string
	Files    []File
}

// AddMessage writes m to ticket t with its files, in q's transaction, and returns its id.
func AddMessage(ctx context.Context, q *db.Queries, ticketID int64, m Message, now time.Time) (int64, error) {
	id, err := q.CreateSupportMessage(ctx, db.CreateSupportMessageParams{TicketID: ticketID, AuthorID: m.Author,
		Internal: m.Internal, Body: m.Body, Now: now})
	if err != nil {
		return 0, err
	}
	for _, f := range m.Files {
		if err := q.CreateSupportAttachment(ctx, db.CreateSupportAttachmentParams{MessageID: id, TicketID: ticketID,
			Filename: f.Name, ContentType: f.ContentType, Size: int32(len(f.Data)), Data: f.Data, Now: now}); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// SupportAccess locks the company's Support service and reads its state after the lock, in
// q's transaction: the gate decided on the request's snapshot, and a write must not slip past
// a deactivation committed since.
func SupportAccess(ctx context.Context, q *db.Queries, companyID int64, today time.Time) (ui.ModuleAccess, error) {
	if err := q.LockSupportService(ctx, companyID); err != nil {
		return ui.ModuleAccess{}, err
	}
	row, err := q.GetCompanyModuleState(ctx, db.GetCompanyModuleStateParams{CompanyID: companyID, Module: db.ModuleKeySupport, Today: today})
	if err != nil {
		return ui.ModuleAccess{}, err
	}
	return ui.AccessOf(row), nil
}

// excerptLength is how much of a message a notice quotes, in characters.
const excerptLength = 200

// Excerpt is the start of a message on one line, for a notice.
func Excerpt(body string) string {
	s := strings.Join(strings.Fields(body), " ")
	if r := []rune(s); len(r) > excerptLength {
		return strings.TrimSpace(string(r[:excerptLength-1])) + "…"
	}
	return s
}
