package devicedesign

import (
	"bytes"
	"strconv"
)

// Sampling says how often an attribute is sent: "every 60 s", or "on change".
func Sampling(seconds *int) string {
	if seconds == nil {
		return "on change"
	}
	return "every " + strconv.Itoa(*seconds) + " s"
}

// ParameterText is a command parameter as one line: "seconds: Integer (required)".
func ParameterText(p Parameter) string {
	s := p.Name + ": " + Label(ValueTypes, p.Type)
	if p.Required {
		s += " (required)"
	}
	return s
}

// ConditionText is a flow's condition as people write it: temperature > 8.
func ConditionText(c Condition) string {
	return c.Attribute + " " + Label(Operators, c.Operator) + " " + string(bytes.TrimSpace(c.Value))
}

// WindowText is a flow's window: "every message", or "average over 5 minutes".
func WindowText(w Window) string {
	if w.Seconds == 0 {
		return "every message"
	}
	return Label(Aggregates, w.Aggregate) + " over " + Label(Windows, strconv.Itoa(w.Seconds))
}

// DestinationText is where a flow sends: "Store", "Raise an alert", "Webhook https://…".
func DestinationText(d Destination) string {
	if d.Kind == "webhook" {
		return "Webhook " + d.URL
	}
	return Label(Destinations, d.Kind)
}
