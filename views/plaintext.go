package views

import (
	"net/url"
	"regexp"
	"strings"
)

// A message is shown as its author typed it: paragraphs at blank lines, line breaks kept, and
// web addresses (http and https only) made links. Everything else is text, escaped like any
// other, so nothing typed becomes markup.

// textPiece is a run of a line: text, or a link whose text is its address.
type textPiece struct {
	Text string
	URL  string
}

var addressPattern = regexp.MustCompile(`(?i)\bhttps?://[^\s<>"'` + "`" + `]+`)

// paragraphs splits s into paragraphs of lines of pieces.
func paragraphs(s string) [][][]textPiece {
	var out [][][]textPiece
	for _, para := range strings.Split(strings.TrimSpace(s), "\n\n") {
		para = strings.Trim(para, "\n")
		if strings.TrimSpace(para) == "" {
			continue
		}
		var lines [][]textPiece
		for _, line := range strings.Split(para, "\n") {
			lines = append(lines, linePieces(line))
		}
		out = append(out, lines)
	}
	return out
}

// linePieces cuts a line at the web addresses in it.
func linePieces(line string) []textPiece {
	var out []textPiece
	for line != "" {
		loc := addressPattern.FindStringIndex(line)
		if loc == nil {
			return append(out, textPiece{Text: line})
		}
		addr := trimAddress(line[loc[0]:loc[1]])
		end := loc[0] + len(addr)
		if u, err := url.Parse(addr); err == nil && u.Host != "" && (strings.EqualFold(u.Scheme, "http") || strings.EqualFold(u.Scheme, "https")) {
			if loc[0] > 0 {
				out = append(out, textPiece{Text: line[:loc[0]]})
			}
			out = append(out, textPiece{Text: addr, URL: addr})
		} else {
			out = append(out, textPiece{Text: line[:end]})
		}
		line = line[end:]
	}
	return out
}

// trimAddress drops the punctuation that ends a sentence rather than the address, and a
// closing bracket that does not close one of its own.
func trimAddress(a string) string {
	for a != "" {
		last := a[len(a)-1]
		switch {
		case strings.IndexByte(".,;:!?'*", last) >= 0:
			a = a[:len(a)-1]
		case last == ')' && strings.Count(a, "(") < strings.Count(a, ")"),
			last == ']' && strings.Count(a, "[") < strings.Count(a, "]"),
			last == '}' && strings.Count(a, "{") < strings.Count(a, "}"):
			a = a[:len(a)-1]
		default:
			return a
		}
	}
	return a
}
