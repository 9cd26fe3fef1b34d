package views

// CartLine is one line of a cart or of a checkout review, re-checked against the Hub today.
type CartLine struct {
	ProductID int64
	Name      string
	// Href is the listing's page; "" when it is no longer shown in the Hub.
	Href     string
	Company  string
	Kind     string
	Quantity string
	Price    string
	Period   string
	// WasPrice is the price when the line was added, "" when it has not changed since.
	WasPrice string
	// Amount is price × quantity; lines that cannot be bought are left out of the total.
	Amount string
	// Available: the line can be bought today; otherwise Reason says why not.
	Available bool
	Reason    string
	// Error is a quantity that could not be taken, shown under the field.
	Error string
}

// CartPage is the cart: its lines, what it comes to, and the way to checkout.
type CartPage struct {
	Lines []CartLine
	// Totals is the total of the lines that can be bought, one amount per currency.
	Totals []string
	// Excluded counts lines that cannot be bought.
	Excluded int
	// Consumer: signed in as a consumer, who may check out; visitors are offered sign-in.
	Consumer bool
	CSRF     string
}

// CanCheckout reports whether some line can be bought.
func (p CartPage) CanCheckout() bool { return len(p.Totals) > 0 }

// CheckoutPage reviews the order before it is placed.
type CheckoutPage struct {
	Cart CartPage
	// Token is the one-time token of this review: placing it twice places one order.
	Token string
	// Reviewed are the lines as reviewed ("product:quantity:price:currency"): the order is what
	// the consumer saw.
	Reviewed []string
}
