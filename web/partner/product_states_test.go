package partner_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"partnerportal/web/webtest"
)

// productFingerprint is what any write could change on a product.
func productFingerprint(t *testing.T, env *webtest.Env, id string) string {
	t.Helper()
	var s string
	if err := env.Pool.QueryRow(context.Background(), `SELECT concat_ws('|', name, slug, price, status, revision, archived_at)
		FROM products WHERE id = $1`, id).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestReadOnlyPlanKeepsItsProductsVisibleButUnchangeable: Company A's hardware production plan
// expired a week ago (cap 10%); its software plans are still active.
func TestReadOnlyPlanKeepsItsProductsVisibleButUnchangeable(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	env.Exec(t, `UPDATE service_terms t SET valid_from = '2026-04-01', cap_percent = 0 FROM services s, partner_companies c
		WHERE t.service_id = s.id AND s.company_id = c.id AND c.name = 'Company A' AND s.module = 'hardware'`)
	c := env.SignedIn(t, webtest.PartnerA)
	hw := webtest.Itoa(env.ProductID(t, "Company A", "sensehub-gateway"))
	sw := webtest.Itoa(env.ProductID(t, "Company A", "energylens-analytics"))

	list := c.Get(t, "/products")
	if got := listed(list); len(got) != 11 {
		t.Errorf("a read-only plan's products should stay listed: %v", got)
	}
	if b := list.Text(".banner--readonly"); !strings.Contains(b, "Some of your products are read-only") ||
		!strings.Contains(b, "The production hardware plan is read-only: its term ended on 30 Sep 2026") {
		t.Errorf("list banner %q", b)
	}
	list.Doc.Find("table tbody tr").Each(func(_ int, row *goquery.Selection) {
		hardware := strings.Contains(row.Find("td").First().Text(), "Hardware")
		if ro := strings.Contains(row.Text(), "Read-only"); ro != hardware {
			t.Errorf("row %q: read-only mark %v, want %v", strings.Fields(row.Text())[0], ro, hardware)
		}
	})
	if list.Doc.Find(`a[href="/products/new"]`).Length() == 0 {
		t.Error("software plans can still take new products, but Add a product is gone")
	}
	var plans []string
	c.Get(t, "/products/new").Doc.Find("input[name=plan]").Each(func(_ int, s *goquery.Selection) { plans = append(plans, s.AttrOr("value", "")) })
	if slices.Contains(plans, "hardware:production") {
		t.Errorf("the read-only plan is offered for new products: %v", plans)
	}

	page := c.Get(t, "/products/"+hw)
	if page.StatusCode != http.StatusOK || !strings.Contains(page.Text(".banner--readonly"), "read-only since 1 Oct 2026") {
		t.Fatalf("product page: %d, banner %q", page.StatusCode, page.Text(".banner--readonly"))
	}
	if page.Doc.Find(`a[href$="/edit"], main form`).Length() != 0 {
		t.Error("a read-only product offers edit, publish or archive")
	}
	if !strings.Contains(page.Text("#plan-title + *, .card"), "Expired on 1 Oct 2026 — read-only") {
		t.Errorf("plan card %q", page.Text(".card"))
	}
	edit := c.Get(t, "/products/"+hw+"/edit")
	if edit.StatusCode != http.StatusOK || edit.Doc.Find("#product-form fieldset[disabled]").Length() != 1 {
		t.Errorf("edit form of a read-only product: %d, disabled fieldsets %d", edit.StatusCode, edit.Doc.Find("#product-form fieldset[disabled]").Length())
	}

	before := productFingerprint(t, env, hw)
	form := url.Values{"name": {"Changed"}, "status": {"draft"}}
	for _, path := range []string{"/products/" + hw, "/products/" + hw + "/status", "/products/" + hw + "/archive"} {
		plain := c.PostForm(t, path, form)
		if plain.StatusCode != http.StatusSeeOther || plain.Header.Get("Location") != "/products/"+hw {
			t.Errorf("POST %s: %d to %q, want back to the product", path, plain.StatusCode, plain.Header.Get("Location"))
		}
		if flash := c.Get(t, "/products/"+hw).Text("#flash"); !strings.Contains(flash, "The production hardware plan is read-only") {
			t.Errorf("POST %s: flash %q", path, flash)
		}
		c.Header.Set("HX-Request", "true")
		htmx := c.PostForm(t, path, form)
		c.Header.Del("HX-Request")
		if htmx.StatusCode != http.StatusForbidden || !strings.Contains(htmx.Text(".flash"), "read-only") {
			t.Errorf("htmx POST %s: %d %q", path, htmx.StatusCode, htmx.Body)
		}
	}
	if after := productFingerprint(t, env, hw); after != before {
		t.Errorf("refused writes changed the product: %s → %s", before, after)
	}

	// The software product next to it is still editable.
	swPage := c.Get(t, "/products/"+sw)
	if swPage.Doc.Find(`a[href="/products/`+sw+`/edit"]`).Length() != 1 || swPage.Doc.Find(".banner--readonly").Length() != 0 {
		t.Error("a software product of an active plan lost its edit link or shows a read-only banner")
	}
}

// TestHiddenPlanHidesItsProducts: Company A's software service is switched off; its hardware
// devices are managed as before.
func TestHiddenPlanHidesItsProducts(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	env.Exec(t, `UPDATE services s SET status = 'inactive' FROM partner_companies c
		WHERE s.company_id = c.id AND c.name = 'Company A' AND s.module = 'software'`)
	c := env.SignedIn(t, webtest.PartnerA)
	sw := webtest.Itoa(env.ProductID(t, "Company A", "fleetpulse-telematics"))

	got := listed(c.Get(t, "/products"))
	if len(got) != 5 || slices.Contains(got, "FleetPulse Telematics") {
		t.Errorf("list with the software plans off: %v, want the 5 hardware devices", got)
	}
	if got := listed(c.Get(t, "/products?kind=software")); len(got) != 0 {
		t.Errorf("filtering for software still finds %v", got)
	}
	for _, path := range []string{"/products/" + sw, "/products/" + sw + "/edit"} {
		if r := c.Get(t, path); r.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", path, r.StatusCode)
		}
	}
	before := productFingerprint(t, env, sw)
	for _, path := range []string{"/products/" + sw, "/products/" + sw + "/status", "/products/" + sw + "/archive"} {
		if r := c.PostForm(t, path, url.Values{"name": {"x"}, "status": {"draft"}}); r.StatusCode != http.StatusNotFound {
			t.Errorf("POST %s: %d, want 404", path, r.StatusCode)
		}
	}
	if after := productFingerprint(t, env, sw); after != before {
		t.Errorf("a hidden product changed: %s → %s", before, after)
	}
	r := c.PostForm(t, "/products", with(hardwareForm(), "plan", "software:production", "deployment", "cloud"))
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(fieldError(r, "plan"), "cannot take new products") {
		t.Errorf("creating in the inactive plan: %d %q", r.StatusCode, fieldError(r, "plan"))
	}

	// Hardware goes on as usual.
	hw := webtest.Itoa(env.ProductID(t, "Company A", "soilprobe-3"))
	if r := c.Get(t, "/products/"+hw+"/edit"); r.StatusCode != http.StatusOK || r.Doc.Find("fieldset[disabled]").Length() != 0 {
		t.Errorf("hardware edit form: %d", r.StatusCode)
	}
	if r := c.PostForm(t, "/products", hardwareForm()); r.StatusCode != http.StatusSeeOther {
		t.Errorf("creating a hardware device: %d\n%s", r.StatusCode, r.Text(".field__error"))
	}
	if r := c.PostForm(t, "/products/"+hw+"/status", url.Values{"status": {"draft"}}); r.StatusCode != http.StatusSeeOther {
		t.Errorf("unpublishing a hardware device: %d", r.StatusCode)
	}
}

func TestAnotherCompanysProductIsNotFound(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	a := webtest.Itoa(env.ProductID(t, "Company A", "tracktag-mini"))
	c := env.SignedIn(t, webtest.PartnerC) // a hardware partner too, with an active plan
	c.Get(t, "/products")
	before := productFingerprint(t, env, a)
	for _, path := range []string{"/products/" + a, "/products/" + a + "/edit", "/products/999999", "/products/abc"} {
		r := c.Get(t, path)
		if r.StatusCode != http.StatusNotFound || strings.Contains(r.Body, "TrackTag") {
			t.Errorf("GET %s: %d, want 404 that names nothing", path, r.StatusCode)
		}
	}
	for _, path := range []string{"/products/" + a, "/products/" + a + "/status", "/products/" + a + "/archive"} {
		form := with(hardwareForm(), "status", "draft", "revision", "1")
		if r := c.PostForm(t, path, form); r.StatusCode != http.StatusNotFound {
			t.Errorf("POST %s: %d, want 404", path, r.StatusCode)
		}
	}
	if after := productFingerprint(t, env, a); after != before {
		t.Errorf("another company changed the product: %s → %s", before, after)
	}
	if got := listed(c.Get(t, "/products?q=TrackTag")); len(got) != 0 {
		t.Errorf("another company's product is listed: %v", got)
	}
}

// TestPlanExpiryReleasesConsumersAndRenewalRestoresThem: SPEC §7 S1 for a product. Company A's
// production software plan (6 months, cap 10%) ends; past its grace the product page is
// read-only and Carlos's purchase is released; a renewal brings both back.
func TestPlanExpiryReleasesConsumersAndRenewalRestoresThem(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ctx := context.Background()
	id := webtest.Itoa(env.ProductID(t, "Company A", "fleetpulse-telematics"))
	plan := env.Plan(t, "Company A", "software", "production") // FleetPulse Telematics, which the demo consumer bought
	serviceID, validUntil, expiredFrom := plan.ServiceID, plan.ValidUntil, plan.ExpiredFrom
	c := env.SignedIn(t, webtest.PartnerA)
	// the Access cell of Carlos's purchase: badge, then the sentence
	consumer := func(r *webtest.Response) string {
		cell := r.Doc.Find(`table tbody tr:contains("Carlos Consumer") .consumer-access`)
		return strings.TrimSpace(cell.Find(".badge").Text()) + " / " + strings.TrimSpace(cell.Find("span:not(.badge):not(.badge__icon)").Text())
	}
	check := func(when string, readOnly bool, access string) {
		t.Helper()
		r := c.Get(t, "/products/"+id)
		if r.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", when, r.StatusCode)
		}
		if got := r.Doc.Find(".banner--readonly").Length() == 1; got != readOnly {
			t.Errorf("%s: read-only banner %v, want %v", when, got, readOnly)
		}
		if got := r.Doc.Find(`a[href$="/edit"]`).Length() == 1; got == readOnly {
			t.Errorf("%s: edit offered %v, want %v", when, got, !readOnly)
		}
		if got := consumer(r); got != access {
			t.Errorf("%s: consumer row %q, want %q", when, got, access)
		}
	}
	check("during the term", false, "✓Active / Can use it")

	// Past valid_until the plan is in grace: still usable, consumers keep access.
	env.Clock.Set(validUntil.AddDate(0, 0, 1).Add(9 * time.Hour))
	check("in grace after valid_until", false, "✓Active / Can use it")

	env.Clock.Set(expiredFrom.Add(9 * time.Hour))
	released := "⊘Released / Released by the partner on " + expiredFrom.Format("2 Jan 2006")
	check("past valid_until and its grace", true, released)
	if r := c.PostForm(t, "/products/"+id+"/status", url.Values{"status": {"draft"}}); r.StatusCode != http.StatusSeeOther {
		t.Errorf("unpublish while expired: %d, want a refusal by redirect", r.StatusCode)
	}
	var status string
	if err := env.Pool.QueryRow(ctx, "SELECT status::text FROM products WHERE id = $1", id).Scan(&status); err != nil || status != "published" {
		t.Errorf("status %q after the refused change", status)
	}

	// The account manager renews: a new term from today.
	env.Exec(t, `INSERT INTO service_terms (service_id, module, valid_from, term_months, cap_percent, message_quota, device_quota)
		VALUES ($1, 'software', $2, 6, 10, 100000, 500)`, serviceID, expiredFrom)
	check("after the renewal", false, "✓Active / Can use it")
	if r := c.PostForm(t, "/products/"+id+"/status", url.Values{"status": {"draft"}}); r.StatusCode != http.StatusSeeOther {
		t.Errorf("unpublish after renewal: %d", r.StatusCode)
	}
	if err := env.Pool.QueryRow(ctx, "SELECT status::text FROM products WHERE id = $1", id).Scan(&status); err != nil || status != "draft" {
		t.Errorf("status %q after renewal, want draft", status)
	}
}
