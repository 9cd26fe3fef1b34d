package views

import "strconv"

// DesignEditorPage is the page around the designer form.
type DesignEditorPage struct {
	Area    AreaPage
	Heading string
	Editor  DesignEditor
}

// DesignEditor is the designer form: every row as typed, the choices, and the errors under
// their fields (keyed by the fields' names, like "attributes.2.maximum").
type DesignEditor struct {
	Action    string
	CancelURL string
	New       bool
	// Version is the version the form was opened at, posted back to catch a concurrent save.
	Version        string
	Name           string
	Description    string
	Product        string
	Protocol       string
	Authentication string
	Attributes     []AttributeRow
	Commands       []CommandRow
	Properties     []PropertyRow
	Flows          []FlowRow
	Options        DesignOptions
	// Paths are every attribute a flow may send, ConditionPaths those a condition may test.
	Paths          []Option
	ConditionPaths []Option
	Errors         FieldErrors
	// Announce tells screen readers what the last row action did; Focus is the control to
	// focus after it.
	Announce string
	Focus    string
	ReadOnly bool
	CSRF     string
}

// DesignOptions are the choices of the designer's selects.
type DesignOptions struct {
	Products, Protocols, Authentications, AttributeTypes, ValueTypes, Directions,
	Operators, Windows, Aggregates, Destinations []Option
}

// AttributeRow is one attribute row; Depth indents nested ones.
type AttributeRow struct {
	Index                                        int
	Depth                                        int
	Name, Type, Unit, Minimum, Maximum, Interval string
	Required                                     bool
	// CanNest offers "Add nested attribute" (an object not yet at the deepest level).
	CanNest     bool
	First, Last bool
}

// CommandRow is one command with its parameter rows.
type CommandRow struct {
	Index             int
	Name, Description string
	Acknowledged      bool
	Parameters        []ParameterRow
	First, Last       bool
}

// ParameterRow is one parameter of a command.
type ParameterRow struct {
	Index      int
	Name, Type string
	Required   bool
}

// PropertyRow is one property row.
type PropertyRow struct {
	Index                       int
	Name, Type, Direction, Unit string
	First, Last                 bool
}

// FlowRow is one flow row.
type FlowRow struct {
	Index                                                           int
	Name                                                            string
	Attributes                                                      []string
	Condition, Operator, Value, Window, Aggregate, Destination, URL string
	First, Last                                                     bool
}

// key is a row field's form name: key("attributes", 2, "name") is "attributes.2.name".
func key(section string, i int, field string) string {
	return section + "." + strconv.Itoa(i) + "." + field
}

// domID is a row field's element id: domID("attributes", 2, "name") is "attributes-2-name".
func domID(section string, i int, field string) string {
	return section + "-" + strconv.Itoa(i) + "-" + field
}
