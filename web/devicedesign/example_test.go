package devicedesign_test

import (
	"encoding/json"

	"partnerportal/web/devicedesign"
)

func num(v float64) *float64 { return &v }
func secs(v int) *int        { return &v }

// coldRoom is a design that uses every part of the format.
func coldRoom() devicedesign.Document {
	d := devicedesign.Document{
		Name: "Cold room sensor", Description: "Temperature and door events.\nTwo lines.", Version: 3,
		Product:  &devicedesign.ProductRef{Slug: "coldroom-probe", Name: "ColdRoom Probe"},
		Protocol: "mqtt", Authentication: "x509",
		Model: devicedesign.Model{
			Attributes: []devicedesign.Attribute{
				{Name: "temperature", Type: "number", Unit: "°C", Minimum: num(-40), Maximum: num(85), Required: true, SamplingSeconds: secs(60)},
				{Name: "battery", Type: "integer", Unit: "%", Minimum: num(0), Maximum: num(100), SamplingSeconds: secs(3600)},
				{Name: "door_open", Type: "boolean"},
				{Name: "position", Type: "location"},
				{Name: "firmware", Type: "string"},
				{Name: "env", Type: "object", Attributes: []devicedesign.Attribute{
					{Name: "humidity", Type: "number", Unit: "%", Minimum: num(0), Maximum: num(100), Required: true},
					{Name: "pressure", Type: "number", Minimum: num(870.5)},
				}},
			},
			Commands: []devicedesign.Command{
				{Name: "reboot", Description: "Restart the device.", Acknowledged: true},
				{Name: "set_interval", Acknowledged: true, Parameters: []devicedesign.Parameter{{Name: "seconds", Type: "integer", Required: true}}},
			},
			Properties: []devicedesign.Property{
				{Name: "reporting_interval", Type: "integer", Direction: "desired", Unit: "s"},
				{Name: "firmware_version", Type: "string", Direction: "reported"},
			},
			Flows: []devicedesign.Flow{
				{Name: "too_warm", Attributes: []string{"temperature", "env.humidity"},
					Condition:   devicedesign.Condition{Attribute: "temperature", Operator: ">", Value: json.RawMessage("8")},
					Window:      devicedesign.Window{Seconds: 300, Aggregate: "avg"},
					Destination: devicedesign.Destination{Kind: "alert"}},
				{Name: "door", Attributes: []string{"door_open"},
					Condition:   devicedesign.Condition{Attribute: "door_open", Operator: "==", Value: json.RawMessage("true")},
					Destination: devicedesign.Destination{Kind: "webhook", URL: "https://hooks.example.com/doors"},
					Window:      devicedesign.Window{Aggregate: "none"}},
			},
		},
	}
	d.Normalize()
	return d
}
