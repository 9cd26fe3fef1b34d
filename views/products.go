package views

// PlanChip is one software or hardware plan of the company, as My Products shows it above the
// list: its name and state.
type PlanChip struct {
	Label string
	Badge Badge
}

// ProductsPage is the My Products list.
type ProductsPage struct {
	Plans  []PlanChip
	Banner *ReadOnlyBanner
	// CanCreate offers "Add a product": some plan is usable.
	CanCreate bool
	Filter    ProductFilter
	Columns   []SortColumn
	Rows      []ProductRow
	// Empty says what to do next when there are no rows.
	Empty      EmptyState
	Pagination Pagination
}

// ProductFilter is the search and filter form of the list, with the values in effect.
type ProductFilter struct {
	Q           string
	Kind        string
	Environment string
	Status      string
	Category    string
	// Sort is the order the headers chose, "" for the default.
	Sort string
	// Set reports whether any filter narrows the list (offers "Clear filters").
	Set        bool
	Kinds      []Option
	Envs       []Option
	Statuses   []Option
	Categories []Option
}

// SortColumn is a table header that sorts the list: Sort is the aria-sort value.
type SortColumn struct {
	Label string
	Href  string
	Sort  string // "ascending", "descending" or "none"
	Num   bool
}

// ProductRow is one product in the list.
type ProductRow struct {
	Href        string
	Name        string
	Summary     string
	Kind        string
	Environment string
	Category    string
	Price       string
	Period      string // "/ month", or "" for a one-time price
	Status      Badge
	// ReadOnly marks a product whose plan is read-only.
	ReadOnly bool
	Updated  string
}

// EmptyState is what an empty list says, and the action it suggests.
type EmptyState struct {
	Text        string
	ActionLabel string
	ActionHref  string
}

// ProductForm is the create and edit form of a product.
type ProductForm struct {
	// Action is where the form posts: /products or /products/ID.
	Action     string
	CancelHref string
	New        bool
	// Plans are the plans a new product may go into (usable ones only); Plan the chosen one.
	Plans []Option
	Plan  string
	// PlanLabel names the plan of an existing product (its kind and environment stay).
	PlanLabel string
	// ShowSoftware and ShowHardware pick the kind-specific sections shown.
	ShowSoftware bool
	ShowHardware bool
	Name         string
	Slug         string
	SlugHint     string
	Summary      string
	Description  string
	Category     string
	Version      string
	Price        string
	Currency     string
	PricingModel string
	Status       string
	ModelNumber  string
	Connectivity []string
	Deployment   string
	Revision     string
	Errors       FieldErrors
	// ReadOnly renders every control disabled.
	ReadOnly bool
	CSRF     string
	Options  ProductOptions
}

// ProductOptions are the fixed choices of the product form.
type ProductOptions struct {
	Categories     []Option
	Currencies     []Option
	PricingModels  []Option
	Statuses       []Option
	Deployments    []Option
	Connectivities []Option
}

// ProductFormPage is the page around a product form.
type ProductFormPage struct {
	Heading string
	Lead    string
	Banner  *ReadOnlyBanner
	Form    ProductForm
}

// ProductPage is one product: its details, its plan and its consumers.
type ProductPage struct {
	ID          int64
	Name        string
	Kind        string
	Environment string
	Status      Badge
	// Archived says when it was archived, "" when it is not.
	Archived string
	Banner   *ReadOnlyBanner
	// CanEdit offers edit, publish and archive: the plan is usable and the product not archived.
	CanEdit bool
	// Publish is the status the publish button sets, with its label.
	Publish     Option
	Price       string
	Period      string
	Summary     string
	Description []string
	Facts       []Fact
	// Source is the AppConnect deployment it was made from, nil for none.
	Source    *ProductSource
	Plan      PlanInfo
	Consumers []ConsumerRow
	// ConsumerCount is how many purchases there are; Consumers may hold only the latest.
	ConsumerCount int
	ConsumerNote  string
	// NoConsumers is what the consumers section says while there are none, true to the
	// product's state.
	NoConsumers string
	// Releases are the purchases released and restored with the plan, newest first.
	Releases []PurchaseEvent
	Pictures PictureSet
	CSRF     string
}

// ProductSource is what a product was made from: a deployment's name and page.
type ProductSource struct {
	Name, URL string
}

// PlanInfo is the plan a product follows, with its state in words.
type PlanInfo struct {
	Label string
	Badge Badge
	Text  string
}

// ConsumerRow is one purchase of a product: who, when, what they paid, and whether they can
// use it (SPEC §5).
type ConsumerRow struct {
	Name        string
	Email       string
	PurchasedOn string
	Paid        string
	Access      Badge
	AccessText  string
}
