package ui

import (
	"strings"
	"testing"
)

// FuzzSlugs: a slug made from any name, and the free one found next to any taken ones, is a
// slug products.slug accepts (or empty, for a name with no letters or digits) and fits.
func FuzzSlugs(f *testing.F) {
	for _, seed := range []string{"Smart Meter Gateway Ü2", "", "---", "\x00\xff", "Ünïcødé ñame", "a" + strings.Repeat("-b", 60),
		strings.Repeat("word ", 40), "日本語", "x\u0301y", "9223372036854775808"} {
		f.Add(seed, "smart-meter-gateway-u2")
	}
	f.Fuzz(func(t *testing.T, name, taken string) {
		s := Slugify(name)
		if s != "" && !SlugPattern.MatchString(s) {
			t.Errorf("Slugify(%q) = %q, which is not a slug", name, s)
		}
		if len(s) > slugMax {
			t.Errorf("Slugify(%q) = %q: %d bytes, over %d", name, s, len(s), slugMax)
		}
		if s == "" {
			return
		}
		free := FreeSlug(s, []string{taken, s + "-2"})
		if !SlugPattern.MatchString(free) || len(free) > slugMax || free == taken || free == s+"-2" {
			t.Errorf("FreeSlug(%q, [%q %q]) = %q", s, taken, s+"-2", free)
		}
	})
}
