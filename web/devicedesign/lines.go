package devicedesign

import (
	"bytes"
	"encoding/json"
	"sort"
	"strconv"
	"strings"
)

// lineIndex finds the line of a byte offset of a file.
type lineIndex struct{ newlines []int }

func newLineIndex(data []byte) lineIndex {
	var nl []int
	for i, b := range data {
		if b == '\n' {
			nl = append(nl, i)
		}
	}
	return lineIndex{nl}
}

// line is the 1-based line of offset.
func (l lineIndex) line(offset int) int {
	return sort.SearchInts(l.newlines, offset) + 1
}

// positions maps the JSON pointer of every value in data (already known to be valid JSON
// within MaxNesting) to the line it starts on.
func (l lineIndex) positions(data []byte) map[string]int {
	out := map[string]int{}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var walk func(ptr string) bool
	walk = func(ptr string) bool {
		out[ptr] = l.line(valueStart(data, int(dec.InputOffset())))
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		switch tok {
		case json.Delim('{'):
			for dec.More() {
				key, err := dec.Token()
				if err != nil {
					return false
				}
				k, _ := key.(string)
				if !walk(ptr + "/" + strings.NewReplacer("~", "~0", "/", "~1").Replace(k)) {
					return false
				}
			}
			_, err = dec.Token()
		case json.Delim('['):
			for i := 0; dec.More(); i++ {
				if !walk(ptr + "/" + strconv.Itoa(i)) {
					return false
				}
			}
			_, err = dec.Token()
		}
		return err == nil
	}
	walk("")
	return out
}

// valueStart skips what separates the previous token from the next value.
func valueStart(data []byte, off int) int {
	for off < len(data) {
		switch data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
		default:
			return off
		}
	}
	return off
}

// tooDeep scans data for arrays and objects nested beyond MaxNesting, outside strings, before
// anything decodes it (a decoder would recurse as deep as the file asks). It returns the offset
// of the first bracket too deep, and false; or true.
func tooDeep(data []byte) (int, bool) {
	depth, inString, escaped := 0, false, false
	for i, b := range data {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case b == '\\':
				escaped = true
			case b == '"':
				inString = false
			}
		case b == '"':
			inString = true
		case b == '{' || b == '[':
			depth++
			if depth > MaxNesting {
				return i, false
			}
		case b == '}' || b == ']':
			depth--
		}
	}
	return 0, true
}

// readablePath writes a JSON pointer as people read a path: /attributes/0/name →
// attributes[0].name.
func readablePath(ptr string) string {
	if ptr == "" {
		return ""
	}
	var b strings.Builder
	for _, seg := range strings.Split(ptr[1:], "/") {
		seg = strings.NewReplacer("~1", "/", "~0", "~").Replace(seg)
		if _, err := strconv.Atoi(seg); err == nil {
			b.WriteString("[" + seg + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(seg)
	}
	return b.String()
}
