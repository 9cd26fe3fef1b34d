package partner_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"partnerportal/web/browsertest"
	"partnerportal/web/devicedesign"
	"partnerportal/web/webtest"
)

// TestBrowserDesignCreateExportImport: Company C's user designs a device in Chromium (an
// attribute, a second one added with htmx while the first keeps what was typed, a command and a
// data flow), saves it, reads the sample payload, downloads the JSON export, imports that file
// back as a copy, and finds both in the list. Every page is checked with axe.
func TestBrowserDesignCreateExportImport(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	p := chromium.Page(t)
	env.BrowserSignIn(t, p, webtest.PartnerC)
	p.Run(t,
		browsertest.Step("open ExpressConnect", chromedp.Click(chromedp.CSS(`nav.main-nav a[href="/expressconnect"]`))),
		browsertest.Step("start a design", chromedp.Click(chromedp.CSS(`a[href="/expressconnect/designs/new"]`))),
		chromedp.WaitVisible(chromedp.CSS("form#designer")),
		chromedp.SendKeys(chromedp.CSS("#f-name"), "Cold room probe"),
		chromedp.SetValue(chromedp.CSS("#f-protocol"), "http"),
		chromedp.SendKeys(chromedp.CSS("#attributes-0-name"), "temperature"),
		chromedp.SendKeys(chromedp.CSS("#attributes-0-unit"), "°C"),
		chromedp.SendKeys(chromedp.CSS("#attributes-0-minimum"), "-40"),
		chromedp.SendKeys(chromedp.CSS("#attributes-0-maximum"), "85"),
		browsertest.Step("add a second attribute", chromedp.Click(chromedp.CSS("#add-attribute"))),
		browsertest.Step("wait for its row", chromedp.WaitVisible(chromedp.CSS("#attributes-1-name"))),
	)
	if got := browsertest.Get(t, p, chromedp.Value(chromedp.CSS("#attributes-0-maximum"))); got != "85" {
		t.Errorf("after adding a row the first one's maximum reads %q", got)
	}
	if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS("#designer-status"))); got != "Attribute added." {
		t.Errorf("the announcement reads %q", got)
	}
	p.Run(t,
		chromedp.SendKeys(chromedp.CSS("#attributes-1-name"), "door_open"),
		chromedp.SetValue(chromedp.CSS("#attributes-1-type"), "boolean"),
		browsertest.Step("add a command", chromedp.Click(chromedp.CSS("#add-command"))),
		chromedp.WaitVisible(chromedp.CSS("#commands-0-name")),
		chromedp.SendKeys(chromedp.CSS("#commands-0-name"), "reboot"),
		browsertest.Step("add a flow", chromedp.Click(chromedp.CSS("#add-flow"))),
		chromedp.WaitVisible(chromedp.CSS("#flows-0-name")),
		chromedp.SendKeys(chromedp.CSS("#flows-0-name"), "too_warm"),
		chromedp.Click(chromedp.CSS(`input[name="flows.0.attributes"][value="temperature"]`)),
		chromedp.SetValue(chromedp.CSS("#flows-0-condition"), "temperature"),
		chromedp.SetValue(chromedp.CSS("#flows-0-value"), "8"),
		chromedp.SetValue(chromedp.CSS("#flows-0-destination"), "alert"),
		// Renaming an attribute refreshes the flows' choices in place, and nothing else.
		chromedp.Clear(chromedp.CSS("#attributes-1-name")),
		chromedp.SendKeys(chromedp.CSS("#attributes-1-name"), "door"),
		browsertest.Step("leave the renamed attribute", chromedp.Click(chromedp.CSS("#flows-0-value"))),
		browsertest.Step("wait for the flow to offer it", chromedp.WaitReady(chromedp.CSS(`input[name="flows.0.attributes"][value="door"]`))),
	)
	if name := browsertest.Get(t, p, chromedp.Value(chromedp.CSS("#flows-0-name"))); name != "too_warm" {
		t.Errorf("the flow's name reads %q after the refresh", name)
	}
	if checked := browsertest.Get(t, p, chromedp.Evaluate[bool](`document.querySelector('input[name="flows.0.attributes"][value="temperature"]').checked`)); !checked {
		t.Error("the refresh unticked the attribute the flow sends")
	}
	p.CheckA11y(t)
	p.Run(t,
		browsertest.Step("save", chromedp.Click(chromedp.CSS(`button[name="op"][value="save"]`))),
		browsertest.Step("wait for the design's page", chromedp.WaitVisible(chromedp.CSS("#design-sample"))),
	)
	p.CheckA11y(t)
	sample := browsertest.Get(t, p, chromedp.Text(chromedp.CSS("#design-sample")))
	if !strings.Contains(sample, `"temperature": `) || !strings.Contains(sample, `"door": `) {
		t.Errorf("the sample payload reads %q", sample)
	}
	if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS("#design-flows-title + .design-items"))); !strings.Contains(got, "temperature > 8") {
		t.Errorf("the flow reads %q", got)
	}

	file := download(t, p, `.page-header__actions a[download]`)
	body, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if _, problems := devicedesign.Parse(body); problems != nil || filepath.Base(file) != "cold-room-probe-v1.json" {
		t.Fatalf("the download %s does not read back: %v", filepath.Base(file), problems)
	}

	p.Visit(t, env.URL+"/expressconnect")
	p.Run(t,
		chromedp.SetUploadFiles(chromedp.CSS("#f-file"), []string{file}),
		browsertest.Step("import the file", chromedp.Click(chromedp.CSS(`#import button[type=submit]`))),
		browsertest.Step("wait for the copy's page", chromedp.WaitVisible(chromedp.CSS("#design-sample"))),
	)
	p.CheckA11y(t)
	if got := browsertest.Get(t, p, chromedp.Text(chromedp.CSS("h1"))); got != "Cold room probe (copy)" {
		t.Errorf("the imported design is called %q", got)
	}
	p.Visit(t, env.URL+"/expressconnect")
	list := browsertest.Get(t, p, chromedp.Text(chromedp.CSS(".designs-table tbody")))
	for _, want := range []string{"Cold room probe", "Cold room probe (copy)", "Imported from cold-room-probe-v1.json"} {
		if !strings.Contains(list, want) {
			t.Errorf("the list lacks %q: %q", want, list)
		}
	}
}

// download clicks the link sel and returns the path of the file the browser saved.
func download(t *testing.T, p *browsertest.Page, sel string) string {
	t.Helper()
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(p.Ctx, browsertest.DefaultTimeout)
	defer cancel()
	progress := chromedp.BrowserEvents(ctx, browser.DownloadProgress)
	on := true
	p.Run(t,
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
				Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir, EventsEnabled: &on,
				BrowserContextID: chromedp.FromContext(ctx).BrowserContextID})
			return err
		}),
		browsertest.Step("download", chromedp.Click(chromedp.CSS(sel))),
	)
	for ev, err := range progress {
		if err != nil {
			t.Fatalf("waiting for the download: %v", err)
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			break
		}
	}
	// the file is named as the answer's Content-Disposition says
	for range 50 {
		if names, _ := filepath.Glob(filepath.Join(dir, "*.json")); len(names) == 1 {
			return names[0]
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no file in %s", dir)
	return ""
}
