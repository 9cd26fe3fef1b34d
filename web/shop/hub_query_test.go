package shop

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"testing"
	"time"
	"unicode"

	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/ui"
)

// FuzzHubQuery: whatever query string reaches the Hub, reading it does not panic; what it
// keeps is one of the choices or a valid amount, the search words are few, short and only
// letters and digits, and the page's own links read back as the same search.
func FuzzHubQuery(f *testing.F) {
	for _, seed := range []string{
		"q=cold+chain&kind=software&category=fleet&company=company-a&sort=-price&min=10&max=49.90",
		"q=%00", "q=%FF%FE", "kind=nope&category=nope&sort=nope&company=Company+A", "min=-1&max=1e400",
		"after=9223372036854775808_9223372036854775808", "before=-1.5_3", "after=1_2&before=3_4",
		"q=" + url.QueryEscape("a b c d e f g h i j k l m"), "q=" + url.QueryEscape(string(make([]rune, 80))), "%zz", "",
	} {
		f.Add(seed)
	}
	e := echo.New()
	today := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	read := func(raw string) hubQuery {
		req := &http.Request{Method: http.MethodGet, URL: &url.URL{Path: "/hub", RawQuery: raw}, Header: http.Header{}}
		return readHubQuery(e.NewContext(req, httptest.NewRecorder()))
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q := read(raw)
		if q.Kind != "" && q.Kind != string(db.ModuleKeySoftware) && q.Kind != string(db.ModuleKeyHardware) ||
			q.Category != "" && !db.ProductCategory(q.Category).Valid() || q.Company != "" && !ui.SlugPattern.MatchString(q.Company) ||
			!slices.ContainsFunc(hubSorts, func(o views.Option) bool { return o.Value == q.Sort }) {
			t.Errorf("kept a value that is not a choice: %+v", q)
		}
		p := q.params(today, cartOwner{})
		if len(p.Words) > 10 {
			t.Errorf("%d search words", len(p.Words))
		}
		for _, w := range p.Words {
			if w == "" || len(w) > 50 || slices.ContainsFunc([]rune(w), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
				t.Errorf("search word %q", w)
			}
		}
		for _, price := range []*string{p.MinPrice, p.MaxPrice} {
			if price != nil && !ui.PriceInput.MatchString(*price) {
				t.Errorf("price %q kept", *price)
			}
		}
		if p.CursorID != nil && *p.CursorID < 0 {
			t.Errorf("cursor id %d", *p.CursorID)
		}
		link, _ := url.Parse(q.url())
		again := read(link.RawQuery)
		if again.Q != q.Q || again.Kind != q.Kind || again.Category != q.Category || again.Company != q.Company ||
			again.Sort != q.Sort || again.MinPrice != q.MinPrice || again.MaxPrice != q.MaxPrice {
			t.Errorf("the page's link %s reads as %+v, not %+v", link, again, q)
		}
	})
}
