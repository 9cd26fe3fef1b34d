package seed

import (
	"context"
	"crypto/rand"
	"fmt"
	"time"

	"partnerportal/db"
)

// demoProfiles are how the demo companies present themselves in the Solutions Hub.
var demoProfiles = map[string]struct{ tagline, email string }{
	"Company A": {"Hardware and software for fleets, energy and buildings since 2009.", "sales@company-a.example"},
	"Company B": {"Retail, health and industrial analytics that pay for themselves.", "hello@company-b.example"},
	"Company C": {"Rugged sensors for the places other devices give up.", "orders@company-c.example"},
}

// demoListing is a demo product's Solutions Hub copy; listed puts it in the Hub, listedAgo
// days before today.
type demoListing struct {
	company, slug string
	tagline       string
	highlights    []string
	listed        bool
	listedAgo     int
}

// demoListings list the published production products of all three companies. What consumers
// see of them follows the companies' services (SPEC §7): Company A's are visible but cannot be
// bought (its Solutions Hub expired), Company B's can be bought, Company C's are absent (its
// Solutions Hub is inactive). SoilProbe 3 has copy but is not listed.
var demoListings = []demoListing{
	{"Company A", "fleetpulse-telematics", "Every vehicle on one live map, with driver scores that cut fuel bills.",
		[]string{"Live map and trip history", "Idling and harsh-braking alerts", "Weekly driver scores"}, true, 50},
	{"Company A", "energylens-analytics", "Find the waste in every meter, ranked by what it costs you.",
		[]string{"Baselines per load", "Savings ranked by value", "Works with any sub-meter"}, true, 45},
	{"Company A", "coldchain-monitor", "Temperature and door events from truck to cold room, even offline.",
		[]string{"Runs on the truck's gateway", "HACCP-ready reports"}, true, 40},
	{"Company A", "tracktag-mini", "Find tools and pallets indoors and out, for five years on one battery.",
		[]string{"Coin-sized, IP67", "BLE and LoRaWAN", "Bracket and adhesive pad included"}, true, 44},
	{"Company A", "sensehub-gateway", "One gateway for every building sensor, with network failover.",
		[]string{"BLE and LoRaWAN in, Ethernet, Wi-Fi or LTE out", "Automatic failover"}, true, 43},
	{"Company A", "powermeter-pro", "Three-phase metering with one-second readings.",
		[]string{"Class 0.5S", "Up to 100 A per phase", "Modbus and cloud at once"}, true, 30},
	{"Company A", "soilprobe-3", "Moisture at three depths, powered by the sun.", []string{"LoRaWAN up to 10 km"}, false, 0},
	{"Company B", "retailflow-footfall", "Footfall, dwell time and conversion for every store, every day.",
		[]string{"Door counters and till data combined", "Daily report per store and region"}, true, 20},
	{"Company B", "shelfsense-inventory", "Knows when a shelf runs empty before your customers do.",
		[]string{"Edge model in the store", "Tasks straight to staff handhelds"}, true, 18},
	{"Company B", "wardwatch-nurse-call-analytics", "Nurse-call response times per ward, without data leaving the hospital.",
		[]string{"On-premises installation", "Workload per ward and shift"}, true, 16},
	{"Company B", "lineguard-oee", "Live OEE for every line, with every stop explained.",
		[]string{"Reads PLC states at the edge", "Stops ranked by cause"}, true, 12},
	{"Company B", "routewise-dispatch", "Delivery routes that adapt to traffic, time windows and capacity.",
		[]string{"Re-plans in minutes", "Time windows and vehicle capacity"}, true, 8},
	{"Company C", "airq-indoor-sensor", "See the air in every room at a glance.",
		[]string{"CO₂, particulates, temperature, humidity", "E-ink display"}, true, 40},
	{"Company C", "pallettag-rugged", "A tag that survives forklifts, freezers and pressure washers.",
		[]string{"IP69K", "−30 °C to +70 °C"}, true, 35},
	{"Company C", "substation-monitor", "Transformer health for grid operators, through every fault.",
		[]string{"Dual uplinks", "Partial-discharge detection"}, true, 30},
}

// demoOrder is one of a demo consumer's past orders, days before today: products by company
// and slug, with how many of each, at the products' prices.
type demoOrder struct {
	consumer string
	daysAgo  int
	lines    []demoOrderLine
}

type demoOrderLine struct {
	company, slug string
	quantity      int32
}

// demoOrders are consumer@example.com's orders from all three companies, among them Company A
// products whose plans are active (and whose Solutions Hub is not).
var demoOrders = []demoOrder{
	{"consumer@example.com", 52, []demoOrderLine{{"Company C", "airq-indoor-sensor", 4}}},
	{"consumer@example.com", 41, []demoOrderLine{{"Company A", "fleetpulse-telematics", 1}}},
	{"consumer@example.com", 33, []demoOrderLine{{"Company A", "tracktag-mini", 10}, {"Company A", "sensehub-gateway", 1}}},
	{"consumer@example.com", 19, []demoOrderLine{{"Company B", "retailflow-footfall", 1}}},
}

// resetHub clears what points at the demo companies' products (purchases, order lines, cart
// lines, listings) so seedProducts may reset and delete products; orders left without lines
// go too.
func resetHub(ctx context.Context, q *db.Queries, companies map[string]int64) error {
	for name, id := range companies {
		for _, del := range []func(context.Context, int64) error{
			q.DeleteDemoPurchases, q.DeleteDemoOrderLines, q.DeleteDemoCartLines, q.DeleteDemoListings,
		} {
			if err := del(ctx, id); err != nil {
				return fmt.Errorf("reset the Hub of %s: %w", name, err)
			}
		}
	}
	if err := q.DeleteEmptyOrders(ctx); err != nil {
		return fmt.Errorf("reset orders: %w", err)
	}
	return nil
}

// seedHub gives the demo companies their Hub profiles and listings, and the demo consumer its
// orders and the purchases they made. products are the demo products' ids by "company/slug".
func seedHub(ctx context.Context, q *db.Queries, companies, users, products map[string]int64, today time.Time) error {
	at := func(daysAgo int) time.Time { return today.AddDate(0, 0, -daysAgo).Add(10 * time.Hour) }
	for name, p := range demoProfiles {
		if err := q.UpdateHubProfile(ctx, db.UpdateHubProfileParams{ID: companies[name], HubTagline: p.tagline, HubContactEmail: p.email}); err != nil {
			return fmt.Errorf("Hub profile of %s: %w", name, err)
		}
	}
	for _, l := range demoListings {
		id, ok := products[l.company+"/"+l.slug]
		if !ok {
			return fmt.Errorf("listing of unknown demo product %s/%s", l.company, l.slug)
		}
		arg := db.UpsertDemoListingParams{ProductID: id, Tagline: l.tagline, Highlights: l.highlights, UpdatedAt: at(l.listedAgo)}
		if l.listed {
			t := at(l.listedAgo)
			arg.ListedAt = &t
		}
		if err := q.UpsertDemoListing(ctx, arg); err != nil {
			return fmt.Errorf("listing of %s/%s: %w", l.company, l.slug, err)
		}
	}
	for _, o := range demoOrders {
		if err := seedOrder(ctx, q, users[o.consumer], o, products, at(o.daysAgo)); err != nil {
			return fmt.Errorf("order of %s %d days ago: %w", o.consumer, o.daysAgo, err)
		}
	}
	return nil
}

// seedOrder places a past order the way checkout does: the order, its lines at the products'
// prices, and the purchases of its lines.
func seedOrder(ctx context.Context, q *db.Queries, consumer int64, o demoOrder, products map[string]int64, placed time.Time) error {
	id, err := q.CreateOrder(ctx, db.CreateOrderParams{ConsumerID: consumer, CheckoutToken: "demo-" + rand.Text(), PlacedAt: placed})
	if err != nil {
		return err
	}
	var lines db.CreateOrderLinesParams
	lines.OrderID = id
	for _, l := range o.lines {
		pid, ok := products[l.company+"/"+l.slug]
		if !ok {
			return fmt.Errorf("unknown demo product %s/%s", l.company, l.slug)
		}
		lines.ProductIds = append(lines.ProductIds, pid)
		lines.Quantities = append(lines.Quantities, l.quantity)
		lines.Statuses = append(lines.Statuses, string(db.OrderLineStatusPlaced))
		lines.Reasons = append(lines.Reasons, "")
	}
	if err := q.CreateOrderLines(ctx, lines); err != nil {
		return err
	}
	return q.CreateOrderPurchases(ctx, id)
}
