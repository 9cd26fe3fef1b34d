package shop_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"partnerportal/web/webtest"
)

// listTestProduct adds a published production software product of the company and lists it,
// listedAgo days before the test clock's now. It returns the product's id.
func listTestProduct(t *testing.T, env *webtest.Env, company int64, name, tagline, summary, description, price string, listedAgo int) int64 {
	t.Helper()
	var id int64
	now := env.Clock.Now()
	slug := strings.ToLower(strings.ReplaceAll(name, " ", "-"))
	if err := env.Pool.QueryRow(context.Background(), `WITH p AS (
		INSERT INTO products (company_id, module, environment, name, slug, summary, description, category, price, currency,
		                      pricing_model, status, deployment, created_at, updated_at)
		VALUES ($1, 'software', 'production', $2, $3, $4, $5, 'industrial', $6::text::numeric, 'EUR', 'monthly', 'published', 'cloud', $7, $7)
		RETURNING id)
		INSERT INTO listings (product_id, tagline, listed_at, updated_at) SELECT id, $8, $9, $7 FROM p RETURNING product_id`,
		company, name, slug, summary, description, price, now, tagline, now.Add(-time.Duration(listedAgo)*24*time.Hour)).Scan(&id); err != nil {
		t.Fatalf("list %s: %v", name, err)
	}
	return id
}

func TestHubSearchRanksAndFilters(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	b := env.CompanyID(t, "Company B")
	// the same word in the name, the tagline, the summary and the description
	listTestProduct(t, env, b, "Turbine Watch", "", "", "", "10.00", 1)
	listTestProduct(t, env, b, "Blade Monitor", "Turbine blades, inspected daily", "", "", "10.00", 2)
	listTestProduct(t, env, b, "Gearbox Guard", "", "Keeps a turbine's gearbox healthy", "", "10.00", 3)
	listTestProduct(t, env, b, "Nacelle Logger", "", "", "Logs every turbine event in the nacelle.", "10.00", 4)
	c := env.Client(t)
	tests := []struct {
		name, query string
		want        []string
	}{
		{"relevance: the name, then the tagline, the summary, the description", "?q=turbine",
			[]string{"Turbine Watch", "Blade Monitor", "Gearbox Guard", "Nacelle Logger"}},
		{"a prefix finds longer words, stemmed or as typed", "?q=turb",
			[]string{"Turbine Watch", "Blade Monitor", "Gearbox Guard", "Nacelle Logger"}},
		{"a plural finds the singular", "?q=turbines&sort=newest",
			[]string{"Turbine Watch", "Blade Monitor", "Gearbox Guard", "Nacelle Logger"}},
		{"a whole word finds a longer name (EnergyLens)", "?q=energy", []string{"EnergyLens Analytics"}},
		{"every word must match", "?q=turbine+gearbox", []string{"Gearbox Guard"}},
		{"the company's name is searched; the name ranks first", "?q=company+a+gateway", []string{"SenseHub Gateway", "ColdChain Monitor"}},
		{"operators typed are only words", "?q=%27%3A*+%7C+%21", nil},
		{"a hidden company's listing is never found", "?q=airq", []string{}},
		{"kind", "?kind=hardware", []string{"PowerMeter Pro", "SenseHub Gateway", "TrackTag Mini"}},
		{"category", "?category=retail", []string{"ShelfSense Inventory", "RetailFlow Footfall"}},
		{"company, by price from high to low", "?company=company-a&sort=-price",
			[]string{"PowerMeter Pro", "SenseHub Gateway", "EnergyLens Analytics", "ColdChain Monitor", "FleetPulse Telematics", "TrackTag Mini"}},
		{"price range, low to high", "?min=50&max=200&sort=price",
			[]string{"ColdChain Monitor", "RetailFlow Footfall", "EnergyLens Analytics", "ShelfSense Inventory"}},
		{"a decimal comma in a price", "?max=34,50&company=company-a", []string{"TrackTag Mini"}},
		{"filters and search combine", "?q=daily&company=company-b&sort=price", []string{"Blade Monitor", "RetailFlow Footfall"}},
		{"the best match without words is the newest", "?company=company-a",
			[]string{"PowerMeter Pro", "ColdChain Monitor", "SenseHub Gateway", "TrackTag Mini", "EnergyLens Analytics", "FleetPulse Telematics"}},
		{"unknown values are ignored", "?kind=spaceship&category=moon&sort=random&company=company-a",
			[]string{"PowerMeter Pro", "ColdChain Monitor", "SenseHub Gateway", "TrackTag Mini", "EnergyLens Analytics", "FleetPulse Telematics"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.Get(t, "/hub"+tt.query)
			if r.StatusCode != http.StatusOK {
				t.Fatalf("status %d", r.StatusCode)
			}
			got := r.ListingCardNames()
			if tt.want == nil {
				if len(got) == 0 {
					t.Errorf("an operator-only search should match nothing special, got nothing")
				}
				return
			}
			if !slices.Equal(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
				t.Errorf("got %v\nwant %v", got, tt.want)
			}
			if wantCount := fmt.Sprintf("%d solution", len(tt.want)); !strings.HasPrefix(r.Text("#hub-count"), wantCount) {
				t.Errorf("count %q, want %q…", r.Text("#hub-count"), wantCount)
			}
		})
	}

	bad := c.Get(t, "/hub?min=abc&company=company-a")
	if got := bad.Text("#f-min-error"); !strings.Contains(got, "Enter an amount") || len(bad.ListingCardNames()) != 6 {
		t.Errorf("a price that is not an amount: error %q, %d cards (want it flagged and ignored)", got, len(bad.ListingCardNames()))
	}
	if got := bad.Doc.Find("#f-min").AttrOr("value", ""); got != "abc" {
		t.Errorf("the field lost what was typed: %q", got)
	}
	empty := c.Get(t, "/hub?q=nothingmatchesthis")
	if !strings.Contains(empty.Text(".empty-state"), "No solutions match") || empty.Doc.Find(`.empty-state a[href="/hub"]`).Length() != 1 {
		t.Errorf("no results: %q", empty.Text(".empty-state"))
	}
}

// TestHubLiveSearch: the search form's htmx request gets the results alone, the count out of
// band, and the canonical URL to push; the same URL without htmx (or restoring history) is the
// whole page.
func TestHubLiveSearch(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.Client(t)
	var live *webtest.Response
	c.HTMX(func() { live = c.Get(t, "/hub?q=sensor&kind=&category=&company=&min=&max=&sort=relevance") })
	if live.StatusCode != http.StatusOK || strings.Contains(live.Body, "<html") || live.Doc.Find("header.site-header").Length() != 0 {
		t.Fatalf("live search: %d, want the results alone:\n%s", live.StatusCode, live.Body)
	}
	if got := live.ListingCardNames(); !slices.Equal(got, []string{"SenseHub Gateway", "ShelfSense Inventory"}) {
		t.Errorf("live results %v", got)
	}
	if oob := live.Doc.Find(`#hub-count[data-hx-swap-oob="innerHTML"]`); oob.Text() != "2 solutions" {
		t.Errorf("count out of band: %q", oob.Text())
	}
	if got := live.Header.Get("HX-Push-Url"); got != "/hub?q=sensor" {
		t.Errorf("HX-Push-Url %q, want the canonical /hub?q=sensor", got)
	}
	if !slices.Contains(live.Header.Values("Vary"), "HX-Request") {
		t.Errorf("Vary %v lacks HX-Request", live.Header.Values("Vary"))
	}

	plain := c.Get(t, "/hub?q=sensor")
	if plain.Doc.Find("header.site-header").Length() != 1 || !slices.Equal(plain.ListingCardNames(), live.ListingCardNames()) {
		t.Errorf("the same URL without htmx is not the same page: %v", plain.ListingCardNames())
	}
	if form := plain.Doc.Find(`form[role=search]`); form.AttrOr("data-hx-push-url", "") != "true" || form.AttrOr("action", "") != "/hub" ||
		plain.Doc.Find("#q").AttrOr("value", "") != "sensor" {
		t.Error("the search form does not carry the search or does not push the URL")
	}

	c.Header.Set("HX-Request", "true")
	c.Header.Set("HX-History-Restore-Request", "true")
	back := c.Get(t, "/hub?q=sensor")
	c.Header.Del("HX-Request")
	c.Header.Del("HX-History-Restore-Request")
	if back.Doc.Find("header.site-header").Length() != 1 || back.Doc.Find("#hub-results").Length() != 1 {
		t.Error("restoring history (the back button) did not get the whole page")
	}
}

// TestHubPagesWalkEveryListingOnce: keyset pagination in every order, ties included, forward
// with Next and back with Previous.
func TestHubPagesWalkEveryListingOnce(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	b := env.CompanyID(t, "Company B")
	for i := range 30 {
		// three prices and three listing days: many ties for every sort key
		listTestProduct(t, env, b, fmt.Sprintf("Pump Sensor %02d", i), "", "pump", "", []string{"10.00", "20.00", "30.00"}[i%3], i%3)
	}
	c := env.Client(t)
	for _, start := range []string{"/hub", "/hub?sort=price", "/hub?sort=-price", "/hub?q=pump", "/hub?q=pump+sensor&sort=price"} {
		t.Run(start, func(t *testing.T) {
			var pages [][]string
			var seen []string
			next := start
			for next != "" && len(pages) < 20 {
				r := c.Get(t, next)
				names := r.ListingCardNames()
				if len(names) == 0 || len(names) > 12 {
					t.Fatalf("%s: %d cards", next, len(names))
				}
				pages = append(pages, names)
				seen = append(seen, names...)
				next = r.Doc.Find(`.pagination a[rel=next]`).AttrOr("href", "")
				if len(pages) == 1 && r.Doc.Find(`.pagination a[rel=prev]`).Length() != 0 {
					t.Error("the first page offers Previous")
				}
			}
			all := c.Get(t, start)
			total := all.Text("#hub-count")
			sorted := slices.Clone(seen)
			slices.Sort(sorted)
			if len(slices.Compact(sorted)) != len(seen) || fmt.Sprintf("%d solutions", len(seen)) != total {
				t.Fatalf("walked %d listings (%d different), the page says %s", len(seen), len(slices.Compact(sorted)), total)
			}
			// and back: Previous from the last page gives the same pages in reverse
			r := c.Get(t, pageURL(t, c, start, len(pages)))
			for i := len(pages) - 2; i >= 0; i-- {
				prev := r.Doc.Find(`.pagination a[rel=prev]`).AttrOr("href", "")
				if prev == "" {
					t.Fatalf("page %d offers no Previous", i+2)
				}
				r = c.Get(t, prev)
				if got := r.ListingCardNames(); !slices.Equal(got, pages[i]) {
					t.Fatalf("Previous to page %d: %v, want %v", i+1, got, pages[i])
				}
			}
		})
	}
	// a cursor that is not one is ignored
	if r := c.Get(t, "/hub?after=drop+table"); r.StatusCode != http.StatusOK || len(r.ListingCardNames()) != 12 {
		t.Errorf("a bad cursor: %d, %d cards", r.StatusCode, len(r.ListingCardNames()))
	}
}

// pageURL follows Next from start to page n (1-based).
func pageURL(t *testing.T, c *webtest.Client, start string, n int) string {
	t.Helper()
	u := start
	for i := 1; i < n; i++ {
		u = c.Get(t, u).Doc.Find(`.pagination a[rel=next]`).AttrOr("href", "")
	}
	return u
}
