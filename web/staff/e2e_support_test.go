package staff_test

import (
	"os"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"

	"partnerportal/web/browsertest"
	"partnerportal/web/webtest"
)

// TestBrowserSupportInboxFitsEveryWidth: the dashboard with its support counts, the inbox and
// a ticket as staff see them pass axe and fit a phone's width (screenshots kept when
// PORTAL_SCREENSHOTS names a folder).
func TestBrowserSupportInboxFitsEveryWidth(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	p := chromium.Browser(t).Page(t)
	env.BrowserSignIn(t, p, webtest.AccountManager)
	for _, page := range []struct{ name, path string }{
		{"dashboard", "/admin"},
		{"support-inbox", "/admin/support?status=all"},
		{"support-ticket-staff", "/admin/support/" + webtest.Itoa(ticketID(t, env, "How do we raise"))},
	} {
		for _, width := range []int64{1280, 390} {
			p.Run(t, chromedp.EmulateViewport(width, 900))
			p.Visit(t, env.URL+page.path)
			overflow := browsertest.Get(t, p, chromedp.Evaluate[int](`document.documentElement.scrollWidth - document.documentElement.clientWidth`))
			if overflow > 0 {
				t.Errorf("%s at %d px: the page is %d px wider than the window", page.name, width, overflow)
			}
			if dir := os.Getenv("PORTAL_SCREENSHOTS"); dir != "" {
				p.Screenshot(t, dir+"/"+page.name+"-"+strconv.FormatInt(width, 10)+".png")
			}
		}
	}
}

// TestBrowserAppConnectStaffPagesFitEveryWidth: the admins' templates and a template's form,
// and a company's deployments as its account manager reads them.
func TestBrowserAppConnectStaffPagesFitEveryWidth(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	var template, deployment int64
	if err := env.Pool.QueryRow(t.Context(), `SELECT (SELECT id FROM app_templates WHERE slug = 'cold-chain'),
		(SELECT id FROM app_deployments WHERE name = 'Riverside cold store')`).Scan(&template, &deployment); err != nil {
		t.Fatal(err)
	}
	b := "/admin/partners/" + webtest.Itoa(env.CompanyID(t, "Company B"))
	for _, who := range []struct {
		email string
		pages []struct{ name, path string }
	}{
		{webtest.Admin, []struct{ name, path string }{
			{"admin-templates", "/admin/templates"},
			{"admin-template-edit", "/admin/templates/" + webtest.Itoa(template)},
		}},
		{webtest.AccountManager, []struct{ name, path string }{
			{"staff-deployments", b + "/deployments"},
			{"staff-deployment", b + "/deployments/" + webtest.Itoa(deployment)},
		}},
	} {
		p := chromium.Browser(t).Page(t)
		env.BrowserSignIn(t, p, who.email)
		for _, page := range who.pages {
			for _, width := range []int64{1280, 390} {
				p.Run(t, chromedp.EmulateViewport(width, 900))
				p.Visit(t, env.URL+page.path)
				overflow := browsertest.Get(t, p, chromedp.Evaluate[int](`document.documentElement.scrollWidth - document.documentElement.clientWidth`))
				if overflow > 0 {
					t.Errorf("%s at %d px: the page is %d px wider than the window", page.name, width, overflow)
				}
				if dir := os.Getenv("PORTAL_SCREENSHOTS"); dir != "" {
					p.Screenshot(t, dir+"/"+page.name+"-"+strconv.FormatInt(width, 10)+".png")
				}
			}
		}
	}
}
