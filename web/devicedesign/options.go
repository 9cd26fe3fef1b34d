package devicedesign

// Choice is one allowed value of a field and how pages name it.
type Choice struct{ Value, Label string }

// The allowed values of the format's enumerations, in the order forms offer them. schema.json
// lists the same values; TestSchemaEnumsMatchTheChoices holds the two together.
var (
	Protocols = []Choice{{"mqtt", "MQTT"}, {"http", "HTTP"}, {"lwm2m", "LwM2M"}, {"opcua", "OPC UA"}}

	Authentications = []Choice{{"x509", "X.509 certificate"}, {"symmetric_key", "Symmetric key"}, {"token", "Token"}}

	AttributeTypes = []Choice{{"number", "Number"}, {"integer", "Integer"}, {"string", "Text"},
		{"boolean", "Yes/no"}, {"location", "Location"}, {"object", "Object"}}

	// ValueTypes are the types of command parameters and properties: scalars only.
	ValueTypes = []Choice{{"number", "Number"}, {"integer", "Integer"}, {"string", "Text"}, {"boolean", "Yes/no"}}

	Directions = []Choice{{"desired", "Desired (cloud → device)"}, {"reported", "Reported (device → cloud)"}}

	Operators = []Choice{{">", ">"}, {">=", "≥"}, {"<", "<"}, {"<=", "≤"}, {"==", "="}, {"!=", "≠"}}

	Windows = []Choice{{"0", "No window: every message"}, {"60", "1 minute"}, {"300", "5 minutes"},
		{"900", "15 minutes"}, {"3600", "1 hour"}, {"86400", "1 day"}}

	Aggregates = []Choice{{"none", "None"}, {"avg", "Average"}, {"min", "Minimum"}, {"max", "Maximum"},
		{"sum", "Sum"}, {"count", "Count"}, {"last", "Last value"}}

	Destinations = []Choice{{"store", "Store"}, {"alert", "Raise an alert"}, {"webhook", "Forward to a webhook"}}
)

// Label is how pages name value among choices; the value itself when it is not one of them.
func Label(choices []Choice, value string) string {
	for _, c := range choices {
		if c.Value == value {
			return c.Label
		}
	}
	return value
}

// Allowed reports whether value is one of choices.
func Allowed(choices []Choice, value string) bool {
	for _, c := range choices {
		if c.Value == value {
			return true
		}
	}
	return false
}

// Limits of a design, the same in the schema, the rules and the forms.
const (
	MaxAttributes   = 100 // in all, nested ones included
	MaxDepth        = 4   // levels of attributes: a top-level one and up to three of nesting
	MaxCommands     = 50
	MaxParameters   = 20 // per command
	MaxProperties   = 50
	MaxFlows        = 50
	MaxNameLength   = 120  // a design's name
	MaxDescription  = 2000 // a design's description
	MaxCommandText  = 500  // a command's description
	MaxUnitLength   = 20
	MaxURLLength    = 500
	MaxSampling     = 86400 // seconds
	MaxMagnitude    = 1e15  // of a bound or a condition's value
	MaxStringValue  = 200   // a condition's text value
	MaxIdentifier   = 63
	IdentifierRules = "Start with a lowercase letter; then lowercase letters, digits or _ (up to 63 characters), like supply_voltage."
)
