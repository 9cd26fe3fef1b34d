package web_test

import (
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"partnerportal/web/browsertest"
	"partnerportal/web/webtest"
)

// phoneCheck finds, on the page in the window, what a phone user could not see without
// scrolling sideways: the page wider than the window, and in each table's first rows a key cell
// (the row's heading, and in a table that turns into cards every labelled cell) outside the
// window.
const phoneCheck = `(() => {
  const out = [];
  const w = document.documentElement.clientWidth;
  const over = document.documentElement.scrollWidth - w;
  if (over > 0) out.push("the page is " + over + " px wider than the window");
  document.querySelectorAll("main table").forEach((table, ti) => {
    const cards = table.classList.contains("table--cards");
    [...table.querySelectorAll("tbody tr")].slice(0, 3).forEach((tr, ri) => {
      const keys = cards ? tr.querySelectorAll("th[scope=row], td[data-label]") : [tr.querySelector("th[scope=row]") || tr.cells[0]];
      keys.forEach(cell => {
        if (!cell || (cards && cell.matches("td:empty"))) return; // an empty value's label is left out
        const r = cell.getBoundingClientRect();
        if (r.width === 0 || r.left < -1 || r.right > w + 1) {
          out.push("table " + (ti + 1) + " row " + (ri + 1) + ": " + (cell.dataset.label || "heading") + " is outside the window (" +
            Math.round(r.left) + "–" + Math.round(r.right) + " of " + w + ")");
        }
      });
    });
  });
  return out;
})()`

// TestBrowserEveryRoleFitsAPhone visits every role's main pages at 390 px: nothing makes the
// page scroll sideways and every table's key columns are in the window; axe checks each page.
// PORTAL_SCREENSHOTS names a folder to keep a picture of each at 390 and 1280 px.
func TestBrowserEveryRoleFitsAPhone(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	b := browsertest.New(t)
	companyA := webtest.Itoa(env.CompanyID(t, "Company A"))
	roles := []struct {
		name, email string
		pages       []string
	}{
		{"visitor", "", []string{"/hub", "/hub/company-b/shelfsense-inventory", "/cart"}},
		{"consumer", webtest.Consumer, []string{"/hub", "/cart", "/orders", "/purchases", "/account"}},
		{"partner-a", webtest.PartnerA, []string{"/services", "/products", "/devlab", "/expressconnect", "/hub/listings", "/support", "/api-keys", "/team"}},
		{"partner-b", webtest.PartnerB, []string{"/services", "/products", "/appconnect", "/hub/listings"}},
		{"account-manager", webtest.AccountManager, []string{"/admin", "/admin/renewals", "/admin/partners/" + companyA, "/admin/audit", "/admin/support"}},
		{"admin", webtest.Admin, []string{"/admin", "/admin/companies", "/admin/users", "/admin/templates", "/admin/outbox", "/admin/jobs", "/account"}},
	}
	dir := os.Getenv("PORTAL_SCREENSHOTS")
	for _, role := range roles {
		t.Run(role.name, func(t *testing.T) {
			p := b.Page(t)
			if role.email != "" {
				env.BrowserSignIn(t, p, role.email)
			}
			for _, path := range role.pages {
				p.Run(t, chromedp.EmulateViewport(390, 844))
				p.Visit(t, env.URL+path)
				if problems := browsertest.Get(t, p, chromedp.Evaluate[[]string](phoneCheck)); len(problems) > 0 {
					t.Errorf("%s at 390 px:\n  %s", path, strings.Join(problems, "\n  "))
				}
				if path == "/hub" {
					// the count and the first result on the first screen; the filters folded
					top := browsertest.Get(t, p, chromedp.Evaluate[[]float64](`[document.querySelector("#hub-count").getBoundingClientRect().bottom,
						document.querySelector(".hub-grid > li, .hub-results article").getBoundingClientRect().top, window.innerHeight,
						document.querySelector(".hub-filters").open ? 1 : 0]`))
					if top[0] > top[2] || top[1] > top[2]-100 || top[3] != 0 {
						t.Errorf("the phone Hub: count ends at %v, first result starts at %v of %v px; filters open: %v", top[0], top[1], top[2], top[3] == 1)
					}
				}
				if dir != "" {
					name := role.name + strings.ReplaceAll(path, "/", "_")
					p.Screenshot(t, dir+"/"+name+"-390.png")
					p.Run(t, chromedp.EmulateViewport(1280, 900))
					p.Visit(t, env.URL+path)
					p.Screenshot(t, dir+"/"+name+"-1280.png")
				}
			}
		})
	}
}
