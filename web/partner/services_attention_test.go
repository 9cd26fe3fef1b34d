package partner_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"partnerportal/web/webtest"
)

// TestMyServicesPutsWhatNeedsAttentionFirst: read-only first (expired, then exhausted), then
// grace, then terms ending soon (nearest first), then the rest; the ending ones are marked,
// the strongest from 7 days on; days left are not shown where they mean nothing.
func TestMyServicesPutsWhatNeedsAttentionFirst(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	a := env.CompanyID(t, "Company A")
	env.SetModuleState(t, a, "software", "exhausted")
	env.SetModuleState(t, a, "hardware", "grace")
	// Support's term ends in 5 days, DevLab's in 20 (3-month terms ending then)
	endIn := func(module string, days int) {
		env.Exec(t, `UPDATE service_terms t SET valid_from = ($3::date + $4::integer + 1 - interval '3 months')::date
			FROM services s WHERE s.id = t.service_id AND s.company_id = $1 AND s.module = $2 AND t.term_months = 3`,
			a, module, webtest.Start, days)
	}
	env.Exec(t, `UPDATE service_terms t SET term_months = 3 FROM services s WHERE s.id = t.service_id AND s.company_id = $1 AND s.module IN ('support', 'devlab')`, a)
	endIn("support", 5)
	endIn("devlab", 20)

	c := env.SignedIn(t, webtest.PartnerA)
	r := c.Get(t, "/services")
	var order []string
	r.Doc.Find("article.service-card .card__title").Each(func(_ int, s *goquery.Selection) {
		order = append(order, strings.Join(strings.Fields(s.Text()), " "))
	})
	want := []string{"ExpressConnect", "Solutions Hub visibility", "Software products · Production", "Hardware products · Production",
		"Support", "IoTConnect DevLab"}
	if !slices.Equal(order, want) {
		t.Errorf("cards in order %q, want %q", order, want)
	}
	cards := r.ServiceCards()
	if got := r.Doc.Find("article.service-card--urgent .card__title").Text(); !strings.Contains(got, "Support") {
		t.Errorf("the urgent card is %q, want Support", got)
	}
	if got := r.Doc.Find("article.service-card--soon .card__title").Text(); !strings.Contains(got, "IoTConnect DevLab") {
		t.Errorf("the ending-soon card is %q, want DevLab", got)
	}
	if !strings.Contains(cards["Support"], "Ends in") || strings.Contains(cards["Software products · Production"], "Ends in") {
		t.Errorf("ends-in warnings: Support %q, Software %q", cards["Support"], cards["Software products · Production"])
	}
	sw := cards["Software products · Production"]
	if strings.Contains(sw, "Days left") || !strings.Contains(sw, "used up its messages") || !strings.Contains(sw, "A renewal starts a new term") {
		t.Errorf("the exhausted plan says %q", sw)
	}
	nav := r.Doc.Find("nav.main-nav")
	for area, mark := range map[string]string{"ExpressConnect": "(read-only)", "Hub listings": "(read-only)", "My Products": "(in grace)"} {
		link := nav.Find("a:contains('" + area + "')")
		if got := strings.Join(strings.Fields(link.Text()), " "); !strings.Contains(got, mark) || link.Find(".nav-mark[aria-hidden=true]").Length() != 1 {
			t.Errorf("navigation %s reads %q, want an icon and %q", area, got, mark)
		}
	}
	if got := nav.Find("a:contains('Support')").Text(); strings.Contains(got, "(") {
		t.Errorf("usable Support is marked: %q", got)
	}
}

// TestInactiveCardSaysSinceWhen: a deactivated service shows the day it was deactivated and no
// days left to the partner; its reason only to staff.
func TestInactiveCardSaysSinceWhen(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	b := env.CompanyID(t, "Company B")
	sid, version := env.Service(t, "Company B", "support", "")
	am := env.SignedIn(t, webtest.Admin)
	path := "/admin/partners/" + webtest.Itoa(b) + "/services/" + webtest.Itoa(sid)
	am.Get(t, path)
	resp := am.PostForm(t, path+"/status", url.Values{"version": {webtest.Itoa(int64(version))}, "status": {"inactive"}, "reason": {"Contract under review"}})
	if resp.StatusCode >= 400 {
		t.Fatalf("deactivating: %d %s", resp.StatusCode, resp.Body)
	}
	day := webtest.Start.Format("2 Jan 2006")
	staff := am.Get(t, "/admin/partners/"+webtest.Itoa(b)).Text("#service-" + webtest.Itoa(sid))
	if !strings.Contains(staff, "Deactivated on"+day) || !strings.Contains(staff, "Contract under review") {
		t.Errorf("the staff panel says %q", staff)
	}
	card := env.SignedIn(t, webtest.PartnerB).Get(t, "/services").ServiceCards()["Support"]
	if !strings.Contains(card, "Inactive since "+day) || strings.Contains(card, "Days left") || strings.Contains(card, "Contract under review") {
		t.Errorf("the partner's card says %q", card)
	}
}
