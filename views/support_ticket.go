package views

// TicketPage is one ticket and its conversation, as the partner or staff read it.
type TicketPage struct {
	ID        int64
	Subject   string
	Back      string
	BackLabel string
	// Banner says why the partner can read but not write (Support is read-only).
	Banner   *ReadOnlyBanner
	Status   Badge
	Priority Badge
	Facts    []TicketFact
	Thread   []ThreadEntry
	Reply    ReplyForm
	// ResolveURL is the partner's "Mark as resolved" action; "" when it does not apply.
	ResolveURL string
	// Staff is the side panel of staff: target, assignment and status; nil for partners.
	Staff *StaffTicketPanel
	CSRF  string
}

// TicketFact is one line of a ticket's details, a link or a badge when it has one.
type TicketFact struct {
	Term  string
	Value string
	URL   string
	Badge *Badge
}

// ThreadEntry is a message of the conversation, or one line saying what happened (Event).
type ThreadEntry struct {
	Anchor string
	Event  bool
	// Text is the event's words.
	Text string
	// Staff marks a message of the support team (the other side, for a partner).
	Staff    bool
	Internal bool
	Author   string
	// Side is who the author writes for: the company's name, or "Support team".
	Side  string
	When  string
	Body  string
	Files []Attachment
}

// ReplyForm is the form under the conversation.
type ReplyForm struct {
	Action string
	Body   string
	Errors FieldErrors
	// Disabled renders it disabled (Support is read-only); Closed says why a ticket takes no
	// reply, and replaces the form.
	Disabled bool
	Closed   string
	// Staff offers an internal note and the status the reply leaves the ticket in.
	Staff    bool
	Internal bool
	Status   string
	Statuses []Option
	CSRF     string
}

// StaffTicketPanel is what staff change beside a ticket: who answers it, and its status.
type StaffTicketPanel struct {
	AssignAction string
	Assignee     string
	Assignees    []Option
	StatusAction string
	Status       string
	Statuses     []Option
	Errors       FieldErrors
}
