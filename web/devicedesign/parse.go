package devicedesign

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"unicode/utf8"
)

// Limits of an imported file.
const (
	// MaxImportBytes is the largest file an import reads: far above any design the limits allow.
	MaxImportBytes = 256 << 10
	// MaxNesting is how deep arrays and objects may nest: a design at its limits needs 13.
	MaxNesting = 20
	// MaxProblems is how many problems an import lists before it says how many more there are.
	MaxProblems = 50
)

// Problem is one thing wrong with a design: where it is (a JSON pointer into the document;
// "" for the whole) and, for a file, on which line (0 when unknown), and what.
type Problem struct {
	Pointer string
	Line    int
	Message string
}

// Location is where a problem is, for people: "attributes[0].name", or "" for the document.
func (p Problem) Location() string { return readablePath(p.Pointer) }

// Parse reads an imported file: JSON within the limits, valid against the schema, then the
// rules of Check. It returns the document, or the problems in the order of their lines;
// nothing in data can make it fail otherwise.
func Parse(data []byte) (Document, []Problem) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a byte order mark some editors write
	if len(data) > MaxImportBytes {
		return Document{}, []Problem{{Message: fmt.Sprintf("The file is larger than %d KB.", MaxImportBytes>>10)}}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return Document{}, []Problem{{Line: 1, Message: "The file is empty."}}
	}
	lines := newLineIndex(data)
	if !utf8.Valid(data) {
		return Document{}, []Problem{{Line: lines.line(firstInvalidUTF8(data)), Message: "The file is not UTF-8 text."}}
	}
	if at, ok := tooDeep(data); !ok {
		return Document{}, []Problem{{Line: lines.line(at), Message: fmt.Sprintf("Arrays and objects nest more than %d levels deep.", MaxNesting)}}
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return Document{}, []Problem{syntaxProblem(err, lines, len(data))}
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return Document{}, []Problem{{Line: lines.line(int(dec.InputOffset())), Message: "There is more after the end of the JSON document."}}
	}
	positions := lines.positions(data)
	problems, err := validateSchema(v)
	if err != nil {
		return Document{}, []Problem{{Message: "The file could not be checked against the schema."}}
	}
	if len(problems) > 0 {
		return Document{}, locate(problems, positions)
	}
	var doc Document
	strict := json.NewDecoder(bytes.NewReader(data))
	strict.DisallowUnknownFields()
	if err := strict.Decode(&doc); err != nil {
		return Document{}, []Problem{syntaxProblem(err, lines, len(data))}
	}
	doc.Normalize()
	if problems := Check(doc); len(problems) > 0 {
		return Document{}, locate(problems, positions)
	}
	return doc, nil
}

// syntaxProblem words a decoding error with its line.
func syntaxProblem(err error, lines lineIndex, size int) Problem {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return Problem{Line: lines.line(int(se.Offset)), Message: "This is not valid JSON: " + se.Error() + "."}
	case errors.As(err, &te):
		return Problem{Line: lines.line(int(te.Offset)), Message: "“" + te.Field + "” has the wrong type: expected " + te.Type.String() + "."}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return Problem{Line: lines.line(size), Message: "The JSON document ends too early."}
	}
	return Problem{Message: "This is not a valid JSON document."}
}

// locate gives each problem the line of its pointer (or of the nearest enclosing value) and
// sorts them by line.
func locate(problems []Problem, positions map[string]int) []Problem {
	for i, p := range problems {
		ptr := p.Pointer
		for {
			if l, ok := positions[ptr]; ok {
				problems[i].Line = l
				break
			}
			if ptr == "" {
				break
			}
			ptr = ptr[:max(0, lastSlash(ptr))]
		}
	}
	slices.SortStableFunc(problems, func(a, b Problem) int { return a.Line - b.Line })
	if n := len(problems); n > MaxProblems {
		problems = append(problems[:MaxProblems:MaxProblems], Problem{Message: fmt.Sprintf("…and %d more problems.", n-MaxProblems)})
	}
	return problems
}

func lastSlash(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '/' {
			return i
		}
	}
	return -1
}

func firstInvalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(data)
}
