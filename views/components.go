package views

// Badge is a state shown as an icon and a word; Tone picks its colour class.
type Badge struct {
	Tone  string // active, grace, readonly, inactive, scheduled, none
	Icon  string
	Label string
}

// UsageBar is one metered dimension: used against the quota, within the cap allowance.
type UsageBar struct {
	ID        string
	Label     string // "Messages"
	Used      int64
	Quota     int64
	Allowance int64
	// Text is "95 of 100 messages used"; Note names the quota and the cap allowance.
	Text string
	Note string
	// Percentages of the allowance, for the server-drawn bar.
	UsedPct  int
	QuotaPct int
	Over     bool
}

// ReadOnlyBanner says why a module is read-only and offers the way out.
type ReadOnlyBanner struct {
	Title      string
	Text       string
	RenewalURL string
}

// PurchaseEvent is a purchase released or restored: when, which (product or consumer), why.
type PurchaseEvent struct {
	When, What, Why string
	Badge           Badge
}

// Pagination is the page links under a list.
type Pagination struct {
	Summary string // "Showing 21–40 of 312"
	Prev    string // href, "" on the first page
	Next    string // href, "" on the last page
	Pages   []PageLink
}

// PageLink is one numbered page, or a gap (…) between them.
type PageLink struct {
	Label   string
	Href    string
	Current bool
	Gap     bool
}
