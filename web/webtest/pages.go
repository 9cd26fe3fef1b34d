package webtest

import (
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// ServiceCards maps each service card of My Services, by its title ("Software products ·
// Sandbox"), to its whitespace-normalised text.
func (r *Response) ServiceCards() map[string]string {
	out := map[string]string{}
	r.Doc.Find("article.service-card").Each(func(_ int, s *goquery.Selection) {
		title := strings.Join(strings.Fields(s.Find(".card__title").Text()), " ")
		out[title] = strings.Join(strings.Fields(s.Text()), " ")
	})
	return out
}

// ListingCardNames are the names of the listing cards a Hub page shows, in order.
func (r *Response) ListingCardNames() []string {
	var out []string
	r.Doc.Find(".listing-card .card__title a").Each(func(_ int, s *goquery.Selection) {
		out = append(out, strings.TrimSpace(s.Text()))
	})
	return out
}

// ListingCard is the listing card of the named product on a Hub page (empty when it is not
// there).
func (r *Response) ListingCard(name string) *goquery.Selection {
	return r.Doc.Find(".listing-card").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return strings.TrimSpace(s.Find(".card__title a").Text()) == name
	})
}
