package views

// TopupBox is the top-up part of a metered plan's card on My Services.
type TopupBox struct {
	ServiceID int64
	// Metrics are the dimensions the plan meters: a top-up asks for one of them.
	Metrics []Option
	// Open lists the requests waiting for an answer: "2,000 messages asked on DATE".
	Open []string
	// CanRequest offers the form: the term is not over yet.
	CanRequest bool
	// OwnersOnly shows the button disabled, described by My Services' owners-only note.
	OwnersOnly bool
	CSRF       string
	Metric     string
	Amount     string
	Reason     string
	Errors     FieldErrors
	Alert      *Flash
}

// TopupRequestCard is one open top-up request in the account manager's Requests inbox.
type TopupRequestCard struct {
	ID          int64
	Company     string
	CompanyURL  string
	Service     string
	ServiceURL  string
	Badge       Badge
	RequestedBy string
	RequestedOn string
	// Asked is "2,000 more messages"; Current "Quota 1,000 messages, 1,000 used".
	Asked   string
	Current string
	Reason  string
	// Ended says the term asked about is over: the request can only be declined.
	Ended   bool
	Amount  string
	Answer  string
	CSRF    string
	Errors  FieldErrors
	Alert   *Flash
	Done    bool
	Decline bool
}
