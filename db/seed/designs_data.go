package seed

import (
	"encoding/json"

	dd "partnerportal/web/devicedesign"
)

// demoDesign is a device design of a demo company: its versions, oldest first, each a whole
// document; product is the slug of the hardware product it describes.
type demoDesign struct {
	company  string
	product  string
	versions []dd.Document
	// daysAgo is when each version was saved.
	daysAgo []int
}

func bound(v float64) *float64 { return &v }
func every(s int) *int         { return &s }

func flow(name string, attrs []string, attr, op, value string, window int, agg, kind, url string) dd.Flow {
	return dd.Flow{Name: name, Attributes: attrs,
		Condition:   dd.Condition{Attribute: attr, Operator: op, Value: json.RawMessage(value)},
		Window:      dd.Window{Seconds: window, Aggregate: agg},
		Destination: dd.Destination{Kind: kind, URL: url}}
}

// trackTag is Company A's tag design in its third version; the earlier two are made from it.
func trackTag() dd.Document {
	return dd.Document{Name: "TrackTag Mini telemetry", Protocol: "mqtt", Authentication: "x509",
		Description: "Position, battery and motion of the TrackTag Mini, every 15 minutes and on movement.",
		Model: dd.Model{
			Attributes: []dd.Attribute{
				{Name: "position", Type: "location", Required: true, SamplingSeconds: every(900)},
				{Name: "battery", Type: "integer", Unit: "%", Minimum: bound(0), Maximum: bound(100), Required: true, SamplingSeconds: every(3600)},
				{Name: "moving", Type: "boolean"},
				{Name: "temperature", Type: "number", Unit: "°C", Minimum: bound(-20), Maximum: bound(60), SamplingSeconds: every(900)},
			},
			Commands: []dd.Command{
				{Name: "locate_now", Description: "Send a position at once.", Acknowledged: true},
				{Name: "set_interval", Description: "Change how often positions are sent.", Acknowledged: true,
					Parameters: []dd.Parameter{{Name: "seconds", Type: "integer", Required: true}}},
			},
			Properties: []dd.Property{
				{Name: "reporting_interval", Type: "integer", Direction: "desired", Unit: "s"},
				{Name: "firmware_version", Type: "string", Direction: "reported"},
			},
			Flows: []dd.Flow{
				flow("low_battery", []string{"battery"}, "battery", "<", "15", 0, "none", "alert", ""),
				flow("track", []string{"position", "battery"}, "moving", "==", "true", 0, "none", "store", ""),
			},
		}}
}

// demoDesigns: Company A (ExpressConnect expired, so read-only) has three designs, the tag's
// with three versions to compare; Company C (active) has two; Company B (a software partner,
// active) two of devices it deploys AppConnect solutions with, linked to no product.
func demoDesigns() []demoDesign {
	v3 := trackTag()
	v2 := trackTag()
	v2.Attributes = v2.Attributes[:3]
	v2.Flows = v2.Flows[:1]
	v1 := trackTag()
	v1.Attributes, v1.Commands, v1.Properties, v1.Flows = v1.Attributes[:2], v1.Commands[:1], nil, nil
	return []demoDesign{
		{company: "Company A", product: "tracktag-mini", versions: []dd.Document{v1, v2, v3}, daysAgo: []int{70, 64, 60}},
		{company: "Company A", product: "sensehub-gateway", daysAgo: []int{58}, versions: []dd.Document{{
			Name: "SenseHub Gateway", Protocol: "http", Authentication: "token",
			Description: "The building gateway: its uplink, radio and the room climate it measures itself.",
			Model: dd.Model{
				Attributes: []dd.Attribute{
					{Name: "uplink", Type: "string", Required: true, SamplingSeconds: every(300)},
					{Name: "rssi", Type: "integer", Unit: "dBm", Minimum: bound(-120), Maximum: bound(0), SamplingSeconds: every(60)},
					{Name: "sensors_online", Type: "integer", Minimum: bound(0), Maximum: bound(500), SamplingSeconds: every(300)},
					{Name: "room", Type: "object", Attributes: []dd.Attribute{
						{Name: "temperature", Type: "number", Unit: "°C", Minimum: bound(-10), Maximum: bound(50), Required: true},
						{Name: "humidity", Type: "number", Unit: "%", Minimum: bound(0), Maximum: bound(100)},
					}},
				},
				Commands: []dd.Command{{Name: "reboot", Description: "Restart the gateway.", Acknowledged: true},
					{Name: "set_uplink", Acknowledged: true, Parameters: []dd.Parameter{{Name: "uplink", Type: "string", Required: true}}}},
				Flows: []dd.Flow{flow("weak_signal", []string{"rssi", "uplink"}, "rssi", "<", "-100", 300, "avg", "webhook", "https://ops.company-a.example/hooks/signal")},
			}}}},
		{company: "Company A", product: "powermeter-pro", daysAgo: []int{38}, versions: []dd.Document{{
			Name: "PowerMeter Pro", Protocol: "opcua", Authentication: "x509",
			Description: "Three-phase readings every second; energy totals every minute.",
			Model: dd.Model{
				Attributes: []dd.Attribute{
					{Name: "voltage_l1", Type: "number", Unit: "V", Minimum: bound(0), Maximum: bound(300), Required: true, SamplingSeconds: every(1)},
					{Name: "current_l1", Type: "number", Unit: "A", Minimum: bound(0), Maximum: bound(100), Required: true, SamplingSeconds: every(1)},
					{Name: "energy_kwh", Type: "number", Unit: "kWh", Minimum: bound(0), SamplingSeconds: every(60)},
				},
				Flows: []dd.Flow{flow("overload", []string{"current_l1", "voltage_l1"}, "current_l1", ">", "90", 60, "max", "alert", ""),
					flow("energy", []string{"energy_kwh"}, "energy_kwh", ">=", "0", 3600, "last", "store", "")},
			}}}},
		{company: "Company C", product: "airq-indoor-sensor", daysAgo: []int{40}, versions: []dd.Document{{
			Name: "AirQ Indoor Sensor", Protocol: "mqtt", Authentication: "symmetric_key",
			Description: "Room air every minute: CO₂, particulates, temperature and humidity.",
			Model: dd.Model{
				Attributes: []dd.Attribute{
					{Name: "co2", Type: "integer", Unit: "ppm", Minimum: bound(400), Maximum: bound(5000), Required: true, SamplingSeconds: every(60)},
					{Name: "pm25", Type: "number", Unit: "µg/m³", Minimum: bound(0), Maximum: bound(500), SamplingSeconds: every(60)},
					{Name: "temperature", Type: "number", Unit: "°C", Minimum: bound(-10), Maximum: bound(50), SamplingSeconds: every(60)},
					{Name: "humidity", Type: "number", Unit: "%", Minimum: bound(0), Maximum: bound(100), SamplingSeconds: every(60)},
				},
				Commands:   []dd.Command{{Name: "calibrate", Description: "Calibrate CO₂ against outdoor air.", Acknowledged: true, Parameters: []dd.Parameter{{Name: "reference_ppm", Type: "integer", Required: true}}}},
				Properties: []dd.Property{{Name: "display_mode", Type: "string", Direction: "desired"}},
				Flows: []dd.Flow{flow("stale_air", []string{"co2"}, "co2", ">", "1200", 300, "avg", "alert", ""),
					flow("history", []string{"co2", "pm25", "temperature", "humidity"}, "co2", ">=", "0", 0, "none", "store", "")},
			}}}},
		{company: "Company B", daysAgo: []int{30}, versions: []dd.Document{{
			Name: "Reefer logger", Protocol: "mqtt", Authentication: "token",
			Description: "A refrigerated unit's temperature, door and position, every five minutes.",
			Model: dd.Model{
				Attributes: []dd.Attribute{
					{Name: "temperature", Type: "number", Unit: "°C", Minimum: bound(-40), Maximum: bound(40), Required: true, SamplingSeconds: every(300)},
					{Name: "door_open", Type: "boolean", Required: true},
					{Name: "position", Type: "location", SamplingSeconds: every(300)},
					{Name: "battery", Type: "integer", Unit: "%", Minimum: bound(0), Maximum: bound(100), SamplingSeconds: every(3600)},
				},
				Flows: []dd.Flow{flow("too_warm", []string{"temperature"}, "temperature", ">", "8", 300, "avg", "alert", "")},
			}}}},
		{company: "Company B", daysAgo: []int{26}, versions: []dd.Document{{
			Name: "Room climate sensor", Protocol: "http", Authentication: "symmetric_key",
			Description: "Temperature, humidity and CO₂ of one room, every minute.",
			Model: dd.Model{
				Attributes: []dd.Attribute{
					{Name: "temperature", Type: "number", Unit: "°C", Minimum: bound(-10), Maximum: bound(50), Required: true, SamplingSeconds: every(60)},
					{Name: "humidity", Type: "number", Unit: "%", Minimum: bound(0), Maximum: bound(100), SamplingSeconds: every(60)},
					{Name: "co2", Type: "integer", Unit: "ppm", Minimum: bound(400), Maximum: bound(5000), SamplingSeconds: every(60)},
				},
			}}}},
		{company: "Company C", product: "fleetbox-obd-tracker", daysAgo: []int{20}, versions: []dd.Document{{
			Name: "FleetBox OBD Tracker", Protocol: "lwm2m", Authentication: "x509",
			Description: "Position, speed and fault codes while the ignition is on.",
			Model: dd.Model{
				Attributes: []dd.Attribute{
					{Name: "position", Type: "location", Required: true, SamplingSeconds: every(30)},
					{Name: "speed", Type: "number", Unit: "km/h", Minimum: bound(0), Maximum: bound(250), SamplingSeconds: every(30)},
					{Name: "ignition", Type: "boolean", Required: true},
					{Name: "fault_code", Type: "string"},
				},
				Commands: []dd.Command{{Name: "immobilise", Description: "Stop the engine from starting again.", Acknowledged: true,
					Parameters: []dd.Parameter{{Name: "confirm", Type: "boolean", Required: true}}}},
				Flows: []dd.Flow{flow("speeding", []string{"speed", "position"}, "speed", ">", "130", 60, "max", "webhook", "https://fleet.company-c.example/hooks/speeding"),
					flow("trips", []string{"position", "speed"}, "ignition", "==", "true", 0, "none", "store", "")},
			}}}},
	}
}
