package shop

import (
	"net/url"
	"partnerportal/web/ui"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

const hubPageSize = 12

// hubSorts are the Hub's orders. The default ("") is the best match: by relevance while there
// are search words, newest first without; it stays right while a visitor types, since the
// live search does not redraw the form.
var hubSorts = []views.Option{
	{Value: "", Label: "Best match"},
	{Value: "newest", Label: "Newest"},
	{Value: "price", Label: "Price: low to high"},
	{Value: "-price", Label: "Price: high to low"},
}

// hubQuery is the Hub's search, filters, sort and page, read from the URL: the URL is the whole
// state, so a result page can be shared and the back button returns to it. Values that are not
// one of the choices are ignored; a price that is not an amount is ignored and flagged.
type hubQuery struct {
	Q, Kind, Category, Company, Sort string
	// MinPrice and MaxPrice are as typed; minPrice and maxPrice the valid amounts, or "".
	MinPrice, MaxPrice string
	minPrice, maxPrice string
	// After and Before are keyset cursors ("sort key_product id"): the page after or before
	// that listing.
	After, Before string
	Errors        views.FieldErrors
}

// cursorPattern is a sort key (a decimal: a rank, a time in seconds or a price) and an id.
var cursorPattern = regexp.MustCompile(`^(-?[0-9]{1,20}(?:\.[0-9]{1,20})?)_([0-9]{1,19})$`)

func readHubQuery(c echo.Context) hubQuery {
	q := hubQuery{
		Q:        strings.TrimSpace(c.QueryParam("q")),
		MinPrice: strings.TrimSpace(c.QueryParam("min")),
		MaxPrice: strings.TrimSpace(c.QueryParam("max")),
	}
	if k := c.QueryParam("kind"); k == string(db.ModuleKeySoftware) || k == string(db.ModuleKeyHardware) {
		q.Kind = k
	}
	if cat := c.QueryParam("category"); db.ProductCategory(cat).Valid() {
		q.Category = cat
	}
	if co := c.QueryParam("company"); ui.SlugPattern.MatchString(co) {
		q.Company = co
	}
	if s := c.QueryParam("sort"); slices.ContainsFunc(hubSorts, func(o views.Option) bool { return o.Value == s }) {
		q.Sort = s
	}
	for _, p := range []struct {
		field, typed string
		valid        *string
	}{{"min", q.MinPrice, &q.minPrice}, {"max", q.MaxPrice, &q.maxPrice}} {
		if p.typed == "" {
			continue
		}
		if !ui.PriceInput.MatchString(p.typed) {
			q.Errors = ui.WithError(q.Errors, p.field, "Enter an amount like 50 or 49.90.")
			continue
		}
		*p.valid = ui.NormalisePrice(p.typed)
	}
	if a := c.QueryParam("after"); cursorPattern.MatchString(a) {
		q.After = a
	} else if b := c.QueryParam("before"); cursorPattern.MatchString(b) {
		q.Before = b
	}
	return q
}

// words are the search box's words (letters and digits; at most ten, of at most 50 bytes):
// the database matches each as a prefix, so results follow the typing (hub_search_query).
func (q hubQuery) words() []string {
	words := strings.FieldsFunc(strings.ToLower(q.Q), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) > 10 {
		words = words[:10]
	}
	for i, w := range words {
		for len(w) > 50 {
			_, size := utf8.DecodeLastRuneInString(w)
			w = w[:len(w)-size]
		}
		words[i] = w
	}
	return words
}

func (q hubQuery) filtered() bool {
	return q.Q != "" || q.Kind != "" || q.Category != "" || q.Company != "" || q.MinPrice != "" || q.MaxPrice != ""
}

// url is the Hub with q's parameters, changed by set (a key set to "" is dropped, the default
// sort too); the cursor stays only when set names one.
func (q hubQuery) url(set ...string) string {
	v := url.Values{}
	for k, s := range map[string]string{"q": q.Q, "kind": q.Kind, "category": q.Category, "company": q.Company,
		"min": q.MinPrice, "max": q.MaxPrice, "sort": q.Sort, "after": q.After, "before": q.Before} {
		v.Set(k, s)
	}
	// a page is named by one cursor; a change other than a page starts from the first page
	v.Del("after")
	v.Del("before")
	for i := 0; i+1 < len(set); i += 2 {
		v.Set(set[i], set[i+1])
	}
	for k := range v {
		if v.Get(k) == "" {
			v.Del(k)
		}
	}
	if len(v) == 0 {
		return "/hub"
	}
	return "/hub?" + v.Encode()
}

// params is the search for one page, as the portal's day and the shopper's cart see it.
func (q hubQuery) params(today time.Time, owner cartOwner) db.SearchHubParams {
	p := db.SearchHubParams{Today: today, Sort: q.Sort, PageSize: hubPageSize, ConsumerID: owner.ConsumerID, VisitorKey: owner.VisitorKey}
	if p.Sort == "" {
		p.Sort = "newest"
		if len(q.words()) > 0 {
			p.Sort = "relevance"
		}
	}
	opt := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	p.Words, p.Company, p.MinPrice, p.MaxPrice = q.words(), opt(q.Company), opt(q.minPrice), opt(q.maxPrice)
	if q.Kind != "" {
		m := db.ModuleKey(q.Kind)
		p.Module = &m
	}
	if q.Category != "" {
		cat := db.ProductCategory(q.Category)
		p.Category = &cat
	}
	cursor := q.After
	if q.Before != "" {
		cursor, p.Backward = q.Before, true
	}
	if m := cursorPattern.FindStringSubmatch(cursor); m != nil {
		id, _ := strconv.ParseInt(m[2], 10, 64)
		p.CursorKey, p.CursorID = &m[1], &id
	}
	return p
}
