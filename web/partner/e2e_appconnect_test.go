package partner_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"partnerportal/web/browsertest"
	"partnerportal/web/jobs"
	"partnerportal/web/webtest"
)

// TestBrowserDeployReconfigureAndMakeAProduct: Company B's user deploys the cold chain template
// in Chromium through every step (a parameter out of range is answered in place), watches the
// progress bar move until the deployment runs, reconfigures it into revision 2, and makes a
// draft product from it. Every page is checked with axe.
func TestBrowserDeployReconfigureAndMakeAProduct(t *testing.T) {
	t.Parallel()
	env := webtest.NewWithJobs(t, jobs.Config{DeployPause: 600 * time.Millisecond})
	reefer := webtest.Itoa(designID(t, env, "Company B", "Reefer logger"))
	p := chromium.Page(t)
	env.BrowserSignIn(t, p, webtest.PartnerB)
	p.Run(t,
		browsertest.Step("open AppConnect", chromedp.Click(chromedp.CSS(`nav.main-nav a[href="/appconnect"]`))),
		chromedp.WaitVisible(chromedp.CSS(".template-cards")),
	)
	p.CheckA11y(t)
	p.Run(t,
		browsertest.Step("deploy the cold chain template", chromedp.Click(chromedp.CSS(`form:has(input[value="cold-chain"]) button`))),
		chromedp.WaitVisible(chromedp.CSS("#f-name")),
		chromedp.SendKeys(chromedp.CSS("#f-name"), "Harbour cold store"),
		chromedp.Click(chromedp.CSS("#f-environment-sandbox")),
	)
	p.CheckA11y(t)
	p.Run(t,
		browsertest.Step("name and environment", chromedp.Click(chromedp.CSS(`#wizard-form button[type=submit]`))),
		chromedp.WaitVisible(chromedp.CSS("#f-feature-customer_portal")),
		chromedp.Click(chromedp.CSS("#f-feature-customer_portal")),
	)
	p.CheckA11y(t)
	p.Run(t,
		browsertest.Step("features", chromedp.Click(chromedp.CSS(`#wizard-form button[type=submit]`))),
		chromedp.WaitVisible(chromedp.CSS(`input[name="p.max_temp"]`)),
		chromedp.SetValue(chromedp.CSS(`input[name="p.max_temp"]`), "99"),
		browsertest.Step("a value out of range", chromedp.Click(chromedp.CSS(`#wizard-form button[type=submit]`))),
		browsertest.Step("its message in place", chromedp.WaitVisible(chromedp.CSS(`#f-p\.max_temp-error`))),
	)
	p.CheckA11y(t)
	for _, e := range p.TakeConsoleErrors() { // the refused value's answer
		if !strings.Contains(e, "status of 422") {
			t.Errorf("console error: %s", e)
		}
	}
	if loc := browsertest.Get(t, p, chromedp.Evaluate[string](`location.pathname`)); !strings.HasSuffix(loc, "/parameters") {
		t.Errorf("after the refused value the browser is at %s", loc)
	}
	if focused := browsertest.Get(t, p, chromedp.Evaluate[string](`document.activeElement.name`)); focused != "p.max_temp" {
		t.Errorf("focus is on %q, not the field to mend", focused)
	}
	p.Run(t,
		chromedp.SetValue(chromedp.CSS(`input[name="p.max_temp"]`), "6"),
		browsertest.Step("parameters", chromedp.Click(chromedp.CSS(`#wizard-form button[type=submit]`))),
		chromedp.WaitVisible(chromedp.CSS(`#f-d\.logger`)),
		chromedp.SetValue(chromedp.CSS(`#f-d\.logger`), reefer),
	)
	p.CheckA11y(t)
	p.Run(t,
		browsertest.Step("devices", chromedp.Click(chromedp.CSS(`#wizard-form button[type=submit]`))),
		chromedp.WaitVisible(chromedp.CSS(".review-problems, #wizard-form dl.facts")),
	)
	p.CheckA11y(t)
	if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS("#wizard-form"))); !strings.Contains(got, "Reefer logger (version 1)") {
		t.Errorf("the review reads %q", got)
	}
	p.Run(t,
		browsertest.Step("deploy", chromedp.Click(chromedp.CSS(`#wizard-form button[type=submit]`))),
		chromedp.WaitVisible(chromedp.CSS("#deployment-bar")),
	)
	p.CheckA11y(t)
	watchUntilRunning(t, p, 5)

	p.Run(t,
		browsertest.Step("reconfigure", chromedp.Click(chromedp.CSS(`#deployment-actions form[action$="/reconfigure"] button`))),
		chromedp.WaitVisible(chromedp.CSS("#f-feature-door_alerts")),
		browsertest.Step("keep the features", chromedp.Click(chromedp.CSS(`#wizard-form button[type=submit]`))),
		chromedp.WaitVisible(chromedp.CSS(`input[name="p.min_temp"]`)),
		chromedp.SetValue(chromedp.CSS(`input[name="p.min_temp"]`), "0"),
		browsertest.Step("new parameters", chromedp.Click(chromedp.CSS(`#wizard-form button[type=submit]`))),
		chromedp.WaitVisible(chromedp.CSS(`#f-d\.logger`)),
		browsertest.Step("keep the designs", chromedp.Click(chromedp.CSS(`#wizard-form button[type=submit]`))),
		chromedp.WaitVisible(chromedp.CSS("#wizard-form dl.facts")),
	)
	if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS(`#wizard-form button[type=submit]`))); got != "Apply as revision 2" {
		t.Errorf("the reconfiguration's button reads %q", got)
	}
	p.Run(t,
		browsertest.Step("apply revision 2", chromedp.Click(chromedp.CSS(`#wizard-form button[type=submit]`))),
		chromedp.WaitVisible(chromedp.CSS("#deployment-bar")),
	)
	watchUntilRunning(t, p, 3)
	if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS(".revisions-table tbody"))); !strings.Contains(got, "2 · Reconfigured") || !strings.Contains(got, "1 · Deployed") {
		t.Errorf("the history reads %q", got)
	}
	p.Run(t,
		browsertest.Step("make a product", chromedp.Click(chromedp.CSS(`#deployment-actions form[action$="/product"] button`))),
		// the deployment page has an h1 too: wait for the product's page itself
		chromedp.WaitVisible(chromedp.CSS("#plan-title")),
	)
	p.CheckA11y(t)
	if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS("h1"))); got != "Harbour cold store" {
		t.Errorf("the product is called %q", got)
	}
	if got := browsertest.Get(t, p, chromedp.Evaluate[string](`location.pathname`)); !strings.HasPrefix(got, "/products/") {
		t.Errorf("after making the product the browser is at %s", got)
	}
}

// watchUntilRunning waits, reading the progress bar as the page polls, until the deployment
// runs: the bar must fill to steps without a reload, and be seen part of the way there.
func watchUntilRunning(t *testing.T, p *browsertest.Page, steps int) {
	t.Helper()
	seen := map[int]bool{}
	deadline := time.Now().Add(30 * time.Second)
	for {
		// one read of both, as htmx may swap either between two reads
		now := browsertest.Get(t, p, chromedp.Evaluate[struct {
			Status string `json:"status"`
			Value  int    `json:"value"`
		}](`({status: document.querySelector('#deployment-status')?.textContent ?? '', value: document.querySelector('#deployment-bar')?.value ?? -1})`))
		status, value := now.Status, now.Value
		seen[value] = true
		if strings.Contains(status, "Running") {
			if value != steps {
				t.Errorf("running with the bar at %d of %d", value, steps)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("still %q with the bar at %d after 30 s", status, value)
		}
		time.Sleep(100 * time.Millisecond)
	}
	partWay := false
	for v := range seen {
		partWay = partWay || (v > 0 && v < steps)
	}
	if !partWay {
		t.Errorf("the bar was never seen part of the way (values seen: %v)", seen)
	}
	p.CheckA11y(t)
}

// TestBrowserAppConnectPagesFitEveryWidth: the landing page, a template, every wizard step, a
// running deployment with its history, a failed one, and the same read-only.
func TestBrowserAppConnectPagesFitEveryWidth(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerB)
	d := startDraft(t, c, "smart-building")
	failed := deployColdChain(t, c, "Quay depot")
	company := env.CompanyID(t, "Company B")
	env.Exec(t, "UPDATE services SET status = 'inactive' WHERE company_id = $1 AND module = 'software' AND environment = 'sandbox'", company)
	runJob(t, env, failed)
	var riverside int64
	if err := env.Pool.QueryRow(t.Context(), "SELECT id FROM app_deployments WHERE name = 'Riverside cold store'").Scan(&riverside); err != nil {
		t.Fatal(err)
	}
	p := chromium.Page(t)
	env.BrowserSignIn(t, p, webtest.PartnerB)
	fitsEveryWidth(t, p, env.URL+"/appconnect", "appconnect")
	fitsEveryWidth(t, p, env.URL+"/appconnect/templates/smart-building", "appconnect-template")
	fitsEveryWidth(t, p, env.URL+draftPath(d, "setup"), "appconnect-step-setup")
	c.PostForm(t, draftPath(d, "setup"), map[string][]string{"name": {"Lobby screens"}, "environment": {"production"}})
	fitsEveryWidth(t, p, env.URL+draftPath(d, "features"), "appconnect-step-features")
	c.PostForm(t, draftPath(d, "features"), map[string][]string{"features": {"occupancy"}})
	fitsEveryWidth(t, p, env.URL+draftPath(d, "parameters"), "appconnect-step-parameters")
	c.PostForm(t, draftPath(d, "parameters"), map[string][]string{"p.site_name": {"Lobby"}, "p.comfort_min": {"20"}, "p.comfort_max": {"24"},
		"p.co2_limit": {"1000"}, "p.report_hour": {"7"}, "p.brand_colour": {"#1f6feb"}})
	fitsEveryWidth(t, p, env.URL+draftPath(d, "devices"), "appconnect-step-devices")
	c.PostForm(t, draftPath(d, "devices"), nil)
	fitsEveryWidth(t, p, env.URL+draftPath(d, "review"), "appconnect-step-review")
	fitsEveryWidth(t, p, env.URL+deploymentPath(riverside), "appconnect-deployment")
	fitsEveryWidth(t, p, env.URL+deploymentPath(failed), "appconnect-deployment-failed")
	fitsEveryWidth(t, p, env.URL+deploymentPath(riverside)+"/delete", "appconnect-delete")

	env.SetModuleState(t, company, "appconnect", "expired")
	fitsEveryWidth(t, p, env.URL+"/appconnect", "appconnect-readonly")
	fitsEveryWidth(t, p, env.URL+deploymentPath(riverside), "appconnect-deployment-readonly")
}
