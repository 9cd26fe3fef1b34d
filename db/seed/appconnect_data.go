package seed

import (
	"partnerportal/db"
	ac "partnerportal/web/appconnect"
)

// demoTemplate is an AppConnect template of the demo catalogue.
type demoTemplate struct {
	slug, name, summary, description string
	industry                         db.ProductCategory
	parts                            ac.Parts
}

func feature(key, name, description string, required, on bool) ac.FeatureRow {
	return ac.FeatureRow{Key: key, Name: name, Description: description, Required: required, DefaultOn: on}
}

func param(key, label, kind, def, min, max, choices, help string) ac.ParameterRow {
	return ac.ParameterRow{Key: key, Label: label, Kind: kind, Default: def, Min: min, Max: max, Choices: choices, Help: help, Required: true}
}

// demoTemplates is the catalogue partners deploy from in the demo.
var demoTemplates = []demoTemplate{
	{slug: "smart-building", name: "Smart building comfort", industry: db.ProductCategorySmartBuilding,
		summary:     "Room comfort, air quality and occupancy across your buildings, with alerts and a daily energy report.",
		description: "Floor plans light up with each room's temperature, humidity and CO₂, live.\n\nAlerts go to facility staff when a room leaves its comfort band; occupancy shows which rooms are used and when, so heating and cooling follow people.",
		parts: ac.Parts{
			Features: []ac.FeatureRow{
				feature("dashboards", "Live floor dashboards", "Every room's climate on its floor plan.", true, true),
				feature("comfort_alerts", "Comfort alerts", "Tell facility staff when a room is too warm, too cold or stuffy.", false, true),
				feature("occupancy", "Occupancy analytics", "Which rooms are used, when and how much.", false, true),
				feature("energy_report", "Daily energy report", "Yesterday's heating and cooling, by building, every morning.", false, false),
				feature("hvac_control", "HVAC set-point control", "Change set-points from the dashboard.", false, false),
			},
			Parameters: []ac.ParameterRow{
				param("site_name", "Site name", "text", "Head office", "2", "60", "", "Shown on dashboards and reports."),
				param("comfort_min", "Lowest comfortable temperature (°C)", "number", "20", "16", "24", "", ""),
				param("comfort_max", "Highest comfortable temperature (°C)", "number", "24", "20", "30", "", ""),
				param("co2_limit", "CO₂ alert level (ppm)", "number", "1000", "600", "2000", "", "Air above this is reported as stuffy."),
				param("report_hour", "Report hour", "number", "7", "0", "23", "", "When the daily report is sent, in the site's time."),
				param("after_hours", "Alert outside opening hours", "boolean", "false", "", "", "", ""),
				param("brand_colour", "Dashboard colour", "colour", "#1f6feb", "", "", "", "Your brand's colour for headers and charts."),
			},
			Devices: []ac.DeviceRow{
				{Key: "climate_sensor", Name: "Room climate sensor", Attributes: "temperature, humidity"},
				{Key: "air_quality", Name: "Air quality sensor", Attributes: "co2, temperature"},
			},
		}},
	{slug: "asset-tracking", name: "Asset tracking", industry: db.ProductCategoryAssetTracking,
		summary:     "Where every tagged asset is, where it has been, and when it leaves the places it belongs.",
		description: "A live map of your trackers with their battery, trip history and geofences that alert the moment an asset leaves its zone.",
		parts: ac.Parts{
			Features: []ac.FeatureRow{
				feature("live_map", "Live map", "Every tracker's last position.", true, true),
				feature("geofences", "Geofence alerts", "Alert when an asset leaves its zone.", false, true),
				feature("battery_alerts", "Battery alerts", "Warn before a tracker goes quiet.", false, true),
				feature("trip_history", "Trip history", "Replay where an asset went.", false, false),
			},
			Parameters: []ac.ParameterRow{
				param("fleet_name", "Fleet name", "text", "Yard assets", "2", "60", "", ""),
				param("geofence_radius", "Geofence radius (m)", "number", "250", "50", "5000", "", ""),
				param("report_interval", "Position interval (minutes)", "number", "15", "1", "60", "", "How often trackers report while moving."),
				param("low_battery", "Low battery level (%)", "number", "15", "5", "50", "", ""),
				param("map_style", "Map style", "choice", "Streets", "", "", "Streets, Satellite, Light", ""),
			},
			Devices: []ac.DeviceRow{{Key: "tracker", Name: "Tracker", Attributes: "position, battery"}},
		}},
	{slug: "cold-chain", name: "Cold chain monitoring", industry: db.ProductCategoryFleet,
		summary:     "Temperature-controlled goods watched from loading to delivery, with excursion alerts and compliance reports.",
		description: "Every reefer, cold room and cool box logs its temperature; an excursion longer than you allow raises an alert, and a compliance report proves the chain held.",
		parts: ac.Parts{
			Features: []ac.FeatureRow{
				feature("temperature_log", "Temperature log", "Every reading kept for audits.", true, true),
				feature("excursion_alerts", "Excursion alerts", "Alert when a unit leaves its range for too long.", true, true),
				feature("door_alerts", "Door alerts", "Alert when a door stays open.", false, true),
				feature("compliance_report", "Compliance report", "HACCP-style report per shipment.", false, true),
				feature("customer_portal", "Customer portal", "Let your customers follow their shipments.", false, false),
			},
			Parameters: []ac.ParameterRow{
				param("min_temp", "Lowest allowed temperature (°C)", "number", "2", "-40", "20", "", ""),
				param("max_temp", "Highest allowed temperature (°C)", "number", "8", "-30", "30", "", ""),
				param("excursion_minutes", "Excursion tolerance (minutes)", "number", "10", "1", "120", "", "How long a unit may be out of range before an alert."),
				param("alert_channel", "Alert channel", "choice", "E-mail", "", "", "E-mail, SMS, Webhook", ""),
				param("report_frequency", "Report frequency", "choice", "Weekly", "", "", "Daily, Weekly, Monthly", ""),
				param("unit_label", "Unit label", "text", "Reefer", "1", "30", "", "What your units are called on screens."),
			},
			Devices: []ac.DeviceRow{
				{Key: "logger", Name: "Temperature logger", Attributes: "temperature"},
				{Key: "door", Name: "Door sensor", Attributes: "door_open"},
			},
		}},
	{slug: "predictive-maintenance", name: "Predictive maintenance", industry: db.ProductCategoryIndustrial,
		summary:     "Machine health scores from vibration and temperature, with work orders before a breakdown.",
		description: "Each machine gets a health score learnt from its vibration and temperature. Anomalies open work orders during your maintenance window, before a failure stops the line.",
		parts: ac.Parts{
			Features: []ac.FeatureRow{
				feature("health_scores", "Health scores", "A 0–100 score per machine.", true, true),
				feature("anomaly_detection", "Anomaly detection", "Flag unusual vibration patterns.", false, true),
				feature("work_orders", "Work orders", "Open a work order for each anomaly.", false, true),
				feature("shift_report", "Shift report", "A summary at the end of each shift.", false, true),
				feature("spare_parts", "Spare parts forecast", "Parts likely needed next month.", false, false),
				feature("vibration_spectra", "Vibration spectra", "Frequency charts for engineers.", false, false),
			},
			Parameters: []ac.ParameterRow{
				param("plant_name", "Plant name", "text", "Plant 1", "2", "60", "", ""),
				param("vibration_limit", "Vibration limit (mm/s)", "number", "7.1", "0.1", "50", "", "ISO 10816 zone boundary for your machines."),
				param("temperature_limit", "Bearing temperature limit (°C)", "number", "85", "20", "150", "", ""),
				param("sensitivity", "Model sensitivity", "choice", "Medium", "", "", "Low, Medium, High", "Higher finds more, with more false alarms."),
				param("maintenance_window", "Maintenance window", "text", "Sundays 02:00–06:00", "3", "60", "", ""),
				param("notify_supervisor", "Tell the shift supervisor", "boolean", "true", "", "", "", ""),
				param("theme_colour", "Dashboard colour", "colour", "#0f766e", "", "", "", ""),
			},
			Devices: []ac.DeviceRow{{Key: "machine_sensor", Name: "Machine sensor", Attributes: "vibration, temperature"}},
		}},
	{slug: "smart-agriculture", name: "Smart agriculture", industry: db.ProductCategoryAgriculture,
		summary:     "Soil moisture and weather per field, irrigation advice and frost alerts.",
		description: "A map of your fields with soil moisture and local weather; irrigation advice when the soil dries out, and a frost alert in time to protect the crop.",
		parts: ac.Parts{
			Features: []ac.FeatureRow{
				feature("field_map", "Field map", "Every field with its latest readings.", true, true),
				feature("irrigation_advice", "Irrigation advice", "When and how much to water.", false, true),
				feature("frost_alerts", "Frost alerts", "A warning before frost.", false, true),
				feature("yield_forecast", "Yield forecast", "Expected harvest per field.", false, false),
			},
			Parameters: []ac.ParameterRow{
				param("farm_name", "Farm name", "text", "Home farm", "2", "60", "", ""),
				param("soil_moisture_min", "Irrigate below (% soil moisture)", "number", "25", "5", "60", "", ""),
				param("frost_threshold", "Frost alert at (°C)", "number", "1", "-10", "5", "", ""),
				param("irrigation_mode", "Irrigation", "choice", "Advice only", "", "", "Advice only, Automatic", ""),
				param("units", "Units", "choice", "Metric", "", "", "Metric, Imperial", ""),
			},
			Devices: []ac.DeviceRow{
				{Key: "soil_probe", Name: "Soil probe", Attributes: "soil_moisture, temperature"},
				{Key: "weather_station", Name: "Weather station", Attributes: "temperature, humidity, rainfall"},
			},
		}},
}
