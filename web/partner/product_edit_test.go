package partner_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"partnerportal/web/webtest"
)

// hardwareForm is a valid new hardware device in Company A's production hardware plan.
func hardwareForm() url.Values {
	return url.Values{
		"plan": {"hardware:production"}, "name": {"Leak Sensor Pro"}, "slug": {""},
		"summary": {"Finds water where it should not be."}, "description": {"First paragraph.\r\n\r\nSecond one."},
		"category": {"smart_building"}, "version": {"1.0"}, "price": {"1234,5"}, "currency": {"EUR"},
		"pricing_model": {"one_time"}, "status": {"draft"}, "model_number": {"LS-1"}, "connectivity": {"lorawan", "ble"},
	}
}

func with(v url.Values, kv ...string) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out.Set(kv[i], kv[i+1])
	}
	return out
}

// fieldError is the message under a form field, "" when there is none.
func fieldError(r *webtest.Response, name string) string {
	return r.Text("#f-" + name + "-error")
}

func TestCreateProductStoresItExactly(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerA)
	c.Get(t, "/products/new")
	r := c.PostForm(t, "/products", hardwareForm())
	if r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/products/") {
		t.Fatalf("create: %d to %q\n%s", r.StatusCode, r.Header.Get("Location"), r.Body)
	}
	var slug, price, currency, env_, module, status, conn, desc string
	if err := env.Pool.QueryRow(context.Background(), `SELECT slug, price::text, currency, environment::text, module::text,
		status::text, array_to_string(connectivity, ','), description FROM products WHERE name = 'Leak Sensor Pro'`).
		Scan(&slug, &price, &currency, &env_, &module, &status, &conn, &desc); err != nil {
		t.Fatal(err)
	}
	if slug != "leak-sensor-pro" || price != "1234.50" || currency != "EUR" || env_ != "production" || module != "hardware" ||
		status != "draft" || conn != "lorawan,ble" || desc != "First paragraph.\n\nSecond one." {
		t.Errorf("stored %q %q %q %q %q %q %q %q", slug, price, currency, env_, module, status, conn, desc)
	}
	page := c.Get(t, r.Header.Get("Location"))
	if !strings.Contains(page.Text("#flash"), "“Leak Sensor Pro” is saved as a draft") {
		t.Errorf("flash %q", page.Text("#flash"))
	}
	if got := page.Text(".price--large"); got != "€1,234.50" {
		t.Errorf("price shown %q", got)
	}
	if n := page.Doc.Find(".product-description p").Length(); n != 2 {
		t.Errorf("description in %d paragraphs, want 2", n)
	}
	if !strings.Contains(page.Text("dl.facts"), "LoRaWAN, BLE") || !strings.Contains(page.Text("dl.facts"), "LS-1") {
		t.Errorf("facts %q", page.Text("dl.facts"))
	}
	if got := listed(c.Get(t, "/products?q=leak")); len(got) != 1 {
		t.Errorf("the new product is not in the list: %v", got)
	}
}

func TestCreateProductRefusesBadInputKeepingWhatWasTyped(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerA)
	c.Get(t, "/products/new")
	tests := []struct {
		name   string
		form   url.Values
		fields map[string]string // field → part of its message
	}{
		{"no name", with(hardwareForm(), "name", ""), map[string]string{"name": "required"}},
		{"summary too long", with(hardwareForm(), "summary", strings.Repeat("x", 161)), map[string]string{"summary": "at most 160"}},
		{"price with three decimals", with(hardwareForm(), "price", "12.345"), map[string]string{"price": "49.90"}},
		{"negative price", with(hardwareForm(), "price", "-5"), map[string]string{"price": "Enter an amount"}},
		{"unknown currency", with(hardwareForm(), "currency", "XBT"), map[string]string{"currency": "Choose"}},
		{"slug with spaces", with(hardwareForm(), "slug", "Leak Sensor"), map[string]string{"slug": "lowercase"}},
		{"hardware without model or connectivity", with(hardwareForm(), "model_number", "", "connectivity", ""),
			map[string]string{"model_number": "required", "connectivity": "at least one"}},
		{"software without deployment", with(hardwareForm(), "plan", "software:production"), map[string]string{"deployment": "required"}},
		{"no plan", with(hardwareForm(), "plan", ""), map[string]string{"plan": "Choose the kind"}},
		{"a plan the company does not hold", with(hardwareForm(), "plan", "hardware:sandbox"), map[string]string{"plan": "cannot take new products"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.PostForm(t, "/products", tt.form)
			if r.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422", r.StatusCode)
			}
			if r.Doc.Find("header.site-header").Length() != 1 {
				t.Error("a plain post should get the whole page back")
			}
			for f, want := range tt.fields {
				if got := fieldError(r, f); !strings.Contains(got, want) {
					t.Errorf("error under %s: %q, want it to mention %q", f, got, want)
				}
			}
			if got := r.Doc.Find("#f-summary").AttrOr("value", ""); got != tt.form.Get("summary") {
				t.Errorf("summary not kept: %q", got)
			}
			if got := r.Doc.Find("#f-description").Text(); got != strings.ReplaceAll(tt.form.Get("description"), "\r\n", "\n") {
				t.Errorf("description not kept: %q", got)
			}
		})
	}
	var n int
	if err := env.Pool.QueryRow(context.Background(), "SELECT count(*) FROM products WHERE name = 'Leak Sensor Pro'").Scan(&n); err != nil || n != 0 {
		t.Errorf("%d products stored by refused forms (err %v)", n, err)
	}

	// htmx gets the form alone, swapped in place.
	c.Header.Set("HX-Request", "true")
	r := c.PostForm(t, "/products", with(hardwareForm(), "name", ""))
	if r.StatusCode != http.StatusUnprocessableEntity || r.Doc.Find("html header").Length() != 0 || r.Doc.Find("form#product-form").Length() != 1 {
		t.Errorf("htmx: %d, want 422 with the form fragment:\n%s", r.StatusCode, r.Body)
	}
	if got := r.Doc.Find("#f-name").AttrOr("aria-invalid", ""); got != "true" {
		t.Errorf("invalid name not marked aria-invalid: %q", got)
	}
}

func TestNewProductFormOffersOnlyUsablePlans(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	tests := []struct {
		email string
		want  []string
	}{
		{webtest.PartnerA, []string{"software:production", "software:sandbox", "hardware:production"}},
		{webtest.PartnerB, []string{"software:production", "software:sandbox"}},
		{webtest.PartnerC, []string{"hardware:production"}},
	}
	for _, tt := range tests {
		r := env.SignedIn(t, tt.email).Get(t, "/products/new")
		var got []string
		r.Doc.Find(`input[name=plan]`).Each(func(_ int, s *goquery.Selection) { got = append(got, s.AttrOr("value", "")) })
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%s is offered %v, want %v", tt.email, got, tt.want)
		}
		if tt.email == webtest.PartnerC && r.Doc.Find(`input[name=plan]:checked`).Length() != 1 {
			t.Error("the only plan is not chosen already")
		}
		if tt.email == webtest.PartnerB && r.Doc.Find(`input[name=model_number]`).Length() != 0 {
			t.Error("a software-only company is asked hardware questions")
		}
	}
}

func TestDuplicateSlugIsAFieldError(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerA)
	c.Get(t, "/products/new")
	// the archived Legacy Door Sensor keeps its slug too
	for _, slug := range []string{"tracktag-mini", "legacy-door-sensor"} {
		r := c.PostForm(t, "/products", with(hardwareForm(), "slug", slug))
		if r.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("slug %s: status %d, want 422", slug, r.StatusCode)
		}
		if got := fieldError(r, "slug"); !strings.Contains(got, "already uses “"+slug+"”") || !strings.Contains(got, slug+"-2") {
			t.Errorf("slug error %q", got)
		}
		if r.Doc.Find("#f-name").AttrOr("value", "") != "Leak Sensor Pro" {
			t.Error("the form lost what was typed")
		}
	}
	// The suggestion skips slugs already taken.
	if _, err := env.Pool.Exec(context.Background(), `UPDATE products SET slug = 'soilprobe-3-2' WHERE slug = 'soilprobe-3'`); err != nil {
		t.Fatal(err)
	}
	c.PostForm(t, "/products", with(hardwareForm(), "slug", "soilprobe-3-2"))
	r := c.PostForm(t, "/products", with(hardwareForm(), "name", "Soilprobe 3 2"))
	if got := fieldError(r, "slug"); !strings.Contains(got, "Try “soilprobe-3-2-2”") {
		t.Errorf("a slug made from the name is checked too: %q", got)
	}
	// Another company may use the same slug.
	b := env.SignedIn(t, webtest.PartnerB)
	b.Get(t, "/products/new")
	form := with(hardwareForm(), "plan", "software:production", "slug", "tracktag-mini", "deployment", "cloud")
	if r := b.PostForm(t, "/products", form); r.StatusCode != http.StatusSeeOther {
		t.Errorf("Company B with Company A's slug: %d, want 303", r.StatusCode)
	}
}

func TestEditProduct(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerA)
	id := webtest.Itoa(env.ProductID(t, "Company A", "fleetpulse-telematics"))
	edit := c.Get(t, "/products/"+id+"/edit")
	if edit.StatusCode != http.StatusOK || edit.Doc.Find("#f-name").AttrOr("value", "") != "FleetPulse Telematics" ||
		edit.Doc.Find("#f-price").AttrOr("value", "") != "39.00" || edit.Doc.Find(`input[name=deployment][value=cloud]`).AttrOr("checked", "x") == "x" {
		t.Fatalf("edit form not filled with the product: %d", edit.StatusCode)
	}
	form := url.Values{}
	edit.Doc.Find("#product-form input, #product-form select, #product-form textarea").Each(func(_ int, s *goquery.Selection) {
		name := s.AttrOr("name", "")
		typ := s.AttrOr("type", "")
		if (typ == "radio" || typ == "checkbox") && s.AttrOr("checked", "x") == "x" {
			return
		}
		switch goquery.NodeName(s) {
		case "select":
			form.Add(name, s.Find("option[selected]").AttrOr("value", ""))
		case "textarea":
			form.Add(name, s.Text())
		default:
			form.Add(name, s.AttrOr("value", ""))
		}
	})
	if form.Get("revision") == "" {
		t.Fatal("the edit form carries no revision")
	}

	// Bad input: 422, nothing saved.
	if r := c.PostForm(t, "/products/"+id, with(form, "price", "abc")); r.StatusCode != http.StatusUnprocessableEntity || fieldError(r, "price") == "" {
		t.Errorf("bad price: %d %q", r.StatusCode, fieldError(r, "price"))
	}
	// A duplicate slug on edit is a field error too.
	if r := c.PostForm(t, "/products/"+id, with(form, "slug", "energylens-analytics")); r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(fieldError(r, "slug"), "energylens-analytics-2") {
		t.Errorf("duplicate slug on edit: %d %q", r.StatusCode, fieldError(r, "slug"))
	}

	r := c.PostForm(t, "/products/"+id, with(form, "name", "FleetPulse Telematics 4", "price", "44.9", "status", "draft"))
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/products/"+id {
		t.Fatalf("save: %d to %q\n%s", r.StatusCode, r.Header.Get("Location"), r.Body)
	}
	var name, price, status, slug string
	if err := env.Pool.QueryRow(context.Background(), "SELECT name, price::text, status::text, slug FROM products WHERE id = $1", id).
		Scan(&name, &price, &status, &slug); err != nil {
		t.Fatal(err)
	}
	if name != "FleetPulse Telematics 4" || price != "44.90" || status != "draft" || slug != "fleetpulse-telematics" {
		t.Errorf("stored %q %q %q %q", name, price, status, slug)
	}

	// The same form again carries the old revision: someone else's save would be lost.
	stale := c.PostForm(t, "/products/"+id, with(form, "name", "Overwritten"))
	if stale.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(stale.Text(".form__error"), "Someone saved changes") {
		t.Errorf("stale edit: %d %q", stale.StatusCode, stale.Text(".form__error"))
	}
	if err := env.Pool.QueryRow(context.Background(), "SELECT name FROM products WHERE id = $1", id).Scan(&name); err != nil || name != "FleetPulse Telematics 4" {
		t.Errorf("a stale edit overwrote the product: %q", name)
	}
}

func TestPublishAndArchiveProduct(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerA)
	id := webtest.Itoa(env.ProductID(t, "Company A", "smart-office-insights"))
	page := c.Get(t, "/products/"+id)
	if page.Text(`form[action$="/status"] button`) != "Publish" {
		t.Fatalf("a draft offers %q", page.Text(`form[action$="/status"] button`))
	}
	r := c.PostForm(t, "/products/"+id+"/status", url.Values{"status": {"published"}})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d", r.StatusCode)
	}
	page = c.Get(t, "/products/"+id)
	if !strings.Contains(page.Text(".page-header .badge"), "Published") || !strings.Contains(page.Text("#flash"), "is published") {
		t.Errorf("after publishing: badge %q, flash %q", page.Text(".page-header .badge"), page.Text("#flash"))
	}

	// Archive a product that has a consumer: it leaves the list, its purchase stays.
	sold := webtest.Itoa(env.ProductID(t, "Company A", "tracktag-mini"))
	if !strings.Contains(c.Get(t, "/products/"+sold).Text(".product-archive"), "Yes, archive it") {
		t.Fatal("no archive confirmation on the product page")
	}
	r = c.PostForm(t, "/products/"+sold+"/archive", nil)
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/products" {
		t.Fatalf("archive: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	list := c.Get(t, "/products")
	if slices.Contains(listed(list), "TrackTag Mini") || !strings.Contains(list.Text("#flash"), "is archived") {
		t.Errorf("after archiving: list %v, flash %q", listed(list), list.Text("#flash"))
	}
	if got := listed(c.Get(t, "/products?status=archived")); !slices.Contains(got, "TrackTag Mini") {
		t.Errorf("archived filter: %v", got)
	}
	archived := c.Get(t, "/products/"+sold)
	if archived.StatusCode != http.StatusOK || !strings.Contains(archived.Text(".page-header"), "Archived on 25 Nov 2026") ||
		!strings.Contains(archived.Text("table"), "Carlos Consumer") || archived.Doc.Find("main form").Length() != 0 {
		t.Errorf("archived product page: %d %q", archived.StatusCode, archived.Text(".page-header"))
	}
	// Nothing changes an archived product any more.
	for _, path := range []string{"/products/" + sold, "/products/" + sold + "/status", "/products/" + sold + "/archive"} {
		r := c.PostForm(t, path, with(hardwareForm(), "status", "draft"))
		if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/products/"+sold {
			t.Errorf("POST %s on an archived product: %d to %q", path, r.StatusCode, r.Header.Get("Location"))
		}
	}
	var name, status string
	if err := env.Pool.QueryRow(context.Background(), "SELECT name, status::text FROM products WHERE id = $1", sold).Scan(&name, &status); err != nil ||
		name != "TrackTag Mini" || status != "published" {
		t.Errorf("archived product changed: %q %q", name, status)
	}
	if r := c.Get(t, "/products/"+sold+"/edit"); r.StatusCode != http.StatusSeeOther {
		t.Errorf("edit form of an archived product: %d, want a redirect", r.StatusCode)
	}
}
