package views

// NotificationsPage is the list of a user's notices.
type NotificationsPage struct {
	Items  []Notice
	Unread int
	// Total is how many notices there are on all pages.
	Total int
	Pages Pagination
	CSRF  string
}

// Notice is one notice as the list shows it.
type Notice struct {
	ID     int64
	Title  string
	Body   string
	Link   string
	When   string
	Unread bool
}

// TopicChoice is one kind of notice with whether it also comes by e-mail.
type TopicChoice struct {
	Key, Label, Hint string
	ByEmail          bool
}
