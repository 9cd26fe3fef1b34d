package views

import "partnerportal/web/charts"

// ServiceCard is one service or plan on My Services.
type ServiceCard struct {
	ID          int64
	ModuleName  string
	Environment string // "Sandbox", "Production" or ""
	Badge       Badge
	// Summary is the SPEC wording: "Active until DATE (N days left)", "Inactive — renew to use", …
	Summary    string
	Term       string // "6 months"
	ValidFrom  string
	ValidUntil string
	DaysLeft   string
	Cap        string // "30%"
	Usage      []UsageBar
	// Left says in words what remains: "12 days of grace left", "28 messages left in your cap allowance".
	Left     []string
	NextTerm string // "Renewed: the next term starts on DATE"
	// Notices are the current term's quota warnings: "80% of the message quota used on DATE".
	Notices []string
	Renewal RenewalBox
	// Topup is offered on metered plans only (nil otherwise).
	Topup *TopupBox
	// HistoryURL is the plan's usage history (empty for modules that count nothing).
	HistoryURL string
	// Subscribed is false for a module the company never had.
	Subscribed bool
	// EndsIn warns of a term ending soon ("Ends in 4 days"); Urgency is "soon" or "urgent".
	EndsIn  string
	Urgency string
	// UsedUp says what an exhausted plan used up and what would lift it.
	UsedUp string
}

// RenewalBox is the renewal part of a card.
type RenewalBox struct {
	ServiceID int64
	// CanRequest offers the form; RequestedOn says a request is already open.
	CanRequest  bool
	RequestedOn string
	// OwnersOnly shows the form's button disabled, described by the page's owners-only note:
	// the viewer is a member.
	OwnersOnly bool
	LastAnswer string
	CSRF       string
	Error      string
	Message    string
	TermMonths string
}

// ServicesPage is My Services.
type ServicesPage struct {
	CompanyName string
	// Timeline is the company's terms as a picture.
	Timeline charts.Timeline
	Cards    []ServiceCard
	// NotSubscribed lists the modules the company never had.
	NotSubscribed []string
	Warnings      []string
	// OwnersOnly, for a member, says who may request renewals and top-ups (id OwnersOnlyID).
	OwnersOnly string
}

// OwnersOnlyID is the id of My Services' note that says why a member's request buttons are
// disabled.
const OwnersOnlyID = "owners-only"

// RenewalRequestRow is one request in the partner's history.
type RenewalRequestRow struct {
	Service     string
	RequestedOn string
	RequestedBy string
	Term        string
	Message     string
	Status      Badge
	Answer      string
	AnsweredOn  string
}
