package devicedesign

import (
	"hash/fnv"
	"math"
	"strconv"
)

// SamplePayload is a telemetry message the design allows: every attribute with a value of its
// type inside its range. The values come from the attributes' names, so a design always gives
// the same sample and two attributes rarely the same value.
func SamplePayload(attrs []Attribute) any {
	return sampleObject(attrs, "")
}

func sampleObject(attrs []Attribute, prefix string) *object {
	o := newObject()
	for _, a := range attrs {
		o.set(a.Name, sampleValue(a, prefix+a.Name))
	}
	return o
}

func sampleValue(a Attribute, path string) any {
	f := fraction(path)
	switch a.Type {
	case "number":
		return clamp(round2(spread(a.Minimum, a.Maximum, f, false)), a.Minimum, a.Maximum)
	case "integer":
		return int64(clamp(spread(a.Minimum, a.Maximum, f, true), a.Minimum, a.Maximum))
	case "boolean":
		return f >= 0.5
	case "location":
		return newObject().set("lat", 52.52).set("lon", 13.405)
	case "object":
		return sampleObject(a.Attributes, path+".")
	}
	return "example " + a.Name
}

// spread picks a value from f in [0.2, 0.8): inside both bounds, above a lone minimum, below a
// lone maximum, or between 0 and 100.
func spread(lo, hi *float64, f float64, whole bool) float64 {
	step := func(x float64) float64 {
		if whole {
			return math.Floor(x)
		}
		return x
	}
	switch {
	case lo != nil && hi != nil:
		return *lo + step((*hi-*lo)*f)
	case lo != nil:
		return *lo + step(100*f)
	case hi != nil:
		return *hi - step(100*f)
	}
	return step(100 * f)
}

func clamp(v float64, lo, hi *float64) float64 {
	if lo != nil && v < *lo {
		v = *lo
	}
	if hi != nil && v > *hi {
		v = *hi
	}
	return v
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

// fraction is a number in [0.2, 0.8) drawn from s.
func fraction(s string) float64 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return 0.2 + 0.6*float64(h.Sum32()%1000)/1000
}

// PayloadSchema is the JSON Schema (draft 2020-12) of the telemetry messages a design allows:
// what a device's messages can be checked against.
func PayloadSchema(d Document) any {
	s := newObject().
		set("$schema", "https://json-schema.org/draft/2020-12/schema").
		set("title", "Telemetry of "+d.Name).
		set("description", "A telemetry message as version "+strconv.Itoa(d.Version)+" of the ExpressConnect design describes it.")
	return objectSchema(s, d.Attributes)
}

func objectSchema(s *object, attrs []Attribute) *object {
	s.set("type", "object")
	props := newObject()
	required := []string{}
	for _, a := range attrs {
		props.set(a.Name, attributeSchema(a))
		if a.Required {
			required = append(required, a.Name)
		}
	}
	s.set("properties", props)
	if len(required) > 0 {
		s.set("required", required)
	}
	return s.set("additionalProperties", false)
}

func attributeSchema(a Attribute) *object {
	s := newObject()
	if d := describe(a); d != "" {
		s.set("description", d)
	}
	switch a.Type {
	case "location":
		return s.set("type", "object").
			set("properties", newObject().
				set("lat", newObject().set("type", "number").set("minimum", -90).set("maximum", 90)).
				set("lon", newObject().set("type", "number").set("minimum", -180).set("maximum", 180))).
			set("required", []string{"lat", "lon"}).
			set("additionalProperties", false)
	case "object":
		return objectSchema(s, a.Attributes)
	}
	s.set("type", a.Type)
	if a.Minimum != nil {
		s.set("minimum", *a.Minimum)
	}
	if a.Maximum != nil {
		s.set("maximum", *a.Maximum)
	}
	return s
}

// describe is an attribute's unit and sampling, as a schema's description.
func describe(a Attribute) string {
	d := ""
	if a.Unit != "" {
		d = "Unit: " + a.Unit + "."
	}
	if a.SamplingSeconds != nil {
		if d != "" {
			d += " "
		}
		d += "Sent every " + strconv.Itoa(*a.SamplingSeconds) + " s."
	}
	return d
}
