package views

// ReadOnlyBanner says why a module is read-only and offers the way out.
type ReadOnlyBanner struct {
	Title      string
	Text       string
	RenewalURL string
}

// AreaPage is a module area's landing page.
type AreaPage struct {
	Name   string
	Holds  string
	Badge  Badge
	Banner *ReadOnlyBanner
}
