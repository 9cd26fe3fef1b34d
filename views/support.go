package views

// TicketListPage is the partner's Support page: the company's tickets, filtered.
type TicketListPage struct {
	Area AreaPage
	// CanOpen shows "Open a ticket" (the company's Support can be used).
	CanOpen bool
	Filter  TicketFilter
	Tickets []TicketRow
	Pages   Pagination
	// Empty is what shows when no ticket matches: none yet, or none for these filters.
	Empty string
}

// TicketFilter is a list's search form, kept in the URL.
type TicketFilter struct {
	Action   string
	Status   string
	Statuses []Option
	Q        string
	// Assignee and Assignees filter the staff inbox by who answers.
	Assignee  string
	Assignees []Option
	Errors    FieldErrors
}

// TicketRow is one ticket in a list.
type TicketRow struct {
	ID       int64
	URL      string
	Subject  string
	Module   string
	Priority Badge
	Status   Badge
	Opened   string
	Updated  string
	// Staff inbox only: the company, who answers, how long it has waited, and the target.
	Company    string
	CompanyURL string
	Assignee   string
	Waiting    string
	Target     *Badge
}

// NewTicketPage is the form that opens a ticket.
type NewTicketPage struct {
	Area AreaPage
	Form NewTicketForm
}

// NewTicketForm is what a new ticket says, as typed, with its errors.
type NewTicketForm struct {
	Subject, Module, Priority, Description string
	Modules                                []Option
	Priorities                             []Option
	Errors                                 FieldErrors
	// ReadOnly renders the form disabled (Support is read-only).
	ReadOnly bool
	CSRF     string
}

// Attachment is a file of a message, as a download link.
type Attachment struct {
	Name string
	URL  string
	// About is its kind and size: "PDF, 240 KB".
	About string
}

// SupportInboxPage is the staff inbox: the tickets of the viewer's companies, what waits
// longest first.
type SupportInboxPage struct {
	Lead    string
	Filter  TicketFilter
	Tickets []TicketRow
	Pages   Pagination
	Empty   string
}
