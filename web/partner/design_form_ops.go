package partner

import (
	"slices"
	"strconv"
	"strings"

	"partnerportal/web/devicedesign"
)

// An edit op is what a designer button asks of the posted form, by name=op value: "save",
// "refresh" (re-render only), or a row action such as "add-attribute", "nest-attribute:2",
// "remove-attribute:3", "up-flow:1", "add-parameter:0", "remove-parameter:0:2".

// opResult says what an op did, for the screen reader (announce) and where focus goes next
// (the id of a control, "" to leave it).
type opResult struct {
	announce, focus string
	// choicesOnly answers htmx with the flows' choices of attributes alone: the rows changed
	// nowhere else (a "refresh" after an attribute was renamed or retyped).
	choicesOnly bool
}

// applyOp changes the form's rows as op asks. ok is false for an op that names no action or
// no row of this form.
func applyOp(f *designForm, op string) (opResult, bool) {
	verb, args, _ := strings.Cut(op, ":")
	var idx []int
	for _, a := range strings.Split(args, ":") {
		if a == "" {
			continue
		}
		n, err := strconv.Atoi(a)
		if err != nil || n < 0 {
			return opResult{}, false
		}
		idx = append(idx, n)
	}
	arg := func(i, limit int) (int, bool) {
		if i >= len(idx) || idx[i] >= limit {
			return 0, false
		}
		return idx[i], true
	}
	switch verb {
	case "refresh":
		return opResult{choicesOnly: true}, true
	case "add-attribute":
		if len(f.Attributes) >= devicedesign.MaxAttributes {
			return opResult{announce: "A design has at most " + strconv.Itoa(devicedesign.MaxAttributes) + " attributes."}, true
		}
		f.Attributes = append(f.Attributes, attributeRow{Type: "number"})
		return opResult{announce: "Attribute added.", focus: "attributes-" + strconv.Itoa(len(f.Attributes)-1) + "-name"}, true
	case "nest-attribute":
		i, ok := arg(0, len(f.Attributes))
		if !ok || f.Attributes[i].Depth+1 >= devicedesign.MaxDepth || len(f.Attributes) >= devicedesign.MaxAttributes {
			return opResult{}, ok
		}
		f.Attributes[i].Type = "object"
		at := subtreeEnd(f.Attributes, i)
		f.Attributes = slices.Insert(f.Attributes, at, attributeRow{Depth: f.Attributes[i].Depth + 1, Type: "number"})
		return opResult{announce: "Nested attribute added.", focus: "attributes-" + strconv.Itoa(at) + "-name"}, true
	case "remove-attribute":
		i, ok := arg(0, len(f.Attributes))
		if ok {
			f.Attributes = slices.Delete(f.Attributes, i, subtreeEnd(f.Attributes, i))
		}
		return opResult{announce: "Attribute removed.", focus: "add-attribute"}, ok
	case "up-attribute", "down-attribute":
		i, ok := arg(0, len(f.Attributes))
		if ok {
			moveAttribute(f.Attributes, i, verb == "up-attribute")
		}
		return opResult{announce: "Attribute moved."}, ok
	case "add-parameter", "remove-parameter":
		c, ok := arg(0, len(f.Commands))
		if !ok {
			return opResult{}, false
		}
		cmd := &f.Commands[c]
		if verb == "remove-parameter" {
			p, ok := arg(1, len(cmd.Parameters))
			if ok {
				cmd.Parameters = slices.Delete(cmd.Parameters, p, p+1)
			}
			return opResult{announce: "Parameter removed.", focus: "commands-" + strconv.Itoa(c) + "-add-parameter"}, ok
		}
		if len(cmd.Parameters) >= devicedesign.MaxParameters {
			return opResult{announce: "A command has at most " + strconv.Itoa(devicedesign.MaxParameters) + " parameters."}, true
		}
		cmd.Parameters = append(cmd.Parameters, parameterRow{Type: "string", Required: true})
		return opResult{announce: "Parameter added.", focus: "commands-" + strconv.Itoa(c) + "-parameters-" + strconv.Itoa(len(cmd.Parameters)-1) + "-name"}, true
	}
	section, rest, _ := strings.Cut(verb, "-")
	switch rest {
	case "command":
		return rowOp(&f.Commands, section, idx, "Command", "commands", devicedesign.MaxCommands, commandRow{Acknowledged: true})
	case "property":
		return rowOp(&f.Properties, section, idx, "Property", "properties", devicedesign.MaxProperties, propertyRow{Type: "number", Direction: "desired"})
	case "flow":
		return rowOp(&f.Flows, section, idx, "Flow", "flows", devicedesign.MaxFlows, flowRow{Operator: ">", Window: "0", Aggregate: "none", Destination: "store"})
	}
	return opResult{}, false
}

// rowOp adds, removes or moves a row of a flat section.
func rowOp[T any](rows *[]T, verb string, idx []int, what, key string, limit int, blank T) (opResult, bool) {
	if verb == "add" {
		if len(*rows) >= limit {
			return opResult{announce: "A design has at most " + strconv.Itoa(limit) + " " + key + "."}, true
		}
		*rows = append(*rows, blank)
		return opResult{announce: what + " added.", focus: key + "-" + strconv.Itoa(len(*rows)-1) + "-name"}, true
	}
	if len(idx) != 1 || idx[0] >= len(*rows) {
		return opResult{}, false
	}
	i := idx[0]
	switch verb {
	case "remove":
		*rows = slices.Delete(*rows, i, i+1)
		return opResult{announce: what + " removed.", focus: "add-" + strings.ToLower(what)}, true
	case "up":
		if i > 0 {
			(*rows)[i-1], (*rows)[i] = (*rows)[i], (*rows)[i-1]
		}
		return opResult{announce: what + " moved up."}, true
	case "down":
		if i+1 < len(*rows) {
			(*rows)[i+1], (*rows)[i] = (*rows)[i], (*rows)[i+1]
		}
		return opResult{announce: what + " moved down."}, true
	}
	return opResult{}, false
}

// subtreeEnd is the index after row i and the rows nested in it.
func subtreeEnd(rows []attributeRow, i int) int {
	j := i + 1
	for j < len(rows) && rows[j].Depth > rows[i].Depth {
		j++
	}
	return j
}

// moveAttribute swaps row i (with its nested rows) with its previous or next sibling.
func moveAttribute(rows []attributeRow, i int, up bool) {
	end := subtreeEnd(rows, i)
	if up {
		prev := -1
		for j := i - 1; j >= 0 && rows[j].Depth >= rows[i].Depth; j-- {
			if rows[j].Depth == rows[i].Depth {
				prev = j
				break
			}
		}
		if prev >= 0 {
			rotate(rows[prev:end], i-prev)
		}
		return
	}
	if end < len(rows) && rows[end].Depth == rows[i].Depth {
		rotate(rows[i:subtreeEnd(rows, end)], end-i)
	}
}

// rotate moves s[k:] before s[:k].
func rotate(s []attributeRow, k int) {
	slices.Reverse(s[:k])
	slices.Reverse(s[k:])
	slices.Reverse(s)
}
