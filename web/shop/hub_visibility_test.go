package shop_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"partnerportal/web/webtest"
)

// TestHubFollowsBothStates is SPEC §5 through the real pages, over every Solutions Hub state ×
// every state of the product's plan: Company B's RetailFlow Footfall is in the Hub iff neither
// is hidden, can be added to a cart iff both can be used, and a consumer's cart (filled while
// everything was usable) flags it with the reason otherwise.
func TestHubFollowsBothStates(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	b := env.CompanyID(t, "Company B")
	product := env.ProductID(t, "Company B", "retailflow-footfall")
	const name, page = "RetailFlow Footfall", "/hub/company-b/retailflow-footfall"
	visitor := env.Client(t)
	visitor.Get(t, "/hub")
	consumer := env.SignedIn(t, webtest.Consumer)
	addToCart(t, consumer, product, "2")

	shown := map[string]bool{"active": true, "grace": true, "expired": true, "exhausted": true}
	usable := map[string]bool{"active": true, "grace": true}
	hubStates := []string{"none", "inactive", "scheduled", "active", "grace", "expired"} // no quota: never exhausted
	planStates := []string{"none", "inactive", "scheduled", "active", "grace", "expired", "exhausted"}
	for _, hub := range hubStates {
		for _, plan := range planStates {
			t.Run("hub "+hub+"/plan "+plan, func(t *testing.T) {
				env.SetModuleState(t, b, "solutions_hub", hub)
				env.SetModuleState(t, b, "software", plan)
				visible, purchasable := shown[hub] && shown[plan], usable[hub] && usable[plan]

				grid := visitor.Get(t, "/hub?company=company-b")
				c := grid.ListingCard(name)
				if got := c.Length() == 1; got != visible {
					t.Fatalf("card shown %v, want %v (cards %v)", got, visible, grid.ListingCardNames())
				}
				if visible {
					if got := c.Find(`form[action="/cart/items"] button`).Length() == 1; got != purchasable {
						t.Errorf("Add to cart offered %v, want %v", got, purchasable)
					}
					if got := strings.Contains(c.Text(), "Not available for purchase"); got != !purchasable {
						t.Errorf("“Not available for purchase” shown %v, want %v", got, !purchasable)
					}
				}

				listing := visitor.Get(t, page)
				if want := map[bool]int{true: http.StatusOK, false: http.StatusNotFound}[visible]; listing.StatusCode != want {
					t.Errorf("listing page: %d, want %d", listing.StatusCode, want)
				} else if visible && (listing.Doc.Find(`input[name=quantity][type=number]`).Length() == 1) != purchasable {
					t.Errorf("listing page offers a quantity to add: %v, want %v", !purchasable, purchasable)
				}

				var add *webtest.Response
				visitor.HTMX(func() {
					add = visitor.PostForm(t, "/cart/items", url.Values{"product_id": {webtest.Itoa(product)}, "quantity": {"1"}})
				})
				if want := map[bool]int{true: http.StatusOK, false: http.StatusUnprocessableEntity}[purchasable]; add.StatusCode != want {
					t.Errorf("htmx add: %d, want %d: %s", add.StatusCode, want, add.Body)
				}

				line := cartLine(consumer.Get(t, "/cart"), name)
				if line.Length() != 1 {
					t.Fatal("the consumer's cart lost the line")
				}
				reason := strings.Join(strings.Fields(line.Find(".cart-line__reason").Text()), " ")
				switch {
				case purchasable:
					if reason != "" || !strings.Contains(line.Text(), "€158.00") {
						t.Errorf("a purchasable line is flagged %q or lost its amount: %q", reason, line.Text())
					}
				case visible:
					if !strings.Contains(reason, "Not available for purchase right now.") || !strings.Contains(line.Text(), "Not included") {
						t.Errorf("visible but not purchasable: line says %q", line.Text())
					}
				default:
					if !strings.Contains(reason, "No longer offered in the Solutions Hub.") || line.Find("th a").Length() != 0 {
						t.Errorf("hidden: line says %q (a link to the listing would be a dead end)", line.Text())
					}
				}
			})
		}
	}
}

// TestHubDemoScenarios: the demo as SPEC §7 S2 and S4 leave it. Company A's Solutions Hub
// expired (S2: listings visible, no add-to-cart), Company B's is active, Company C's is
// inactive (S4: its listings are absent).
func TestHubDemoScenarios(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	r := env.Client(t).Get(t, "/hub")
	if r.StatusCode != http.StatusOK {
		t.Fatalf("GET /hub: %d", r.StatusCode)
	}
	for _, tt := range []struct {
		name        string
		shown, buys bool
	}{
		{"FleetPulse Telematics", true, false},
		{"TrackTag Mini", true, false},
		{"RetailFlow Footfall", true, true},
		{"RouteWise Dispatch", true, true},
		{"AirQ Indoor Sensor", false, false},
		{"Substation Monitor", false, false},
		{"SoilProbe 3", false, false},                  // published, not listed
		{"Greenhouse Climate Assistant", false, false}, // sandbox: never a listing
		{"Smart Office Insights", false, false},        // a draft
	} {
		c := r.ListingCard(tt.name)
		if (c.Length() == 1) != tt.shown {
			t.Errorf("%s shown %v, want %v", tt.name, c.Length() == 1, tt.shown)
			continue
		}
		if tt.shown && (c.Find("button").Length() == 1) != tt.buys {
			t.Errorf("%s can be added %v, want %v", tt.name, !tt.buys, tt.buys)
		}
	}
	var companies []string
	r.Doc.Find("#f-company option").Each(func(_ int, s *goquery.Selection) { companies = append(companies, s.Text()) })
	if strings.Join(companies, ",") != "Any company,Company A,Company B" {
		t.Errorf("company filter offers %v", companies)
	}
	if got := r.Text("#hub-count"); got != "11 solutions" {
		t.Errorf("count %q", got)
	}
}
