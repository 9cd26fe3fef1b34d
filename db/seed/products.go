package seed

import (
	"context"
	"fmt"
	"time"

	"partnerportal/db"
)

// demoProduct is one product of a demo company; its dates are days before today.
type demoProduct struct {
	module      db.ModuleKey
	env         db.Environment
	name, slug  string
	summary     string
	description string
	category    db.ProductCategory
	version     string
	price       string // exact decimal, as numeric(12,2) takes it
	currency    string
	pricing     db.PricingModel
	status      db.ProductStatus
	model       string   // hardware
	conn        []string // hardware
	deployment  db.SoftwareDeployment
	archived    bool
	created     int
	changed     int
}

const (
	sw, hw           = db.ModuleKeySoftware, db.ModuleKeyHardware
	prod, sandbox    = db.EnvironmentProduction, db.EnvironmentSandbox
	monthly, once    = db.PricingModelMonthly, db.PricingModelOneTime
	published, draft = db.ProductStatusPublished, db.ProductStatusDraft
)

// demoProducts gives every demo company a catalogue in the plans it holds: Company A published
// production products of both kinds, drafts, a sandbox solution and an archived device;
// Company B software only; Company C hardware only.
var demoProducts = map[string][]demoProduct{
	"Company A": {
		{module: sw, env: prod, name: "FleetPulse Telematics", slug: "fleetpulse-telematics", category: db.ProductCategoryFleet, version: "3.2.0",
			summary:     "Live positions, driver behaviour and fuel use for fleets of any size.",
			description: "FleetPulse collects position, speed and engine data from every vehicle and turns it into a live map, trip history and weekly driver scores.\n\nAlerts for idling, harsh braking and geofence exits reach dispatchers by e-mail or SMS.",
			price:       "39.00", currency: "EUR", pricing: monthly, status: published, deployment: db.SoftwareDeploymentCloud, created: 60, changed: 6},
		{module: sw, env: prod, name: "EnergyLens Analytics", slug: "energylens-analytics", category: db.ProductCategoryEnergy, version: "2.0.4",
			summary:     "Find where a site wastes energy, meter by meter, hour by hour.",
			description: "EnergyLens reads sub-meters and smart plugs and compares each load with its baseline.\nReports rank the biggest savings first.",
			price:       "129.00", currency: "EUR", pricing: monthly, status: published, deployment: db.SoftwareDeploymentCloud, created: 55, changed: 12},
		{module: sw, env: prod, name: "ColdChain Monitor", slug: "coldchain-monitor", category: db.ProductCategoryAssetTracking, version: "1.8.1",
			summary:     "Temperature and door events for reefers and cold rooms, with an audit trail.",
			description: "Runs on the gateway in the truck, so readings are kept when the network is not.\n\nExports HACCP-ready reports.",
			price:       "59.00", currency: "EUR", pricing: monthly, status: published, deployment: db.SoftwareDeploymentEdge, created: 48, changed: 20},
		{module: sw, env: prod, name: "Smart Office Insights", slug: "smart-office-insights", category: db.ProductCategorySmartBuilding, version: "0.9.0",
			summary:     "Desk and room occupancy for hybrid offices, hosted in your own data centre.",
			description: "Counts people per room from presence sensors and suggests which floors to close on quiet days.",
			price:       "4900.00", currency: "EUR", pricing: once, status: draft, deployment: db.SoftwareDeploymentOnPremises, created: 15, changed: 2},
		{module: sw, env: sandbox, name: "Predictive Maintenance Beta", slug: "predictive-maintenance-beta", category: db.ProductCategoryIndustrial, version: "0.3.0-beta",
			summary:     "Vibration models that warn before a motor fails.",
			description: "An early version trained on test rigs; try it on sandbox devices before it reaches production.",
			price:       "0.00", currency: "EUR", pricing: monthly, status: draft, deployment: db.SoftwareDeploymentEdge, created: 20, changed: 3},
		{module: sw, env: sandbox, name: "Greenhouse Climate Assistant", slug: "greenhouse-climate-assistant", category: db.ProductCategoryAgriculture, version: "0.5.2",
			summary:     "Keeps humidity and temperature in the grower's target band.",
			description: "Suggests vent and heating set points from the forecast and the crop's stage.",
			price:       "19.90", currency: "EUR", pricing: monthly, status: published, deployment: db.SoftwareDeploymentCloud, created: 25, changed: 9},
		{module: hw, env: prod, name: "TrackTag Mini", slug: "tracktag-mini", category: db.ProductCategoryAssetTracking, version: "Rev C",
			summary:     "A coin-sized tag that finds tools and pallets indoors and out.",
			description: "Five years on one battery at an update every 15 minutes.\n\nIP67, with a mounting bracket and adhesive pad in the box.",
			price:       "34.50", currency: "EUR", pricing: once, status: published, model: "TT-M200", conn: []string{"ble", "lorawan"}, created: 58, changed: 30},
		{module: hw, env: prod, name: "SenseHub Gateway", slug: "sensehub-gateway", category: db.ProductCategorySmartBuilding, version: "4.1",
			summary:     "The building gateway: collects every sensor and sends it on over any network.",
			description: "Bridges BLE and LoRaWAN sensors to the cloud over Ethernet, Wi-Fi or LTE, with failover between them.",
			price:       "289.00", currency: "EUR", pricing: once, status: published, model: "SH-GW4", conn: []string{"wifi", "ethernet", "cellular"}, created: 57, changed: 11},
		{module: hw, env: prod, name: "PowerMeter Pro", slug: "powermeter-pro", category: db.ProductCategoryEnergy, version: "2.2",
			summary:     "A three-phase DIN-rail meter with 1-second readings.",
			description: "Class 0.5S accuracy, up to 100 A per phase, Modbus and cloud at the same time.",
			price:       "449.00", currency: "EUR", pricing: once, status: published, model: "PM-3P-100", conn: []string{"ethernet", "cellular"}, created: 40, changed: 14},
		{module: hw, env: prod, name: "VitalBand Patient Monitor", slug: "vitalband-patient-monitor", category: db.ProductCategoryHealthcare, version: "1.0-rc2",
			summary:     "Heart rate, SpO₂ and movement for patients at home.",
			description: "Awaiting certification; the monthly price includes the data plan and replacement straps.",
			price:       "12.00", currency: "EUR", pricing: monthly, status: draft, model: "VB-2", conn: []string{"ble", "wifi"}, created: 10, changed: 1},
		{module: hw, env: prod, name: "SoilProbe 3", slug: "soilprobe-3", category: db.ProductCategoryAgriculture, version: "3.0",
			summary:     "Moisture and temperature at three depths, solar powered.",
			description: "Reports every 30 minutes over LoRaWAN up to 10 km from the gateway.",
			price:       "159.00", currency: "EUR", pricing: once, status: published, model: "SP-3L", conn: []string{"lorawan"}, created: 35, changed: 18},
		{module: hw, env: prod, name: "Legacy Door Sensor", slug: "legacy-door-sensor", category: db.ProductCategorySmartBuilding, version: "1.4",
			summary:     "The first-generation door contact, replaced by the SenseHub range.",
			description: "No longer sold; kept for the customers who bought it.",
			price:       "24.00", currency: "EUR", pricing: once, status: published, model: "DS-100", conn: []string{"wifi"}, archived: true, created: 59, changed: 45},
	},
	"Company B": {
		{module: sw, env: prod, name: "RetailFlow Footfall", slug: "retailflow-footfall", category: db.ProductCategoryRetail, version: "5.1.0",
			summary:     "Visitor counts, dwell time and conversion for every store.",
			description: "Combines door counters and till data into one daily report per store and region.",
			price:       "79.00", currency: "EUR", pricing: monthly, status: published, deployment: db.SoftwareDeploymentCloud, created: 28, changed: 4},
		{module: sw, env: prod, name: "ShelfSense Inventory", slug: "shelfsense-inventory", category: db.ProductCategoryRetail, version: "2.3.0",
			summary:     "Knows when a shelf runs empty before a customer does.",
			description: "Weight and camera sensors feed an edge model in the store; replenishment tasks go to staff handhelds.",
			price:       "149.00", currency: "EUR", pricing: monthly, status: published, deployment: db.SoftwareDeploymentEdge, created: 27, changed: 8},
		{module: sw, env: prod, name: "WardWatch Nurse Call Analytics", slug: "wardwatch-nurse-call-analytics", category: db.ProductCategoryHealthcare, version: "1.6.2",
			summary:     "Response times and workload per ward, inside the hospital network.",
			description: "Installed on the hospital's own servers; no patient data leaves the site.",
			price:       "12500.00", currency: "EUR", pricing: once, status: published, deployment: db.SoftwareDeploymentOnPremises, created: 26, changed: 13},
		{module: sw, env: prod, name: "LineGuard OEE", slug: "lineguard-oee", category: db.ProductCategoryIndustrial, version: "4.0.1",
			summary:     "Overall equipment effectiveness for every production line, live.",
			description: "Reads PLC states at the edge and explains each stop by its cause.",
			price:       "299.00", currency: "EUR", pricing: monthly, status: published, deployment: db.SoftwareDeploymentEdge, created: 25, changed: 5},
		{module: sw, env: prod, name: "RouteWise Dispatch", slug: "routewise-dispatch", category: db.ProductCategoryFleet, version: "2.8.0",
			summary:     "Plans delivery routes around traffic, time windows and vehicle capacity.",
			description: "Re-plans in minutes when an order or a driver changes.",
			price:       "49.00", currency: "USD", pricing: monthly, status: published, deployment: db.SoftwareDeploymentCloud, created: 22, changed: 7},
		{module: sw, env: prod, name: "HVAC Optimizer", slug: "hvac-optimizer", category: db.ProductCategorySmartBuilding, version: "0.8.0",
			summary:     "Trims heating and cooling to occupancy and weather.",
			description: "In pilot with two office buildings.",
			price:       "89.00", currency: "EUR", pricing: monthly, status: draft, deployment: db.SoftwareDeploymentCloud, created: 12, changed: 2},
		{module: sw, env: sandbox, name: "Irrigation Planner", slug: "irrigation-planner", category: db.ProductCategoryAgriculture, version: "0.2.0",
			summary:     "Waters each field zone by soil moisture and forecast.",
			description: "Being tested with sandbox soil probes.",
			price:       "29.00", currency: "EUR", pricing: monthly, status: draft, deployment: db.SoftwareDeploymentCloud, created: 18, changed: 6},
		{module: sw, env: sandbox, name: "Tank Level Dashboard", slug: "tank-level-dashboard", category: db.ProductCategoryEnergy, version: "1.0.0",
			summary:     "Fuel and water tank levels on one screen, with refill forecasts.",
			description: "A licence for one site, any number of tanks.",
			price:       "990.00", currency: "GBP", pricing: once, status: draft, deployment: db.SoftwareDeploymentCloud, created: 16, changed: 10},
		{module: sw, env: sandbox, name: "Asset Registry Lite", slug: "asset-registry-lite", category: db.ProductCategoryAssetTracking, version: "0.9.5",
			summary:     "A free register of tagged assets for evaluating tracking hardware.",
			description: "Import tags, see their last position, export a CSV.",
			price:       "0.00", currency: "EUR", pricing: monthly, status: published, deployment: db.SoftwareDeploymentCloud, created: 14, changed: 14},
	},
	"Company C": {
		{module: hw, env: prod, name: "AirQ Indoor Sensor", slug: "airq-indoor-sensor", category: db.ProductCategorySmartBuilding, version: "2.1",
			summary:     "CO₂, particulates, temperature and humidity in one wall-mounted unit.",
			description: "An e-ink display shows the room's air at a glance; readings go to the cloud every minute.",
			price:       "89.00", currency: "EUR", pricing: once, status: published, model: "AQ-400", conn: []string{"wifi", "ble"}, created: 80, changed: 21},
		{module: hw, env: prod, name: "FleetBox OBD Tracker", slug: "fleetbox-obd-tracker", category: db.ProductCategoryFleet, version: "3.3",
			summary:     "Plug-in tracker for the OBD-II port, with a built-in SIM.",
			description: "Reports position, mileage and fault codes. Installs in a minute without tools.",
			price:       "119.00", currency: "EUR", pricing: once, status: published, model: "FB-OBD2", conn: []string{"cellular", "ble"}, created: 78, changed: 33},
		{module: hw, env: prod, name: "CattleTrack Collar", slug: "cattletrack-collar", category: db.ProductCategoryAgriculture, version: "1.2",
			summary:     "Where the herd is, and which animal has stopped moving.",
			description: "Solar-assisted battery, LoRaWAN up to 15 km in open country.",
			price:       "64.00", currency: "EUR", pricing: once, status: published, model: "CT-C1", conn: []string{"lorawan"}, created: 70, changed: 25},
		{module: hw, env: prod, name: "SmartPlug Industrial", slug: "smartplug-industrial", category: db.ProductCategoryIndustrial, version: "1.5",
			summary:     "A 16 A switchable plug that meters what it powers.",
			description: "For workshop machines and chargers; switch schedules run locally.",
			price:       "54.00", currency: "EUR", pricing: once, status: published, model: "SPI-16A", conn: []string{"wifi", "ethernet"}, created: 66, changed: 40},
		{module: hw, env: prod, name: "PalletTag Rugged", slug: "pallettag-rugged", category: db.ProductCategoryAssetTracking, version: "2.0",
			summary:     "A tag that survives forklifts, freezers and pressure washers.",
			description: "−30 °C to +70 °C, IP69K, replaceable battery.",
			price:       "27.50", currency: "EUR", pricing: once, status: published, model: "PT-R5", conn: []string{"lorawan", "ble"}, created: 60, changed: 15},
		{module: hw, env: prod, name: "ThermoLog Cold Chain Logger", slug: "thermolog-cold-chain-logger", category: db.ProductCategoryHealthcare, version: "0.9",
			summary:     "A calibrated logger for vaccine and medicine shipments.",
			description: "Calibration certificate per unit; alarms when a shipment leaves its range.",
			price:       "145.00", currency: "EUR", pricing: once, status: draft, model: "TL-8", conn: []string{"cellular", "ble"}, created: 30, changed: 4},
		{module: hw, env: prod, name: "E-Ink Shelf Label", slug: "e-ink-shelf-label", category: db.ProductCategoryRetail, version: "1.0",
			summary:     "Prices that change from head office in seconds.",
			description: "2.9-inch three-colour display, seven years on a coin cell.",
			price:       "9.90", currency: "EUR", pricing: once, status: draft, model: "ESL-29", conn: []string{"ble"}, created: 20, changed: 3},
		{module: hw, env: prod, name: "Substation Monitor", slug: "substation-monitor", category: db.ProductCategoryEnergy, version: "3.1",
			summary:     "Transformer temperature, load and partial discharge for grid operators.",
			description: "Fits in a standard cabinet; dual uplinks keep data flowing during faults.",
			price:       "1850.00", currency: "EUR", pricing: once, status: published, model: "SSM-1", conn: []string{"ethernet", "cellular"}, created: 50, changed: 19},
	},
}

// seedProducts brings the demo companies' products back to the demo: other products of those
// companies are removed (resetHub has cleared what pointed at them), demo products reset by slug
// (keeping their ids). It returns the demo products' ids by "company/slug".
func seedProducts(ctx context.Context, q *db.Queries, companies map[string]int64, today time.Time) (map[string]int64, error) {
	at := func(daysAgo int) time.Time { return today.AddDate(0, 0, -daysAgo).Add(10 * time.Hour) }
	ids := map[string]int64{}
	for name, products := range demoProducts {
		company := companies[name]
		keep := make([]string, len(products))
		for i, p := range products {
			keep[i] = p.slug
		}
		if err := q.DeleteDemoProductsExcept(ctx, db.DeleteDemoProductsExceptParams{CompanyID: company, Keep: keep}); err != nil {
			return nil, fmt.Errorf("reset products of %s: %w", name, err)
		}
		for _, p := range products {
			id, err := q.UpsertDemoProduct(ctx, demoProductParams(company, p, at))
			if err != nil {
				return nil, fmt.Errorf("%s product %s: %w", name, p.slug, err)
			}
			ids[name+"/"+p.slug] = id
		}
	}
	return ids, nil
}

func demoProductParams(company int64, p demoProduct, at func(int) time.Time) db.UpsertDemoProductParams {
	arg := db.UpsertDemoProductParams{CompanyID: company, Module: p.module, Environment: p.env, Name: p.name, Slug: p.slug,
		Summary: p.summary, Description: p.description, Category: p.category, Version: p.version, Price: p.price,
		Currency: p.currency, PricingModel: p.pricing, Status: p.status, CreatedAt: at(p.created), UpdatedAt: at(p.changed)}
	if p.module == db.ModuleKeyHardware {
		arg.ModelNumber, arg.Connectivity = &p.model, p.conn
	} else {
		arg.Deployment = &p.deployment
	}
	if p.archived {
		t := at(p.changed)
		arg.ArchivedAt = &t
	}
	return arg
}
