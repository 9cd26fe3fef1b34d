package views

// HubListingsPage is the partner's side of the Solutions Hub: how the company presents itself
// and which of its products are listed.
type HubListingsPage struct {
	Area     AreaPage
	Profile  HubProfileForm
	Listings []ListingRow
	// HubHref is the company's page of listings in the Hub.
	HubHref string
	// ReadOnly renders every control disabled.
	ReadOnly bool
	CSRF     string
	// Logo is the company's logo, nil when it has none; LogoError a refused upload.
	Logo      *Picture
	LogoError string
}

// HubProfileForm is how the company appears in the Solutions Hub.
type HubProfileForm struct {
	Tagline      string
	ContactEmail string
	Errors       FieldErrors
	Saved        bool
	// ReadOnly renders every control disabled.
	ReadOnly bool
	CSRF     string
}

// ListingRow is one listable product (published, in production) of the company.
type ListingRow struct {
	ProductID int64
	Name      string
	Kind      string
	Price     string
	Period    string
	Tagline   string
	Listed    bool
	Status    Badge
	// Seen says what consumers see of it today.
	Seen string
	// ViewHref is its page in the Hub, "" when consumers cannot see it.
	ViewHref string
}

// ListingForm edits a listing's copy.
type ListingForm struct {
	ProductID   int64
	ProductName string
	Summary     string
	Tagline     string
	// Highlights are the five highlight fields, empty ones included.
	Highlights []string
	Listed     bool
	Errors     FieldErrors
	ReadOnly   bool
	CSRF       string
}
