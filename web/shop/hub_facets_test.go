package shop_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"partnerportal/web/webtest"
)

// TestHubPagesWithoutListingsKeepCountAndCompanies: a page with no card still says how many
// listings match and offers every company with visible listings, whether nothing matches or
// the cursor is past the last listing (SearchHub then answers one row without a listing).
func TestHubPagesWithoutListingsKeepCountAndCompanies(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.Client(t)
	for _, tt := range []struct {
		name, path, count, empty string
	}{
		{"the first page", "/hub", "11 solutions", ""},
		{"no match", "/hub?q=zzzzqqq", "0 solutions", "No solutions match your search. Try fewer words or other filters."},
		{"past the last listing", "/hub?after=0_0", "11 solutions", "There are no more solutions this way."},
		{"before the first listing", "/hub?before=99999999999_0", "11 solutions", "There are no more solutions this way."},
	} {
		r := c.Get(t, tt.path)
		if r.StatusCode != http.StatusOK {
			t.Fatalf("%s: GET %s: %d", tt.name, tt.path, r.StatusCode)
		}
		if got := r.Text("#hub-count"); got != tt.count {
			t.Errorf("%s: count %q, want %q", tt.name, got, tt.count)
		}
		if got := r.Text("#hub-results .empty-state p"); got != tt.empty {
			t.Errorf("%s: empty state %q, want %q", tt.name, got, tt.empty)
		}
		if tt.empty != "" && r.Doc.Find("#hub-results .listing-card").Length() != 0 {
			t.Errorf("%s: cards on an empty page", tt.name)
		}
		var companies []string
		r.Doc.Find("#f-company option").Each(func(_ int, s *goquery.Selection) {
			companies = append(companies, s.AttrOr("value", "")+"="+s.Text())
		})
		if got := strings.Join(companies, ","); got != "=Any company,company-a=Company A,company-b=Company B" {
			t.Errorf("%s: company filter offers %s", tt.name, got)
		}
	}
}
