package ui

import (
	"strings"

	"partnerportal/views"
	"partnerportal/web/devicedesign"
)

// designLines fills the view's attribute, command, property and flow lines from d.
func designLines(dv *views.DesignView, d devicedesign.Document) {
	var attrs func(list []devicedesign.Attribute, prefix string, depth int)
	attrs = func(list []devicedesign.Attribute, prefix string, depth int) {
		for _, a := range list {
			line := views.AttributeLine{Path: prefix + a.Name, Name: a.Name, Depth: depth,
				Type: devicedesign.Label(devicedesign.AttributeTypes, a.Type), Unit: a.Unit,
				Range: attributeRange(a), Required: "No", Sampling: devicedesign.Sampling(a.SamplingSeconds)}
			if a.Required {
				line.Required = "Yes"
			}
			if line.Unit == "" {
				line.Unit = "—"
			}
			dv.Attributes = append(dv.Attributes, line)
			attrs(a.Attributes, prefix+a.Name+".", depth+1)
		}
	}
	attrs(d.Attributes, "", 0)
	for _, c := range d.Commands {
		line := views.CommandLine{Name: c.Name, Description: c.Description, Acknowledged: "not acknowledged"}
		if c.Acknowledged {
			line.Acknowledged = "acknowledged by the device"
		}
		for _, p := range c.Parameters {
			line.Parameters = append(line.Parameters, devicedesign.ParameterText(p))
		}
		dv.Commands = append(dv.Commands, line)
	}
	for _, p := range d.Properties {
		line := views.PropertyLine{Name: p.Name, Type: devicedesign.Label(devicedesign.ValueTypes, p.Type),
			Direction: devicedesign.Label(devicedesign.Directions, p.Direction), Unit: p.Unit}
		if line.Unit == "" {
			line.Unit = "—"
		}
		dv.Properties = append(dv.Properties, line)
	}
	for _, f := range d.Flows {
		dv.Flows = append(dv.Flows, views.FlowLine{Name: f.Name, Attributes: strings.Join(f.Attributes, ", "),
			Condition: devicedesign.ConditionText(f.Condition), Window: devicedesign.WindowText(f.Window),
			Destination: devicedesign.DestinationText(f.Destination)})
	}
}

// attributeRange is an attribute's bounds as people read them: "−40 to 85", "from 0", "—".
func attributeRange(a devicedesign.Attribute) string {
	lo, hi := devicedesign.FormatNumber(a.Minimum), devicedesign.FormatNumber(a.Maximum)
	switch {
	case lo != "" && hi != "":
		return lo + " to " + hi
	case lo != "":
		return "from " + lo
	case hi != "":
		return "up to " + hi
	}
	return "—"
}
