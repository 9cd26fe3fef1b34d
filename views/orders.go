package views

// OrderRow is one order in the consumer's order history.
type OrderRow struct {
	Href     string
	Number   string
	PlacedOn string
	Items    string
	Totals   []string
	// Note mentions refused lines, "" when every line was placed.
	Note string
}

// OrderPage is one order: what was placed and charged, and what was refused and why.
type OrderPage struct {
	Number   string
	PlacedOn string
	Placed   []OrderLineRow
	Refused  []OrderLineRow
	Totals   []string
}

// OrderLineRow is one line of an order.
type OrderLineRow struct {
	Name      string
	Company   string
	Quantity  string
	UnitPrice string
	Period    string
	Amount    string
	Reason    string
}

// PurchaseRow is one of the consumer's purchases and whether they can use it (SPEC §5).
type PurchaseRow struct {
	Name        string
	Company     string
	Kind        string
	PurchasedOn string
	Quantity    string
	// Paid is what the purchase cost in all; Each the unit price when several were bought.
	Paid       string
	Each       string
	OrderHref  string
	Order      string
	Access     Badge
	AccessText string
	// Href is the product's listing, "" when the Hub no longer shows it.
	Href string
	// Contact says who to ask about a released purchase, "" while it can be used.
	Contact string
	// ContactEmail is the partner's address for Hub customers, "" when they gave none.
	ContactEmail string
}
