package devicedesign

import "encoding/json"

// Format and FormatVersion name the document format; an import must carry both.
const (
	Format        = "expressconnect-device-design"
	FormatVersion = 1
)

// Document is one version of a design in the export format. The fields are in the order the
// export writes them, so two exports diff line by line.
type Document struct {
	Format        string `json:"format"`
	FormatVersion int    `json:"format_version"`
	Name          string `json:"name"`
	Description   string `json:"description"`
	// Version is the design's version this document was exported from (1 for a new one); an
	// import starts a new design at version 1 whatever it says.
	Version int `json:"version"`
	// Product is the hardware product the design describes, if linked.
	Product        *ProductRef `json:"product"`
	Protocol       string      `json:"protocol"`
	Authentication string      `json:"authentication"`
	Model
}

// Model is what a design describes: the part the portal stores as jsonb, one per version.
type Model struct {
	Attributes []Attribute `json:"attributes"`
	Commands   []Command   `json:"commands"`
	Properties []Property  `json:"properties"`
	Flows      []Flow      `json:"flows"`
}

// ProductRef names a product of the exporting company; an import links the importing
// company's hardware product with the same slug, if there is one.
type ProductRef struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
}

// Attribute is one telemetry value the device sends (device → cloud). Objects nest attributes.
type Attribute struct {
	Name string `json:"name"`
	Type string `json:"type"`
	Unit string `json:"unit"`
	// Minimum and Maximum bound numbers and integers; null otherwise or when open.
	Minimum  *float64 `json:"minimum"`
	Maximum  *float64 `json:"maximum"`
	Required bool     `json:"required"`
	// SamplingSeconds is how often the device sends it; null: when it changes.
	SamplingSeconds *int        `json:"sampling_interval_seconds"`
	Attributes      []Attribute `json:"attributes,omitempty"`
}

// Command is an instruction the cloud sends the device (cloud → device).
type Command struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	// Acknowledged says the device answers each command with an acknowledgement.
	Acknowledged bool        `json:"acknowledged"`
	Parameters   []Parameter `json:"parameters"`
}

// Parameter is one typed argument of a command.
type Parameter struct {
	Name     string `json:"name"`
	Type     string `json:"type"`
	Required bool   `json:"required"`
}

// Property is a setting of the device twin: desired (the cloud sets it, cloud → device) or
// reported (the device reports it, device → cloud).
type Property struct {
	Name      string `json:"name"`
	Type      string `json:"type"`
	Direction string `json:"direction"`
	Unit      string `json:"unit"`
}

// Flow routes telemetry: when its condition holds (over its window, if any), the attributes it
// names go to its destination (device → cloud → destination).
type Flow struct {
	Name        string      `json:"name"`
	Attributes  []string    `json:"attributes"`
	Condition   Condition   `json:"condition"`
	Window      Window      `json:"window"`
	Destination Destination `json:"destination"`
}

// Condition compares one attribute (a dotted path to a number, integer, string or boolean)
// with a value of its type.
type Condition struct {
	Attribute string          `json:"attribute"`
	Operator  string          `json:"operator"`
	Value     json.RawMessage `json:"value"`
}

// Window aggregates an attribute over a period before the condition is tested; 0 seconds and
// aggregate "none" test every message.
type Window struct {
	Seconds   int    `json:"seconds"`
	Aggregate string `json:"aggregate"`
}

// Destination is where a flow sends: stored, raised as an alert, or forwarded to a webhook.
type Destination struct {
	Kind string `json:"kind"`
	// URL is the webhook's https address; empty for the other kinds.
	URL string `json:"url"`
}

// Normalize gives every list a value (an empty list exports as [], never null) and the format
// its name and version.
func (d *Document) Normalize() {
	d.Format, d.FormatVersion = Format, FormatVersion
	d.Model.normalize()
}

func (m *Model) normalize() {
	if m.Attributes == nil {
		m.Attributes = []Attribute{}
	}
	if m.Commands == nil {
		m.Commands = []Command{}
	}
	for i := range m.Commands {
		if m.Commands[i].Parameters == nil {
			m.Commands[i].Parameters = []Parameter{}
		}
	}
	if m.Properties == nil {
		m.Properties = []Property{}
	}
	if m.Flows == nil {
		m.Flows = []Flow{}
	}
	for i := range m.Flows {
		if m.Flows[i].Attributes == nil {
			m.Flows[i].Attributes = []string{}
		}
	}
}
