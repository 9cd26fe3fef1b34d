package devicedesign

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// flows checks each flow against the design's attributes (paths: dotted path → type).
func (c *checker) flows(flows []Flow, paths map[string]string) {
	seen := map[string]bool{}
	for i, f := range flows {
		at := "/flows/" + strconv.Itoa(i)
		c.name(at+"/name", f.Name, seen, "flow")
		if len(f.Attributes) == 0 {
			c.add(at+"/attributes", "Choose the attributes the flow sends.")
		}
		sent := map[string]bool{}
		for j, p := range f.Attributes {
			switch {
			case paths[p] == "":
				c.add(at+"/attributes/"+strconv.Itoa(j), "The design has no attribute “"+clip(p)+"”.")
			case sent[p]:
				c.add(at+"/attributes/"+strconv.Itoa(j), "“"+p+"” is listed twice.")
			}
			sent[p] = true
		}
		c.condition(at+"/condition", f.Condition, paths[f.Condition.Attribute])
		c.window(at+"/window", f.Window, paths[f.Condition.Attribute])
		c.destination(at+"/destination", f.Destination)
	}
	if len(flows) > MaxFlows {
		c.add("/flows", fmt.Sprintf("A design has at most %d flows.", MaxFlows))
	}
}

// condition checks a flow's condition; typ is the type of the attribute it names ("" when the
// design has none by that name).
func (c *checker) condition(at string, cond Condition, typ string) {
	switch typ {
	case "":
		c.add(at+"/attribute", "Choose an attribute of the design to test.")
		return
	case "location", "object":
		c.add(at+"/attribute", "A condition tests a number, an integer, a text or a yes/no attribute.")
		return
	}
	if !Allowed(Operators, cond.Operator) {
		c.add(at+"/operator", "Choose a comparison.")
		return
	}
	ordered := typ == "number" || typ == "integer"
	if !ordered && cond.Operator != "==" && cond.Operator != "!=" {
		c.add(at+"/operator", "Text and yes/no attributes compare with = or ≠ only.")
	}
	if msg := conditionValueProblem(cond.Value, typ); msg != "" {
		c.add(at+"/value", msg)
	}
}

// conditionValueProblem says what is wrong with a condition's value for an attribute of typ,
// or "".
func conditionValueProblem(raw json.RawMessage, typ string) string {
	raw = bytes.TrimSpace(raw)
	switch typ {
	case "number", "integer":
		var n json.Number
		if err := json.Unmarshal(raw, &n); err != nil || len(raw) == 0 || raw[0] == '"' {
			return "Enter a number."
		}
		f, err := n.Float64()
		if err != nil || math.Abs(f) > MaxMagnitude {
			return "Enter a number between −10¹⁵ and 10¹⁵."
		}
		if typ == "integer" && f != math.Trunc(f) {
			return "Enter a whole number: the attribute is an integer."
		}
	case "boolean":
		var b bool
		if json.Unmarshal(raw, &b) != nil {
			return "Enter true or false."
		}
	case "string":
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return "Enter the text to compare with."
		}
		c := &checker{}
		c.text("", s, MaxStringValue, false)
		if len(c.problems) > 0 {
			return c.problems[0].Message
		}
	}
	return ""
}

// window checks a flow's aggregation window: no window means no aggregate; averages, minima,
// maxima and sums need a number to aggregate.
func (c *checker) window(at string, w Window, typ string) {
	if !Allowed(Windows, strconv.Itoa(w.Seconds)) {
		c.add(at+"/seconds", "Choose a window.")
		return
	}
	switch {
	case !Allowed(Aggregates, w.Aggregate):
		c.add(at+"/aggregate", "Choose how to aggregate.")
	case w.Seconds == 0 && w.Aggregate != "none":
		c.add(at+"/aggregate", "Without a window there is nothing to aggregate: choose None.")
	case w.Seconds > 0 && w.Aggregate == "none":
		c.add(at+"/aggregate", "Choose how to aggregate over the window.")
	case (typ == "string" || typ == "boolean") && w.Aggregate != "none" && w.Aggregate != "count" && w.Aggregate != "last":
		c.add(at+"/aggregate", "Text and yes/no values aggregate by count or last value only.")
	}
}

func (c *checker) destination(at string, d Destination) {
	switch {
	case !Allowed(Destinations, d.Kind):
		c.add(at+"/kind", "Choose where the flow sends.")
	case d.Kind != "webhook" && d.URL != "":
		c.add(at+"/url", "Only a webhook has an address.")
	case d.Kind == "webhook":
		if msg := webhookProblem(d.URL); msg != "" {
			c.add(at+"/url", msg)
		}
	}
}

// webhookPattern is the schema's pattern for a webhook's address.
var webhookPattern = regexp.MustCompile(`^https://[^\s/?#@]+(/\S*)?$`)

// webhookProblem says what is wrong with a webhook's address, or "".
func webhookProblem(s string) string {
	const want = "Enter the webhook's https address, like https://hooks.example.com/devices."
	if len(s) > MaxURLLength {
		return fmt.Sprintf("Use at most %d characters.", MaxURLLength)
	}
	if strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return want
	}
	u, err := url.Parse(s)
	if err != nil || !webhookPattern.MatchString(s) || u.Scheme != "https" || u.Host == "" || u.User != nil {
		return want
	}
	return ""
}
