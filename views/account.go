package views

// AccountPage is the signed-in user's own page: who they are, their name, address and
// password, where they are signed in, which notices reach them by e-mail, and (customers)
// closing the account. Each form carries what was typed and its errors when it comes back.
type AccountPage struct {
	Name, Email, Role, Company string
	Topics                     []TopicChoice
	// Mailing says whether e-mail leaves the portal or waits in the outbox for an admin.
	Mailing bool
	CSRF    string

	NameForm       NameForm
	EmailForm      EmailForm
	PasswordErrors FieldErrors
	Sessions       []SessionRow
	// CanDelete: customers close their own accounts; DeleteNote tells everyone else who does.
	CanDelete    bool
	DeleteNote   string
	DeleteErrors FieldErrors
}

// NameForm is the name as typed, with its error.
type NameForm struct {
	Value  string
	Errors FieldErrors
}

// EmailForm asks for a new sign-in address. Pending is an address waiting for its link to be
// opened, until PendingUntil.
type EmailForm struct {
	Value                 string
	Errors                FieldErrors
	Pending, PendingUntil string
}

// SessionRow is one browser signed in to the account. ID names it in the forms; the token that
// is the session never reaches a page.
type SessionRow struct {
	ID                                   string
	Browser, Address, SignedIn, LastSeen string
	// Current is the browser showing the page.
	Current bool
}
