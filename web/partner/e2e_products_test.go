package partner_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"partnerportal/web/browsertest"
	"partnerportal/web/webtest"
)

// TestBrowserCreateHardwareDevice: Company A's partner adds a hardware device from My
// Products, forgets the model number and sees the error under the field (htmx, in place, with
// what was typed kept), corrects it, publishes the device from its page, and finds it in the
// list with a search. Every page passes axe-core and logs no console error.
func TestBrowserCreateHardwareDevice(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	p := chromium.Page(t)
	shot := func(name string) {
		if dir := os.Getenv("PORTAL_SCREENSHOTS"); dir != "" {
			p.Screenshot(t, dir+"/products-"+name+".png")
		}
	}

	env.BrowserSignIn(t, p, webtest.PartnerA)
	p.Run(t,
		browsertest.Step("open My Products from the navigation", chromedp.Click(chromedp.CSS(`nav.main-nav a[href="/products"]`))),
		browsertest.Step("wait for the list", chromedp.WaitVisible(chromedp.CSS(`table.table`))),
	)
	p.CheckA11y(t)
	shot("list")

	p.Run(t,
		browsertest.Step("click Add a product", chromedp.Click(chromedp.CSS(`.page-header a[href="/products/new"]`))),
		browsertest.Step("wait for the form", chromedp.WaitVisible(chromedp.CSS("#product-form"))),
	)
	p.CheckA11y(t)
	p.Run(t,
		browsertest.Step("choose the hardware production plan", chromedp.Click(chromedp.CSS(`input[name=plan][value="hardware:production"]`))),
	)
	// Only the hardware questions are left on screen.
	if visible := browsertest.Get(t, p, chromedp.Evaluate[bool](`getComputedStyle(document.querySelector('.product-form__software')).display !== 'none'`)); visible {
		t.Error("software questions still shown for a hardware device")
	}
	p.Run(t,
		browsertest.Step("fill in the device, without a model number",
			chromedp.SendKeys(chromedp.CSS("#f-name"), "Vibration Sensor V2"),
			chromedp.SendKeys(chromedp.CSS("#f-summary"), "Spots worn bearings before they fail."),
			chromedp.SetValue(chromedp.CSS("#f-category"), "industrial"),
			chromedp.SendKeys(chromedp.CSS("#f-price"), "79.50"),
			chromedp.Click(chromedp.CSS("#f-connectivity-lorawan")),
		),
		browsertest.Step("create it", chromedp.Click(chromedp.CSS(`#product-form button[type=submit]`))),
		browsertest.Step("wait for the error in place", chromedp.WaitVisible(chromedp.CSS("#f-model_number-error"))),
	)
	// The browser reports the 422 as a failed load; it is the answer this step expects.
	for _, e := range p.TakeConsoleErrors() {
		if !strings.Contains(e, "422") {
			t.Errorf("console error besides the expected 422: %s", e)
		}
	}
	p.CheckA11y(t)
	shot("form-error")
	if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS("#f-model_number-error"))); !strings.Contains(got, "required") {
		t.Errorf("model number error %q", got)
	}
	if got := browsertest.Get(t, p, chromedp.Evaluate[string](`document.activeElement.id`)); got != "f-model_number" {
		t.Errorf("focus on %q after the error, want the model number", got)
	}
	if got := browsertest.Get(t, p, chromedp.Evaluate[string](`document.querySelector('#f-name').value + '|' + document.querySelector('#f-connectivity-lorawan').checked`)); got != "Vibration Sensor V2|true" {
		t.Errorf("the form lost what was typed: %q", got)
	}

	p.Run(t,
		browsertest.Step("add the model number", chromedp.SendKeys(chromedp.CSS("#f-model_number"), "VS-2")),
		browsertest.Step("create it again", chromedp.Click(chromedp.CSS(`#product-form button[type=submit]`))),
		browsertest.Step("wait for the product page", chromedp.WaitVisible(chromedp.CSS(`form[action$="/status"]`))),
	)
	p.CheckA11y(t)
	if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS("main h1"))); got != "Vibration Sensor V2" {
		t.Errorf("product page heading %q", got)
	}
	if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS("#flash"))); !strings.Contains(got, "saved as a draft") {
		t.Errorf("flash %q", got)
	}

	p.Run(t,
		// the draft page shows a success message too: clear it, so the wait below sees the next page's
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#flash').replaceChildren()`),
		browsertest.Step("publish it", chromedp.Click(chromedp.CSS(`form[action$="/status"] button`))),
		browsertest.Step("wait for the published page's message", chromedp.WaitVisible(chromedp.CSS(`.flash--success`))),
	)
	p.CheckA11y(t)
	shot("product")
	if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS(".page-header .badge"))); !strings.Contains(got, "Published") {
		t.Errorf("badge %q after publishing", got)
	}

	p.Run(t,
		browsertest.Step("back to My Products", chromedp.Click(chromedp.CSS(`nav.main-nav a[href="/products"]`))),
		browsertest.Step("wait for the list", chromedp.WaitVisible(chromedp.CSS(`#q`))),
		browsertest.Step("search for it", chromedp.SendKeys(chromedp.CSS("#q"), "vibration")),
		browsertest.Step("apply", chromedp.Click(chromedp.CSS(`form[role=search] button[type=submit]`))),
		browsertest.Step("wait for the results", chromedp.WaitVisible(chromedp.CSS(`.pagination__summary`))),
	)
	p.CheckA11y(t)
	row := browsertest.Get(t, p, chromedp.Text(chromedp.CSS("table.table tbody")))
	if !strings.Contains(row, "Vibration Sensor V2") || !strings.Contains(row, "Published") || !strings.Contains(row, "€79.50") {
		t.Errorf("the list shows %q", row)
	}
	var model, status, price string
	if err := env.Pool.QueryRow(context.Background(), "SELECT model_number, status::text, price::text FROM products WHERE name = 'Vibration Sensor V2'").
		Scan(&model, &status, &price); err != nil || model != "VS-2" || status != "published" || price != "79.50" {
		t.Errorf("stored %q %q %q (err %v)", model, status, price, err)
	}
}
