package ui

import (
	"strings"
	"testing"

	"partnerportal/views"
)

func TestPricesStayExact(t *testing.T) {
	for _, tt := range []struct{ in, stored string }{
		{"49", "49.00"}, {"49.9", "49.90"}, {"49,95", "49.95"}, {"0", "0.00"}, {"007.5", "7.50"},
		{"9999999999.99", "9999999999.99"},
	} {
		if !PriceInput.MatchString(tt.in) {
			t.Errorf("%q refused", tt.in)
			continue
		}
		if got := NormalisePrice(tt.in); got != tt.stored {
			t.Errorf("normalisePrice(%q) = %q, want %q", tt.in, got, tt.stored)
		}
	}
	for _, bad := range []string{"", "-1", "1.234", "1e3", "12 000", "€5", "99999999999", "1.", ".5"} {
		if PriceInput.MatchString(bad) {
			t.Errorf("%q accepted", bad)
		}
	}
	for _, tt := range []struct{ amount, currency, want string }{
		{"1234.50", "EUR", "€1,234.50"}, {"49.00", "USD", "$49.00"}, {"990.00", "GBP", "£990.00"},
		{"1234567.89", "EUR", "€1,234,567.89"}, {"0.00", "EUR", "€0.00"}, {"12.00", "CHF", "12.00 CHF"},
	} {
		if got := Money(tt.amount, tt.currency); got != tt.want {
			t.Errorf("money(%q, %q) = %q, want %q", tt.amount, tt.currency, got, tt.want)
		}
	}
}

func TestSlugs(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"Smart Meter Gateway", "smart-meter-gateway"},
		{"  Über-Sensor  Ⅱ / Pro!  ", "uber-sensor-pro"},
		{"CO₂ Monitor 3000", "co-monitor-3000"},
		{"Café déjà vu", "cafe-deja-vu"},
		{"!!!", ""},
	} {
		got := Slugify(tt.name)
		if got != tt.want {
			t.Errorf("slugify(%q) = %q, want %q", tt.name, got, tt.want)
		}
		if got != "" && !SlugPattern.MatchString(got) {
			t.Errorf("slugify(%q) = %q does not match the slug pattern", tt.name, got)
		}
	}
	long := Slugify(strings.Repeat("Sensor ", 20))
	if len(long) > slugMax || long[len(long)-1] == '-' {
		t.Errorf("long slug %q (%d)", long, len(long))
	}
	if got := FreeSlug("tag", []string{"tag", "tag-2", "tag-3"}); got != "tag-4" {
		t.Errorf("freeSlug = %q, want tag-4", got)
	}
}

func TestPaginate(t *testing.T) {
	href := func(n int) string { return Itoa(int64(n)) }
	pages := func(p []views.PageLink) []string {
		var out []string
		for _, l := range p {
			switch {
			case l.Gap:
				out = append(out, "…")
			case l.Current:
				out = append(out, "["+l.Label+"]")
			default:
				out = append(out, l.Label)
			}
		}
		return out
	}
	for _, tt := range []struct {
		current, total, shown int
		want                  []string
		summary               string
	}{
		{1, 5, 5, nil, "Showing 1–5 of 5"},
		{1, 45, 20, []string{"[1]", "2", "3"}, "Showing 1–20 of 45"},
		{10, 400, 20, []string{"1", "…", "8", "9", "[10]", "11", "12", "…", "20"}, "Showing 181–200 of 400"},
		{20, 400, 20, []string{"1", "…", "18", "19", "[20]"}, "Showing 381–400 of 400"},
		{3, 0, 0, nil, ""},
	} {
		p := Paginate(tt.current, 20, tt.total, tt.shown, href)
		if got, want := strings.Join(pages(p.Pages), " "), strings.Join(tt.want, " "); got != want {
			t.Errorf("page %d of %d items: links %q, want %q", tt.current, tt.total, got, want)
		}
		if p.Summary != tt.summary {
			t.Errorf("summary %q, want %q", p.Summary, tt.summary)
		}
	}
}
