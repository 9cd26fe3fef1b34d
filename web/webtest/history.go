package webtest

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// PurchaseEvents are the lines of a page's "Releases and restorations" list (the section
// labelled by titleID), newest first, as they read: "Released FleetPulse Telematics by
// Company A · 13 Apr 2027 · the partner's plan ended (…)". The badge's icon, hidden from
// screen readers, is left out.
func (r *Response) PurchaseEvents(titleID string) []string {
	var out []string
	r.Doc.Find(`[aria-labelledby="` + titleID + `"] li.purchase-event`).Each(func(_ int, li *goquery.Selection) {
		text := strings.Replace(li.Text(), li.Find(".badge__icon").Text(), "", 1)
		out = append(out, strings.Join(strings.Fields(text), " "))
	})
	return out
}

// RenewPlan renews a company's plan for 6 months (cap 10 %, 100,000 messages, 500 devices) as
// its account manager does on the partner page.
func (e *Env) RenewPlan(t testing.TB, company, module, environment string) {
	t.Helper()
	am := e.SignedIn(t, AccountManager)
	id, version := e.Service(t, company, module, environment)
	path := "/admin/partners/" + Itoa(e.CompanyID(t, company)) + "/services/" + Itoa(id) + "/renew"
	r := am.PostForm(t, path, url.Values{"version": {Itoa(int64(version))}, "term_months": {"6"}, "cap_percent": {"10"},
		"message_quota": {"100000"}, "device_quota": {"500"}})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("renew %s's %s %s plan: %d\n%s", company, module, environment, r.StatusCode, r.Text("main"))
	}
}
