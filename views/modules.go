package views

// AreaPage is a module area's landing page.
type AreaPage struct {
	Name   string
	Holds  string
	Badge  Badge
	Banner *ReadOnlyBanner
}
