package devicedesign

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// IdentifierPattern is the rule for every name inside a design (attributes, commands,
// parameters, properties, flows): it must work as a key in MQTT topics, JSON payloads and code.
var IdentifierPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,62}$`)

// Check applies the rules of a design beyond the schema's shapes to d: names that are
// identifiers and differ among siblings, ranges in order, nesting within MaxDepth, flows about
// attributes the design has, text without control characters. A form and an import share it.
func Check(d Document) []Problem {
	c := &checker{}
	c.text("/name", d.Name, MaxNameLength, false)
	if strings.TrimSpace(d.Name) == "" {
		c.add("/name", "Give the design a name.")
	}
	c.text("/description", d.Description, MaxDescription, true)
	if d.Product != nil {
		c.text("/product/name", d.Product.Name, MaxNameLength, false)
	}
	if !Allowed(Protocols, d.Protocol) {
		c.add("/protocol", "Choose a protocol.")
	}
	if !Allowed(Authentications, d.Authentication) {
		c.add("/authentication", "Choose how the device authenticates.")
	}
	paths := map[string]string{}
	c.attributes("/attributes", "", d.Attributes, 1, paths)
	if c.count > MaxAttributes {
		c.add("/attributes", fmt.Sprintf("A design has at most %d attributes, nested ones included; this one has %d.", MaxAttributes, c.count))
	}
	c.commands(d.Commands)
	c.properties(d.Properties)
	c.flows(d.Flows, paths)
	return c.problems
}

type checker struct {
	problems []Problem
	count    int
}

func (c *checker) add(ptr, msg string) {
	c.problems = append(c.problems, Problem{Pointer: ptr, Message: msg})
}

// text checks free text: UTF-8, no control characters (line breaks and tabs in multiline
// text), at most max characters.
func (c *checker) text(ptr, s string, max int, multiline bool) {
	switch {
	case !utf8.ValidString(s):
		c.add(ptr, "Use plain text.")
	case strings.IndexFunc(s, func(r rune) bool {
		return unicode.IsControl(r) && !(multiline && (r == '\n' || r == '\r' || r == '\t'))
	}) >= 0:
		c.add(ptr, "Remove the control characters.")
	case utf8.RuneCountInString(s) > max:
		c.add(ptr, fmt.Sprintf("Use at most %d characters.", max))
	}
}

// name checks an identifier and that no earlier sibling in seen has it.
func (c *checker) name(ptr, name string, seen map[string]bool, what string) {
	switch {
	case name == "":
		c.add(ptr, "Give the "+what+" a name. "+IdentifierRules)
	case !IdentifierPattern.MatchString(name):
		c.add(ptr, "“"+clip(name)+"” is not a valid name. "+IdentifierRules)
	case seen[name]:
		c.add(ptr, "Another "+what+" here is already called “"+name+"”: names must differ.")
	}
	seen[name] = true
}

func (c *checker) attributes(ptr, prefix string, attrs []Attribute, depth int, paths map[string]string) {
	seen := map[string]bool{}
	for i, a := range attrs {
		at := ptr + "/" + strconv.Itoa(i)
		c.count++
		c.name(at+"/name", a.Name, seen, "attribute")
		if IdentifierPattern.MatchString(a.Name) {
			paths[prefix+a.Name] = a.Type
		}
		if !Allowed(AttributeTypes, a.Type) {
			c.add(at+"/type", "Choose a type.")
		}
		c.text(at+"/unit", a.Unit, MaxUnitLength, false)
		c.bounds(at, a)
		if a.SamplingSeconds != nil && (*a.SamplingSeconds < 1 || *a.SamplingSeconds > MaxSampling) {
			c.add(at+"/sampling_interval_seconds", fmt.Sprintf("Enter whole seconds from 1 to %d, or leave empty to send on change.", MaxSampling))
		}
		switch {
		case a.Type == "object" && len(a.Attributes) == 0:
			c.add(at+"/type", "An object needs at least one nested attribute.")
		case a.Type != "object" && len(a.Attributes) > 0:
			c.add(at+"/type", "Only an object can hold nested attributes.")
		case a.Type == "object" && depth >= MaxDepth:
			c.add(at+"/type", fmt.Sprintf("Attributes nest at most %d levels deep.", MaxDepth))
		case a.Type == "object":
			c.attributes(at+"/attributes", prefix+a.Name+".", a.Attributes, depth+1, paths)
		}
	}
}

// bounds checks an attribute's range: numbers only, finite, whole for integers, in order.
func (c *checker) bounds(at string, a Attribute) {
	numeric := a.Type == "number" || a.Type == "integer"
	for _, b := range []struct {
		ptr string
		v   *float64
	}{{at + "/minimum", a.Minimum}, {at + "/maximum", a.Maximum}} {
		switch {
		case b.v == nil:
		case !numeric:
			c.add(b.ptr, "Only numbers and integers have a range.")
		case math.IsNaN(*b.v) || math.Abs(*b.v) > MaxMagnitude:
			c.add(b.ptr, "Enter a number between −10¹⁵ and 10¹⁵.")
		case a.Type == "integer" && *b.v != math.Trunc(*b.v):
			c.add(b.ptr, "An integer's bound is a whole number.")
		}
	}
	if numeric && a.Minimum != nil && a.Maximum != nil && *a.Minimum > *a.Maximum {
		c.add(at+"/maximum", "The maximum is below the minimum.")
	}
}

func (c *checker) commands(cmds []Command) {
	seen := map[string]bool{}
	for i, cmd := range cmds {
		at := "/commands/" + strconv.Itoa(i)
		c.name(at+"/name", cmd.Name, seen, "command")
		c.text(at+"/description", cmd.Description, MaxCommandText, false)
		if len(cmd.Parameters) > MaxParameters {
			c.add(at+"/parameters", fmt.Sprintf("A command has at most %d parameters.", MaxParameters))
		}
		params := map[string]bool{}
		for j, p := range cmd.Parameters {
			pat := at + "/parameters/" + strconv.Itoa(j)
			c.name(pat+"/name", p.Name, params, "parameter")
			if !Allowed(ValueTypes, p.Type) {
				c.add(pat+"/type", "Choose a type.")
			}
		}
	}
	if len(cmds) > MaxCommands {
		c.add("/commands", fmt.Sprintf("A design has at most %d commands.", MaxCommands))
	}
}

func (c *checker) properties(props []Property) {
	seen := map[string]bool{}
	for i, p := range props {
		at := "/properties/" + strconv.Itoa(i)
		c.name(at+"/name", p.Name, seen, "property")
		if !Allowed(ValueTypes, p.Type) {
			c.add(at+"/type", "Choose a type.")
		}
		if !Allowed(Directions, p.Direction) {
			c.add(at+"/direction", "Choose who sets it.")
		}
		c.text(at+"/unit", p.Unit, MaxUnitLength, false)
	}
	if len(props) > MaxProperties {
		c.add("/properties", fmt.Sprintf("A design has at most %d properties.", MaxProperties))
	}
}

// clip shortens a name quoted in a message.
func clip(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		return string([]rune(s)[:40]) + "…"
	}
	return s
}
