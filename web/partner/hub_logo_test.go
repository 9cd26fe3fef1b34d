package partner_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"partnerportal/web/webtest"
)

// TestCompanyLogo: a company with a usable Solutions Hub replaces its logo, which the listing
// page then shows; one whose Hub is read-only (Company A's expired) sees its logo and a
// disabled form, and an upload is refused with nothing stored.
func TestCompanyLogo(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	logoHash := func(company string) (h string) {
		_ = env.Pool.QueryRow(context.Background(), `SELECT r.hash FROM pictures p JOIN picture_renditions r ON r.picture_id = p.id
			JOIN partner_companies c ON c.id = p.company_id WHERE c.name = $1 AND p.product_id IS NULL ORDER BY r.width LIMIT 1`, company).Scan(&h)
		return h
	}
	b := env.SignedIn(t, webtest.PartnerB)
	b.Get(t, "/hub/listings")
	before := logoHash("Company B")
	r := b.PostMultipart(t, "/hub/listings/logo", nil, webtest.File{Field: "picture", Name: "logo.png", Data: pngOf(t, 512, 512)})
	if r.StatusCode != http.StatusSeeOther || logoHash("Company B") == before || logoHash("Company B") == "" {
		t.Fatalf("logo upload: %d", r.StatusCode)
	}
	listing := env.Client(t).Get(t, "/hub/company-b/retailflow-footfall")
	if src := listing.Doc.Find("img.company-logo").AttrOr("src", ""); !strings.Contains(src, logoHash("Company B")) {
		t.Errorf("the listing page's logo is %q", src)
	}

	a := env.SignedIn(t, webtest.PartnerA)
	page := a.Get(t, "/hub/listings")
	if page.Doc.Find("#logo img.company-logo").Length() != 1 || page.Doc.Find("#logo fieldset[disabled]").Length() != 1 {
		t.Errorf("the read-only Hub's logo form: %q", page.Text("#logo"))
	}
	before = logoHash("Company A")
	r = a.PostMultipart(t, "/hub/listings/logo", nil, webtest.File{Field: "picture", Name: "logo.png", Data: pngOf(t, 512, 512)})
	if r.StatusCode != http.StatusSeeOther || logoHash("Company A") != before {
		t.Errorf("a logo while read-only: %d, stored %v", r.StatusCode, logoHash("Company A") != before)
	}
}
