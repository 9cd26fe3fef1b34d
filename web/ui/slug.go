package ui

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// SlugPattern is what products.slug accepts (its CHECK says the same).
var SlugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

const slugMax = 80

// Slugify suggests a slug from a name: accents dropped, lowercase letters and digits, words
// joined by single hyphens, cut at a word boundary to fit: "Smart Meter Gateway Ü2" →
// "smart-meter-gateway-u2".
func Slugify(name string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// a combining accent: "é" is "e" + this
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		default:
			hyphen = true
		}
	}
	s := b.String()
	if len(s) > slugMax {
		s = s[:slugMax]
		if i := strings.LastIndexByte(s, '-'); i > 0 {
			s = s[:i]
		}
	}
	return s
}

// FreeSlug is the first of base-2, base-3, … that taken does not hold, kept within slugMax.
func FreeSlug(base string, taken []string) string {
	used := make(map[string]bool, len(taken))
	for _, t := range taken {
		used[t] = true
	}
	for n := 2; ; n++ {
		suffix := "-" + strconv.Itoa(n)
		s := base
		if len(s)+len(suffix) > slugMax {
			s = strings.TrimRight(s[:slugMax-len(suffix)], "-")
		}
		if !used[s+suffix] {
			return s + suffix
		}
	}
}
