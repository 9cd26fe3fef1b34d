package partner

import (
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"partnerportal/views"
	"partnerportal/web/devicedesign"
)

// designForm is the designer's form as posted: every row as typed, so a form with mistakes,
// or one that gains or loses a row, comes back exactly as it was. Attributes are a flat list
// in display order, each with its depth: a row one level deeper than the row above it is
// nested in that row (an object).
type designForm struct {
	Name, Description, Product, Protocol, Authentication string
	// Version is the version the form was opened at; empty for a new design.
	Version    string
	Attributes []attributeRow
	Commands   []commandRow
	Properties []propertyRow
	Flows      []flowRow
}

type attributeRow struct {
	Depth                                        int
	Name, Type, Unit, Minimum, Maximum, Interval string
	Required                                     bool
}

type commandRow struct {
	Name, Description string
	Acknowledged      bool
	Parameters        []parameterRow
}

type parameterRow struct {
	Name, Type string
	Required   bool
}

type propertyRow struct{ Name, Type, Direction, Unit string }

type flowRow struct {
	Name                                                            string
	Attributes                                                      []string
	Condition, Operator, Value, Window, Aggregate, Destination, URL string
}

// maxFieldLength is the most any one posted value may hold: more than every field's own
// limit, so that limit words the error, and little enough to echo back.
const maxFieldLength = 4000

// readDesignForm reads a posted design. Text that is not clean UTF-8 without control
// characters never reaches the form: it is replaced by what is left and reported under its
// field; rows beyond the design's limits are dropped and reported under their section.
func readDesignForm(form url.Values) (designForm, views.FieldErrors) {
	errs := views.FieldErrors{}
	get := func(key string, multiline bool) string {
		v := form.Get(key)
		clean, ok := cleanText(v, multiline)
		if !ok {
			errs[key] = "Use plain text: control characters and invalid characters were removed."
		}
		return strings.TrimSpace(clean)
	}
	f := designForm{Name: get("name", false), Description: strings.ReplaceAll(get("description", true), "\r\n", "\n"),
		Product: get("product", false), Protocol: get("protocol", false), Authentication: get("authentication", false),
		Version: get("version", false)}
	rows := func(section string, limit int) []string {
		keys := rowKeys(form, section+".")
		if len(keys) > limit {
			errs[section] = "A design has at most " + strconv.Itoa(limit) + " " + section + "."
			keys = keys[:limit]
		}
		return keys
	}
	for _, k := range rows("attributes", devicedesign.MaxAttributes) {
		p := "attributes." + k + "."
		// a row is at most one level below the row above it
		depth, _ := strconv.Atoi(form.Get(p + "depth"))
		limit := 0
		if n := len(f.Attributes); n > 0 {
			limit = f.Attributes[n-1].Depth + 1
		}
		f.Attributes = append(f.Attributes, attributeRow{Depth: min(max(depth, 0), limit, devicedesign.MaxDepth-1),
			Name: get(p+"name", false), Type: get(p+"type", false), Unit: get(p+"unit", false),
			Minimum: get(p+"minimum", false), Maximum: get(p+"maximum", false), Interval: get(p+"interval", false),
			Required: form.Get(p+"required") != ""})
	}
	for _, k := range rows("commands", devicedesign.MaxCommands) {
		p := "commands." + k + "."
		cmd := commandRow{Name: get(p+"name", false), Description: get(p+"description", false), Acknowledged: form.Get(p+"acknowledged") != ""}
		for _, j := range rows("commands."+k+".parameters", devicedesign.MaxParameters) {
			pp := p + "parameters." + j + "."
			cmd.Parameters = append(cmd.Parameters, parameterRow{Name: get(pp+"name", false), Type: get(pp+"type", false), Required: form.Get(pp+"required") != ""})
		}
		f.Commands = append(f.Commands, cmd)
	}
	for _, k := range rows("properties", devicedesign.MaxProperties) {
		p := "properties." + k + "."
		f.Properties = append(f.Properties, propertyRow{Name: get(p+"name", false), Type: get(p+"type", false),
			Direction: get(p+"direction", false), Unit: get(p+"unit", false)})
	}
	for _, k := range rows("flows", devicedesign.MaxFlows) {
		p := "flows." + k + "."
		fl := flowRow{Name: get(p+"name", false), Condition: get(p+"condition", false), Operator: get(p+"operator", false),
			Value: get(p+"value", false), Window: get(p+"window", false), Aggregate: get(p+"aggregate", false),
			Destination: get(p+"destination", false), URL: get(p+"url", false)}
		for i, a := range form[p+"attributes"] {
			if i >= devicedesign.MaxAttributes {
				break
			}
			if clean, ok := cleanText(strings.TrimSpace(a), false); ok && clean != "" {
				fl.Attributes = append(fl.Attributes, clean)
			}
		}
		f.Flows = append(f.Flows, fl)
	}
	if len(errs) == 0 {
		errs = nil
	}
	return f, errs
}

// rowKeys lists the row numbers posted under prefix ("attributes.") in numeric order, each once.
// Only plain numbers below 1000 count: a row a form never rendered names nothing.
func rowKeys(form url.Values, prefix string) []string {
	seen := map[int]bool{}
	var nums []int
	for key := range form {
		rest, ok := strings.CutPrefix(key, prefix)
		if !ok {
			continue
		}
		num, _, _ := strings.Cut(rest, ".")
		n, err := strconv.Atoi(num)
		if err != nil || n < 0 || n >= 1000 || strconv.Itoa(n) != num || seen[n] {
			continue
		}
		seen[n] = true
		nums = append(nums, n)
	}
	sort.Ints(nums)
	out := make([]string, len(nums))
	for i, n := range nums {
		out[i] = strconv.Itoa(n)
	}
	return out
}

// cleanText keeps s's valid characters that are not control characters (line breaks and tabs
// too when multiline), at most maxFieldLength bytes; ok is false when anything was dropped.
func cleanText(s string, multiline bool) (string, bool) {
	ok := len(s) <= maxFieldLength
	if !ok {
		s = s[:maxFieldLength]
	}
	if utf8.ValidString(s) && strings.IndexFunc(s, func(r rune) bool { return badRune(r, multiline) }) < 0 {
		return s, ok
	}
	var b strings.Builder
	for _, r := range strings.ToValidUTF8(s, "") {
		if !badRune(r, multiline) {
			b.WriteRune(r)
		}
	}
	return b.String(), false
}

func badRune(r rune, multiline bool) bool {
	return unicode.IsControl(r) && !(multiline && (r == '\n' || r == '\r' || r == '\t'))
}
