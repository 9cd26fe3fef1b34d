package partner_test

import (
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"partnerportal/web/webtest"
)

// listingRows are the Hub listings page's rows: product name → what the "In the Hub" cell says.
func listingRows(r *webtest.Response) map[string]string {
	out := map[string]string{}
	r.Doc.Find("table tbody tr").Each(func(_ int, s *goquery.Selection) {
		name := strings.TrimSpace(s.Find("th").Contents().First().Text())
		if a := s.Find("th a"); a.Length() == 1 {
			name = strings.TrimSpace(a.Text())
		}
		out[name] = strings.Join(strings.Fields(s.Find("td").Eq(1).Text()), " ")
	})
	return out
}

func TestPartnerListsAndUnlistsProducts(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerB)
	route := webtest.Itoa(env.ProductID(t, "Company B", "routewise-dispatch"))
	page := c.Get(t, "/hub/listings")
	rows := listingRows(page)
	if got := slices.Sorted(maps.Keys(rows)); !slices.Equal(got, []string{"LineGuard OEE", "RetailFlow Footfall", "RouteWise Dispatch", "ShelfSense Inventory", "WardWatch Nurse Call Analytics"}) {
		t.Errorf("listable products %v: want the published production ones only", got)
	}
	if got := rows["RouteWise Dispatch"]; got != "●Listed Customers see it and can buy it." {
		t.Errorf("RouteWise row says %q", got)
	}
	if page.Doc.Find("#hub-profile").Length() != 1 {
		t.Error("the Hub profile form is gone")
	}

	r := c.PostForm(t, "/hub/listings/"+route+"/publish", url.Values{"listed": {"false"}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/hub/listings" {
		t.Fatalf("unpublish: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	after := c.Get(t, "/hub/listings")
	if !strings.Contains(after.Text("#flash"), "“RouteWise Dispatch” is no longer listed") || listingRows(after)["RouteWise Dispatch"] != "–Not listed Customers do not see it." {
		t.Errorf("after unpublishing: flash %q, row %q", after.Text("#flash"), listingRows(after)["RouteWise Dispatch"])
	}
	visitor := env.Client(t)
	if visitor.Get(t, "/hub").ListingCard("RouteWise Dispatch").Length() != 0 || visitor.Get(t, "/hub/company-b/routewise-dispatch").StatusCode != http.StatusNotFound {
		t.Error("an unlisted product is still in the Hub")
	}
	c.PostForm(t, "/hub/listings/"+route+"/publish", url.Values{"listed": {"true"}})
	if names := visitor.Get(t, "/hub").ListingCardNames(); len(names) == 0 || names[0] != "RouteWise Dispatch" {
		t.Errorf("listed again it should be the newest listing: %v", names)
	}

	// a product back to draft is not listable; another company's product is not found
	env.Exec(t, "UPDATE products SET status = 'draft' WHERE id = $1", route)
	if _, ok := listingRows(c.Get(t, "/hub/listings"))["RouteWise Dispatch"]; ok {
		t.Error("a draft is listed on the Hub listings page")
	}
	if r := c.PostForm(t, "/hub/listings/"+route+"/publish", url.Values{"listed": {"true"}}); r.StatusCode != http.StatusNotFound {
		t.Errorf("listing a draft: %d, want 404", r.StatusCode)
	}
	other := webtest.Itoa(env.ProductID(t, "Company A", "fleetpulse-telematics"))
	for _, path := range []string{"/hub/listings/" + other + "/edit"} {
		if r := c.Get(t, path); r.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s (another company's): %d, want 404", path, r.StatusCode)
		}
	}
	if r := c.PostForm(t, "/hub/listings/"+other, url.Values{"tagline": {"Hijacked"}}); r.StatusCode != http.StatusNotFound {
		t.Errorf("saving another company's listing: %d, want 404", r.StatusCode)
	}
}

func TestPartnerEditsListingCopy(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerB)
	retail := webtest.Itoa(env.ProductID(t, "Company B", "retailflow-footfall"))
	edit := c.Get(t, "/hub/listings/"+retail+"/edit")
	if edit.StatusCode != http.StatusOK || edit.Doc.Find("#f-tagline").AttrOr("value", "") == "" || edit.Doc.Find("#f-highlight5").Length() != 1 {
		t.Fatalf("edit form: %d", edit.StatusCode)
	}
	long := strings.Repeat("x", 121)
	form := url.Values{"tagline": {long}, "highlight1": {"Fine"}, "highlight3": {strings.Repeat("y", 101)}}
	var r *webtest.Response
	c.HTMX(func() { r = c.PostForm(t, "/hub/listings/"+retail, form) })
	if r.StatusCode != http.StatusUnprocessableEntity || r.Doc.Find("form#listing-form").Length() != 1 || r.Doc.Find("header.site-header").Length() != 0 {
		t.Fatalf("htmx bad copy: %d", r.StatusCode)
	}
	if !strings.Contains(r.Text("#f-tagline-error"), "at most 120") || !strings.Contains(r.Text("#f-highlight3-error"), "at most 100") ||
		r.Doc.Find("#f-highlight1-error").Length() != 0 || r.Doc.Find("#f-highlight1").AttrOr("value", "") != "Fine" {
		t.Errorf("errors under the wrong fields or typed values lost:\n%s", r.Text("form"))
	}
	plain := c.PostForm(t, "/hub/listings/"+retail, form)
	if plain.StatusCode != http.StatusUnprocessableEntity || plain.Doc.Find("header.site-header").Length() != 1 || plain.Doc.Find("#f-tagline-error").Length() != 1 {
		t.Errorf("plain bad copy: %d", plain.StatusCode)
	}

	ok := c.PostForm(t, "/hub/listings/"+retail, url.Values{"tagline": {"Footfall analytics for flagship stores"},
		"highlight2": {"Heat maps per aisle"}, "highlight4": {"Exports to spreadsheets"}})
	if ok.StatusCode != http.StatusSeeOther || !strings.Contains(c.Get(t, "/hub/listings").Text("#flash"), "is saved") {
		t.Fatalf("saving the copy: %d", ok.StatusCode)
	}
	visitor := env.Client(t)
	listing := visitor.Get(t, "/hub/company-b/retailflow-footfall")
	var highlights []string
	listing.Doc.Find(".listing-highlights li").Each(func(_ int, s *goquery.Selection) { highlights = append(highlights, s.Text()) })
	if listing.Text(".lead") != "Footfall analytics for flagship stores" || !slices.Equal(highlights, []string{"Heat maps per aisle", "Exports to spreadsheets"}) {
		t.Errorf("listing page: tagline %q, highlights %v", listing.Text(".lead"), highlights)
	}
	// search reads the new copy, a renamed product and a renamed company at once
	if got := visitor.Get(t, "/hub?q=flagship+aisle").ListingCardNames(); !slices.Equal(got, []string{"RetailFlow Footfall"}) {
		t.Errorf("search for the new copy: %v", got)
	}
	env.Exec(t, "UPDATE products SET name = 'StoreFlow Footfall' WHERE id = $1", retail)
	env.Exec(t, "UPDATE partner_companies SET name = 'Brightline Analytics' WHERE name = 'Company B'")
	if got := visitor.Get(t, "/hub?q=storeflow+brightline").ListingCardNames(); !slices.Equal(got, []string{"StoreFlow Footfall"}) {
		t.Errorf("search after renaming the product and the company: %v", got)
	}
	if visitor.Get(t, "/hub/brightline-analytics/retailflow-footfall").StatusCode != http.StatusOK {
		t.Error("the listing's address does not follow the company's new name")
	}
}

// TestListingsSayWhatConsumersSee: the partner sees why a listing cannot be bought or seen.
func TestListingsSayWhatConsumersSee(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	a := env.SignedIn(t, webtest.PartnerA)
	page := a.Get(t, "/hub/listings")
	if !strings.Contains(page.Text(".banner--readonly"), "Hub listings is read-only") {
		t.Errorf("Company A's banner %q", page.Text(".banner--readonly"))
	}
	rows := listingRows(page)
	if got := rows["FleetPulse Telematics"]; got != "⊘Listed · not for sale Customers see it but cannot buy it: your Solutions Hub is read-only." {
		t.Errorf("FleetPulse row %q", got)
	}
	if got := rows["SoilProbe 3"]; got != "–Not listed Customers do not see it." {
		t.Errorf("SoilProbe row %q", got)
	}
	if page.Doc.Find(`form[action$="/publish"] fieldset[disabled] button`).Length() != len(rows) {
		t.Error("publish buttons are not disabled while the Solutions Hub is read-only")
	}

	b := env.CompanyID(t, "Company B")
	env.SetModuleState(t, b, "software", "inactive")
	rowsB := listingRows(env.SignedIn(t, webtest.PartnerB).Get(t, "/hub/listings"))
	if got := rowsB["RetailFlow Footfall"]; got != "○Listed · hidden Customers do not see it: the production software plan is inactive." {
		t.Errorf("a hidden plan's row %q", got)
	}
	env.SetModuleState(t, b, "software", "exhausted")
	rowsB = listingRows(env.SignedIn(t, webtest.PartnerB).Get(t, "/hub/listings"))
	if got := rowsB["RetailFlow Footfall"]; got != "⊘Listed · not for sale Customers see it but cannot buy it: the production software plan is read-only." {
		t.Errorf("a read-only plan's row %q", got)
	}
}
