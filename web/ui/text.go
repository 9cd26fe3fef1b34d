package ui

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// CleanText reports whether s is text a person could have typed: valid UTF-8 without NUL or
// any other control character. Multiline text (a message) may also hold line breaks and tabs.
// PostgreSQL refuses NUL and invalid UTF-8 outright, so this check at the edge turns what would
// be a failed query into a field message.
func CleanText(s string, multiline bool) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if multiline && (r == '\n' || r == '\t') {
			continue
		}
		if unicode.IsControl(r) {
			return false
		}
	}
	return true
}

// NormaliseLines turns the line breaks browsers send (CRLF, or a lone CR) into LF.
func NormaliseLines(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}
