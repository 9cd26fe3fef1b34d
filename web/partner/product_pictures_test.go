package partner_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"net/http"
	"strings"
	"testing"

	"partnerportal/web/webtest"
)

func pngOf(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestProductPictures: a partner adds pictures to a product; they are resized, shown with a
// srcset on the product page, the Hub card and the listing page, and served from their own
// addresses with a year-long immutable cache. A file that is not a picture, a sixth picture and
// an upload while the plan is read-only are refused, and nothing is stored.
func TestProductPictures(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	id := env.ProductID(t, "Company B", "retailflow-footfall")
	path := "/products/" + webtest.Itoa(id)
	c := env.SignedIn(t, webtest.PartnerB)
	c.Get(t, path)
	count := func() (n int) {
		if err := env.Pool.QueryRow(context.Background(), "SELECT count(*) FROM pictures WHERE product_id = $1", id).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	seeded := count() // the demo listing comes with pictures

	r := c.PostMultipart(t, path+"/pictures", nil, webtest.File{Field: "picture", Name: "shelf.jpg", Data: pngOf(t, 1600, 1200)})
	if r.StatusCode != http.StatusSeeOther || count() != seeded+1 {
		t.Fatalf("upload: %d, %d pictures\n%s", r.StatusCode, count(), r.Body)
	}
	page := c.Get(t, path)
	last := page.Doc.Find("#pictures img.picture").Last()
	srcset := last.AttrOr("srcset", "")
	if n := strings.Count(srcset, "w,") + 1; n != 3 || !strings.Contains(srcset, " 1280w") || last.AttrOr("alt", "") != "RetailFlow Footfall" {
		t.Errorf("the new picture: srcset %q, alt %q", srcset, last.AttrOr("alt", ""))
	}
	src := last.AttrOr("src", "")
	img := env.Client(t).Get(t, src)
	if img.StatusCode != http.StatusOK || img.Header.Get("Content-Type") != "image/jpeg" ||
		img.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
		t.Errorf("GET %s: %d %q %q", src, img.StatusCode, img.Header.Get("Content-Type"), img.Header.Get("Cache-Control"))
	}
	if cfg, _, err := image.DecodeConfig(strings.NewReader(img.Body)); err != nil || cfg.Width != 320 || cfg.Height != 240 {
		t.Errorf("the smallest rendition is %d × %d (%v), want 320 × 240", cfg.Width, cfg.Height, err)
	}
	if r := env.Client(t).Get(t, "/pictures/"+strings.Repeat("0", 64)+".jpg"); r.StatusCode != http.StatusNotFound {
		t.Errorf("an unknown picture: %d", r.StatusCode)
	}
	for _, where := range []string{"/hub?q=RetailFlow", "/hub/company-b/retailflow-footfall"} {
		if got := env.Client(t).Get(t, where).Doc.Find("main img.picture[srcset]").Length(); got == 0 {
			t.Errorf("%s shows no picture", where)
		}
	}

	// not a picture: said under the field, nothing stored
	r = c.PostMultipart(t, path+"/pictures", nil, webtest.File{Field: "picture", Name: "notes.png", Data: []byte("just text, named .png")})
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Text("#f-picture-error"), "must be a PNG, JPEG or WebP") || count() != seeded+1 {
		t.Errorf("a text file: %d %q", r.StatusCode, r.Text("#f-picture-error"))
	}
	// up to five
	for count() < 5 {
		c.PostMultipart(t, path+"/pictures", nil, webtest.File{Field: "picture", Name: "more.png", Data: pngOf(t, 400, 300)})
	}
	r = c.PostMultipart(t, path+"/pictures", nil, webtest.File{Field: "picture", Name: "sixth.png", Data: pngOf(t, 400, 300)})
	if r.StatusCode != http.StatusUnprocessableEntity || count() != 5 {
		t.Errorf("a sixth picture: %d, %d stored", r.StatusCode, count())
	}

	// read-only: the pictures show, the form is gone, an upload is refused
	env.SetModuleState(t, env.CompanyID(t, "Company B"), "software", "expired")
	page = c.Get(t, path)
	if page.Doc.Find("#pictures img.picture").Length() != 5 || page.Doc.Find(`#pictures input[type=file], #pictures form`).Length() != 0 ||
		!strings.Contains(page.Text("#pictures"), "cannot be added or removed while the plan is read-only") {
		t.Errorf("the read-only product's pictures: %q", page.Text("#pictures"))
	}
	r = c.PostMultipart(t, path+"/pictures", nil, webtest.File{Field: "picture", Name: "late.png", Data: pngOf(t, 400, 300)})
	if r.StatusCode != http.StatusSeeOther || count() != 5 {
		t.Fatalf("an upload while read-only: %d, %d stored", r.StatusCode, count())
	}
	if flash := c.Get(t, r.Header.Get("Location")).Text("#flash"); !strings.Contains(flash, "read-only") {
		t.Errorf("the refusal says %q", flash)
	}
}
