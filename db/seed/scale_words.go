package seed

import "partnerportal/db"

// The words the scale seed builds names and copy from, so the Hub's full-text search has
// varied text to match.

var firstNames = []string{"Anna", "Ben", "Chloe", "David", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas",
	"Kira", "Liam", "Maya", "Noah", "Olga", "Pavel", "Quinn", "Rosa", "Sami", "Tara", "Umar", "Vera", "Wen", "Yusuf", "Zoe"}

var lastNames = []string{"Andersen", "Brooks", "Chen", "Diaz", "Eriksen", "Fischer", "Garcia", "Haddad", "Ivanova",
	"Jensen", "Kowalski", "Lopez", "Moreau", "Nakamura", "Okafor", "Peters", "Rossi", "Schmidt", "Tanaka", "Umarov",
	"Varga", "Weber", "Yilmaz", "Zimmer"}

var companyStems = []string{"Blue", "North", "Iron", "Bright", "Clear", "Swift", "Stone", "River", "Silver", "Green",
	"Solid", "True", "Deep", "High", "Open", "Red", "Sun", "Wave", "Peak", "Core", "Nova", "Terra", "Aero", "Polar"}

var companyEndings = []string{"peak", "wind", "field", "bridge", "line", "point", "gate", "works", "stack", "forge",
	"wave", "path", "spring", "mark", "logic", "sense", "grid", "link"}

var companyKinds = []string{"Systems", "Sensors", "Technologies", "Devices", "Analytics", "Labs", "Solutions",
	"Electronics", "Software", "IoT", "Automation", "Telematics", "Robotics", "Networks", "Instruments"}

var companyTaglines = []string{
	"Connected devices that keep working where others give up.",
	"Software that turns sensor data into decisions.",
	"From the factory floor to the cloud, one platform.",
	"Rugged hardware, honest prices, ten-year support.",
	"Analytics that pay for themselves in a quarter.",
	"Monitoring for buildings, fleets and plants.",
	"We make machines talk and people listen.",
	"Small sensors, big savings.",
}

var productStems = []string{"Fleet", "Energy", "Cold", "Air", "Grid", "Soil", "Track", "Vital", "Line", "Shelf",
	"Route", "Water", "Heat", "Volt", "Flow", "Crop", "Ward", "Dock", "Cargo", "Light", "Motor", "Pump", "Vent", "Tank"}

var productEndings = []string{"Pulse", "Lens", "Guard", "Sense", "Hub", "Tag", "Watch", "Scope", "Link", "Beacon",
	"Pilot", "Mind", "Wise", "Keeper", "Eye", "Meter", "Bridge", "Board"}

var softwareKinds = []string{"Analytics", "Telematics", "Dashboard", "Platform", "Suite", "Insights", "Manager",
	"Optimizer", "Planner", "Console"}

var hardwareKinds = []string{"Sensor", "Gateway", "Tracker", "Controller", "Meter", "Probe", "Monitor", "Tag",
	"Node", "Camera"}

// scaleTopics are each category's nouns and what its products do, for summaries, taglines,
// highlights and descriptions.
var scaleTopics = map[db.ProductCategory]struct{ nouns, verbs, highlights []string }{
	db.ProductCategoryAssetTracking: {[]string{"pallets", "containers", "tools", "trailers", "returnable crates"},
		[]string{"finds", "tracks", "geofences", "counts"},
		[]string{"Indoor and outdoor positioning", "Five-year battery", "Geofence alerts", "BLE and LoRaWAN", "IP67 housing"}},
	db.ProductCategorySmartBuilding: {[]string{"offices", "meeting rooms", "HVAC units", "lifts", "car parks"},
		[]string{"monitors", "balances", "schedules", "optimises"},
		[]string{"Occupancy per room", "CO2 and comfort scores", "BACnet and Modbus", "Works with any BMS", "Floor plans in minutes"}},
	db.ProductCategoryEnergy: {[]string{"sub-meters", "solar inverters", "batteries", "heat pumps", "chargers"},
		[]string{"meters", "forecasts", "balances", "reduces"},
		[]string{"One-second readings", "Baselines per load", "Peak shaving", "Tariff-aware schedules", "Savings ranked by value"}},
	db.ProductCategoryHealthcare: {[]string{"wards", "infusion pumps", "patients", "cold rooms", "beds"},
		[]string{"monitors", "alerts", "documents", "tracks"},
		[]string{"On-premises option", "Nurse-call integration", "Audit trail", "HL7 and FHIR", "Medical-grade sensors"}},
	db.ProductCategoryIndustrial: {[]string{"motors", "production lines", "compressors", "pumps", "conveyors"},
		[]string{"predicts", "monitors", "explains", "schedules"},
		[]string{"Vibration analysis", "OEE per line", "Reads PLC states", "Stops ranked by cause", "OPC UA ready"}},
	db.ProductCategoryAgriculture: {[]string{"greenhouses", "fields", "irrigation valves", "silos", "herds"},
		[]string{"waters", "measures", "protects", "forecasts"},
		[]string{"Soil moisture at three depths", "Solar powered", "Frost alerts", "LoRaWAN up to 10 km", "Yield forecasts"}},
	db.ProductCategoryRetail: {[]string{"stores", "shelves", "checkouts", "fridges", "stockrooms"},
		[]string{"counts", "replenishes", "analyses", "forecasts"},
		[]string{"Footfall and conversion", "Empty-shelf alerts", "Edge model in the store", "Daily report per region", "POS integration"}},
	db.ProductCategoryFleet: {[]string{"vans", "trucks", "delivery routes", "drivers", "reefers"},
		[]string{"routes", "tracks", "scores", "dispatches"},
		[]string{"Live map and trip history", "Driver scores", "Fuel and idling reports", "Tachograph download", "Time windows and capacity"}},
}
