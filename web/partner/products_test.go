package partner_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"partnerportal/web/webtest"
)

// listed is the names of the products a list page shows, in order.
func listed(r *webtest.Response) []string {
	var out []string
	r.Doc.Find("table.table tbody th[scope=row] a").Each(func(_ int, s *goquery.Selection) {
		out = append(out, strings.TrimSpace(s.Text()))
	})
	return out
}

func TestProductListSearchesFiltersAndSorts(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerA)
	tests := []struct {
		name  string
		query string
		want  []string // exact, in order; nil with count to check only how many
		count int
	}{
		{name: "everything not archived, newest change first", query: "", count: 11},
		{name: "search by name, any case", query: "?q=TRACKTAG", want: []string{"TrackTag Mini"}},
		{name: "search by model number", query: "?q=PM-3P", want: []string{"PowerMeter Pro"}},
		{name: "search with a LIKE wildcard matches it literally", query: "?q=%25", want: nil},
		{name: "hardware devices", query: "?kind=hardware&sort=name", want: []string{"PowerMeter Pro", "SenseHub Gateway", "SoilProbe 3", "TrackTag Mini", "VitalBand Patient Monitor"}},
		{name: "sandbox", query: "?environment=sandbox&sort=name", want: []string{"Greenhouse Climate Assistant", "Predictive Maintenance Beta"}},
		{name: "drafts", query: "?status=draft&sort=-name", want: []string{"VitalBand Patient Monitor", "Smart Office Insights", "Predictive Maintenance Beta"}},
		{name: "category", query: "?category=energy&sort=price", want: []string{"EnergyLens Analytics", "PowerMeter Pro"}},
		{name: "filters combine", query: "?kind=software&environment=production&status=published&sort=-price", want: []string{"EnergyLens Analytics", "ColdChain Monitor", "FleetPulse Telematics"}},
		{name: "archived products only under their filter", query: "?status=archived", want: []string{"Legacy Door Sensor"}},
		{name: "an unknown filter value is ignored", query: "?kind=spaceship", count: 11},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.Get(t, "/products"+tt.query)
			if r.StatusCode != http.StatusOK {
				t.Fatalf("status %d", r.StatusCode)
			}
			got := listed(r)
			if tt.count > 0 {
				if len(got) != tt.count {
					t.Errorf("%d products %v, want %d", len(got), got, tt.count)
				}
				if slices.Contains(got, "Legacy Door Sensor") {
					t.Error("the archived product is listed")
				}
				return
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("listed %q, want %q", got, tt.want)
			}
			if len(got) == 0 && !strings.Contains(r.Text(".empty-state"), "No products match these filters") {
				t.Errorf("empty result without the next step: %q", r.Text(".empty-state"))
			}
		})
	}
	// Company B's products never show for Company A.
	if got := listed(c.Get(t, "/products?q=RetailFlow")); len(got) != 0 {
		t.Errorf("Company A finds Company B's product: %v", got)
	}
}

func TestProductListSortableHeadersKeepFilters(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerA)
	r := c.Get(t, "/products?kind=hardware&sort=name")
	th := r.Doc.Find(`th[aria-sort="ascending"]`)
	if strings.TrimSpace(th.Text()) != "Name" {
		t.Fatalf("sorted column %q, want Name", th.Text())
	}
	href := th.Find("a").AttrOr("href", "")
	u, _ := url.Parse(href)
	if u.Query().Get("sort") != "-name" || u.Query().Get("kind") != "hardware" {
		t.Errorf("Name header links to %q, want the reverse order with the filter kept", href)
	}
	if got := listed(c.Get(t, href)); got[0] != "VitalBand Patient Monitor" {
		t.Errorf("reversed list starts with %q", got[0])
	}
}

func TestProductListPaginates(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	// Company B has 9 demo products; 25 more make 34: pages of 20 and 14.
	if _, err := env.Pool.Exec(context.Background(), `INSERT INTO products (company_id, module, environment, name, slug,
		category, price, currency, pricing_model, deployment, created_at, updated_at)
		SELECT c.id, 'software', 'production', 'Bulk product ' || lpad(n::text, 2, '0'), 'bulk-' || n, 'retail', 10, 'EUR', 'monthly', 'cloud', now(), now()
		FROM partner_companies c, generate_series(1, 25) n WHERE c.name = 'Company B'`); err != nil {
		t.Fatal(err)
	}
	c := env.SignedIn(t, webtest.PartnerB)
	first := c.Get(t, "/products?sort=name")
	if got := listed(first); len(got) != 20 || got[0] != "Asset Registry Lite" {
		t.Fatalf("page 1: %d products starting %v", len(got), got)
	}
	if s := first.Text(".pagination__summary"); s != "Showing 1–20 of 34" {
		t.Errorf("summary %q", s)
	}
	next := first.Doc.Find(`.pagination a[rel=next]`).AttrOr("href", "")
	if next != "/products?page=2&sort=name" {
		t.Fatalf("next page link %q", next)
	}
	second := c.Get(t, next)
	if got := listed(second); len(got) != 14 {
		t.Errorf("page 2 has %d products, want 14", len(got))
	}
	if s := second.Text(".pagination__summary"); s != "Showing 21–34 of 34" {
		t.Errorf("summary %q", s)
	}
	if second.Doc.Find(`.pagination a[rel=next]`).Length() != 0 || second.Text(`.pagination [aria-current=page]`) != "2" {
		t.Error("the last page offers a next page or does not mark itself current")
	}
	if seen := append(listed(first), listed(second)...); len(slices.Compact(slices.Sorted(slices.Values(seen)))) != 34 {
		t.Errorf("the two pages do not hold 34 different products")
	}
	past := c.Get(t, "/products?page=9")
	if past.StatusCode != http.StatusOK || !strings.Contains(past.Text(".empty-state"), "no products on this page") {
		t.Errorf("past the last page: %d %q", past.StatusCode, past.Text(".empty-state"))
	}
}

func TestProductListEmptyStateSaysWhatToDo(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	if _, err := env.Pool.Exec(context.Background(), `DELETE FROM purchases; DELETE FROM order_lines; DELETE FROM device_designs; DELETE FROM products`); err != nil {
		t.Fatal(err)
	}
	r := env.SignedIn(t, webtest.PartnerC).Get(t, "/products")
	if !strings.Contains(r.Text(".empty-state"), "You have no products yet") || r.Doc.Find(`.empty-state a[href="/products/new"]`).Length() != 1 {
		t.Errorf("empty list says %q", r.Text(".empty-state"))
	}
}

func TestProductPagesStayWithinTheirQueryBudget(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerA)
	id := webtest.Itoa(env.ProductID(t, "Company A", "fleetpulse-telematics"))
	for _, path := range []string{"/products", "/products?q=track&kind=hardware&sort=-price&page=1", "/products/new", "/products/" + id, "/products/" + id + "/edit"} {
		c.Get(t, path) // the first view may carry a flash
		r := c.Get(t, path)
		if r.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", path, r.StatusCode)
		}
		st := env.Stats(t, r)
		if st.Queries > 2 || st.Wrote {
			t.Errorf("GET %s: %d queries (wrote %v), want at most 2 and no write", path, st.Queries, st.Wrote)
		}
	}
}
