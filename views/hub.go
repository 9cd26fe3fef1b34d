package views

// HubPage is the Solutions Hub: its search form, how many listings match, and one page of them.
type HubPage struct {
	Filter  HubFilter
	Count   string // "14 solutions"
	Results HubResults
}

// HubFilter is the Hub's search form with the values in effect.
type HubFilter struct {
	Q        string
	Kind     string
	Category string
	Company  string
	MinPrice string
	MaxPrice string
	Sort     string
	// Set reports whether anything narrows the results (offers "Clear").
	Set        bool
	Errors     FieldErrors
	Kinds      []Option
	Categories []Option
	Companies  []Option
	Sorts      []Option
}

// HubResults is one page of listings, with the links to the pages before and after it.
type HubResults struct {
	Cards []ListingCard
	Prev  string
	Next  string
	Empty EmptyState
}

// ListingCard is one listing in the Hub's grid.
type ListingCard struct {
	ProductID   int64
	Name        string
	Href        string
	Company     string
	CompanyHref string
	Kind        string
	Category    string
	Price       string
	Period      string
	Tagline     string
	Buy         BuyBox
	// Picture is the product's first picture, nil for the placeholder.
	Picture *Picture
}

// BuyBox is a listing's add-to-cart control, or what stands in its place.
type BuyBox struct {
	ProductID int64
	Name      string
	// Purchasable: the listing can be bought today (SPEC §5); otherwise the box says "Not
	// available for purchase".
	Purchasable bool
	// CanShop: the user may fill a cart (visitors and consumers).
	CanShop bool
	// InCart is how many the cart holds already.
	InCart int
	// Quantity offers a quantity field (the listing page); the grid adds one at a time.
	Quantity bool
	// Return is the page a plain (non-htmx) add goes back to.
	Return string
	CSRF   string
}

// ListingPage is one listing: the product, its company and how to buy it.
type ListingPage struct {
	// Pictures are the product's pictures in order; Logo the company's, nil when none.
	Pictures       []Picture
	Logo           *Picture
	Name           string
	Company        string
	CompanyHref    string
	Kind           string
	Category       string
	Price          string
	Period         string
	Tagline        string
	Summary        string
	Description    []string
	Highlights     []string
	Facts          []Fact
	CompanyTagline string
	CompanyEmail   string
	Buy            BuyBox
}

// Narrowed reports whether a filter beyond the search words is set, or one of them is in
// error: the folded filters then open, so what narrows the results is in sight.
func (f HubFilter) Narrowed() bool {
	return f.Kind != "" || f.Category != "" || f.Company != "" || f.MinPrice != "" || f.MaxPrice != "" || len(f.Errors) > 0
}
