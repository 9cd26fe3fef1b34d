package views

import "partnerportal/web/charts"

import "strconv"

// Option is one choice of a select, radio group or checkbox group.
type Option struct {
	Value    string
	Label    string
	Selected bool
}

// DashboardPage is the staff home.
type DashboardPage struct {
	Lead string
	// Managers, for admins, filter the page by account manager.
	Managers  []Option
	Companies []DashboardCompany
	// CompanyPages pages through the companies.
	CompanyPages Pagination
	Requests     []DashboardRow
	Attention    []DashboardRow
	Expiring     []DashboardRow
	Quotas       []DashboardRow
	// *Total is how many rows each list has in all; the list shows the most urgent of them.
	RequestsTotal, AttentionTotal, ExpiringTotal, QuotasTotal int
	Support                                                   DashboardSupport
}

// DashboardSupport is the support tickets of the dashboard's companies, counted.
type DashboardSupport struct {
	Counts []DashboardCount
	// Oldest says how long the ticket waiting longest has waited; "" when none waits.
	Oldest string
}

// DashboardCount is one figure of the dashboard, a link to what it counts; Alert marks one
// that needs attention.
type DashboardCount struct {
	Label string
	Count int
	URL   string
	Alert bool
}

// DashboardCompany is one partner company with its services counted by state.
type DashboardCompany struct {
	Name, URL, Manager                           string
	Active, Grace, ReadOnly, Inactive, Scheduled int
}

// DashboardRow is one line of a dashboard list: a service of a company and why it is listed.
type DashboardRow struct {
	Company    string
	CompanyURL string
	Service    string
	ServiceURL string
	Badge      Badge
	When       string
	Detail     string
	// Action is an optional link to act on the row ("Answer").
	Action, ActionURL string
}

// PartnerPage is a partner company as its account manager sees it.
type PartnerPage struct {
	// Terms is the company's terms as a picture.
	Terms          charts.Timeline
	ID             int64
	Name           string
	Types          string
	AccountManager string
	// Team is the company's users with their roles, and its open invitations.
	Team     StaffTeam
	Services []ServicePanel
	Grant    GrantForm
	Timeline []AuditEntry
	AuditURL string
	// DesignsURL lists the company's ExpressConnect designs, DeploymentsURL its AppConnect
	// deployments.
	DesignsURL, DeploymentsURL string
	CSRF                       string
}

// ServicePanel is one service or plan on the partner page, with its actions.
type ServicePanel struct {
	// HistoryURL is the plan's usage history (empty for modules that count nothing).
	HistoryURL string
	ID         int64
	CompanyID  int64
	Title      string
	Badge      Badge
	Summary    string
	Facts      []Fact
	Usage      []UsageBar
	Terms      []TermRow
	// OpenRequest describes the partner's open renewal request, if any.
	OpenRequest string
	Version     int32
	Metered     bool
	Active      bool
	// Alert is the answer to the last action, shown at the top of the panel.
	Alert  *Flash
	Renew  RenewForm
	Limits LimitsForm
	// Loses says what the partner loses when the service is deactivated.
	Loses string
	// DeactivateOpen re-opens the confirmation after a refused attempt; Reason is what was
	// typed as the reason, ReasonError why it was refused.
	DeactivateOpen bool
	Reason         string
	ReasonError    string
	CSRF           string
}

// Fact is one term and its value on a details page.
type Fact struct{ Label, Value string }

// TermRow is one term of a service's history.
type TermRow struct {
	From, Until, Months, Cap, Quotas, Usage string
	Current                                 bool
}

// RenewForm is the renewal form of a service.
type RenewForm struct {
	Open         bool
	StartsOn     string
	TermMonths   string
	CapPercent   string
	MessageQuota string
	DeviceQuota  string
	Errors       FieldErrors
}

// LimitsForm changes the cap and quotas of the current term.
type LimitsForm struct {
	Open         bool
	CapPercent   string
	MessageQuota string
	DeviceQuota  string
	// MessagesUsed and DevicesUsed are the current term's usage, shown beside the quotas.
	MessagesUsed string
	DevicesUsed  string
	// Warning asks to confirm a change that makes a usable service read-only.
	Warning string
	Errors  FieldErrors
}

// GrantForm grants a new service to the company.
type GrantForm struct {
	Open         bool
	Modules      []Option
	Environments []Option
	Terms        []Option
	ValidFrom    string
	CapPercent   string
	MessageQuota string
	DeviceQuota  string
	Errors       FieldErrors
	Alert        *Flash
	CSRF         string
	CompanyID    int64
}

// AuditEntry is one event of the audit trail.
type AuditEntry struct {
	At         string
	Actor      string
	Action     string
	Subject    string
	Company    string
	CompanyURL string
	Changes    []Change
}

// Change is one field an event changed.
type Change struct{ Field, Before, After string }

func itoa32(n int32) string { return strconv.FormatInt(int64(n), 10) }

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

// RenewalRequestCard is one open renewal request with its answers.
type RenewalRequestCard struct {
	ID          int64
	Company     string
	CompanyURL  string
	Service     string
	ServiceURL  string
	Badge       Badge
	RequestedBy string
	RequestedOn string
	Message     string
	Wish        string
	// Current describes the service now; StartsOn is where an approval's term starts.
	Current     string
	StartsOn    string
	Version     int32
	TermMonths  string
	Reason      string
	Errors      FieldErrors
	Alert       *Flash
	DeclineOpen bool
	// Done replaces the forms once the request is answered.
	Done bool
	CSRF string
}

// AuditPage is the filterable audit log.
type AuditPage struct {
	Companies []Option
	Actors    []Option
	Modules   []Option
	Actions   []Option
	From, To  string
	Errors    FieldErrors
	Entries   []AuditEntry
	// Summary is "Showing 1–50 of 120"; Prev and Next are page URLs, empty at the ends.
	Summary    string
	Prev, Next string
	CSVURL     string
}

// CompaniesPage is the admin's list of partner companies with the form for a new one.
type CompaniesPage struct {
	Companies []CompanyRow
	Form      CompanyForm
	// Search is the name searched for ("" for every company), SearchErrors its refusal.
	Search       string
	SearchErrors FieldErrors
	// Total is how many companies match over every page.
	Total int64
	Pages Pagination
}

// CompanyRow is one partner company in the admin's list.
type CompanyRow struct {
	Name, URL, EditURL, Types, Manager string
	Users, Services                    int64
}

// CompanyForm creates (ID 0) or edits a partner company.
type CompanyForm struct {
	ID       int64
	Name     string
	Hardware bool
	Software bool
	Managers []Option
	Errors   FieldErrors
	Open     bool
	CSRF     string
}

// UsersPage is the admin's list of accounts with the form for a new one.
type UsersPage struct {
	Users []UserRow
	Form  UserForm
	// Link is a one-time password link, shown once, right after it was made.
	Link *ResetLink
	CSRF string
}

// UserRow is one account in the admin's list.
type UserRow struct {
	ID                         int64
	Name, Email, Role, Company string
	Disabled                   bool
	// Self is the signed-in admin, who cannot disable themselves.
	Self bool
}

// UserForm creates an account.
type UserForm struct {
	Name, Email string
	Roles       []Option
	Companies   []Option
	Errors      FieldErrors
	Open        bool
}

// ResetLink is a one-time password link for one account.
type ResetLink struct {
	For     string
	URL     string
	Expires string
}

// ResetForm sets a new password with a one-time link.
type ResetForm struct {
	Action string
	Name   string
	Email  string
	Errors FieldErrors
	CSRF   string
}
