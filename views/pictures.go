package views

// Picture is an image at the sizes the server keeps: Src the smallest that fills its place,
// Srcset every size, so the browser picks by the screen.
type Picture struct {
	ID     int64
	Src    string
	Srcset string
	Width  int
	Height int
	Alt    string
}

// PictureSet is a product's pictures on its page, with the upload form.
type PictureSet struct {
	ProductID int64
	Pictures  []Picture
	// CanUpload offers the form: the plan can be used and there are fewer than the most.
	CanUpload bool
	// Full says the product has as many pictures as it may.
	Full bool
	// ReadOnly says the plan is read-only: the pictures show, nothing changes.
	ReadOnly bool
	Error    string
	CSRF     string
}
