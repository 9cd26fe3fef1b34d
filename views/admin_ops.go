package views

// JobsPage is the admins' view of the background jobs.
type JobsPage struct {
	Groups []JobGroup
	CSRF   string
}

// JobGroup is the jobs in one state.
type JobGroup struct {
	State, Label string
	Jobs         []JobRow
}

// JobRow is one job.
type JobRow struct {
	ID                                       int64
	Kind, Args, Attempts, Created, Scheduled string
	// Error is the last attempt's error, if any.
	Error               string
	CanRetry, CanCancel bool
}

// OutboxPage lists the e-mail the portal wrote.
type OutboxPage struct {
	Rows  []OutboxRow
	Pages Pagination
	// Total is how many messages there are on all pages.
	Total int
	// Mailing says whether messages leave by SMTP or stay here.
	Mailing bool
}

// OutboxRow is one message in the list.
type OutboxRow struct {
	ID                                                      int64
	Href, To, Subject, Kind, Written, Sent, Attempts, Error string
	Status                                                  Badge
}

// OutboxMessage is one message in full.
type OutboxMessage struct {
	ID                                                             int64
	To, Subject, Kind, Written, Text, Unsubscribe, Error, HTMLHref string
	Status                                                         Badge
}
