package staff_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"partnerportal/web/webtest"
)

// rows is the text of each row of a dashboard list, in order.
func rows(r *webtest.Response, list string) []string {
	var out []string
	r.Doc.Find("#" + list + " tbody tr").Each(func(_ int, row *goquery.Selection) {
		var cells []string
		row.Find("th, td").Each(func(_ int, cell *goquery.Selection) {
			cells = append(cells, strings.Join(strings.Fields(cell.Text()), " "))
		})
		out = append(out, strings.Join(cells, " "))
	})
	return out
}

func TestDashboardListsWhatNeedsAttentionMostUrgentFirst(t *testing.T) {
	t.Parallel()
	env := webtest.New(t) // today is 25 Nov 2026
	// Company A: ExpressConnect and Solutions Hub expired on 11 Nov (demo); the sandbox plan at
	// 95 of 100 messages (demo). Company B: production plan in grace with 3 days left, sandbox
	// plan used up, AppConnect ending on 10 Dec, DevLab ending on 1 Dec but already renewed,
	// Support ending on 5 Dec; an open request from Company A.
	sw, _ := env.Service(t, "Company B", "software", "production")
	replaceTerms(t, env, sw, day("2026-05-18"), 6, 5, 1000, 10) // until 17 Nov, 10 days of grace: read-only from 28 Nov
	sandbox, _ := env.Service(t, "Company B", "software", "sandbox")
	replaceTerms(t, env, sandbox, day("2026-10-01"), 6, 0, 100, 100)
	app, _ := env.Service(t, "Company B", "appconnect", "")
	replaceTerms(t, env, app, day("2026-09-11"), 3, 0, nil, 0) // until 10 Dec
	devlab, _ := env.Service(t, "Company B", "devlab", "")
	replaceTerms(t, env, devlab, day("2026-09-02"), 3, 0, nil, 0) // until 1 Dec
	addTerm(t, env, devlab, day("2026-12-02"), 12, 0, nil, 0)
	support, _ := env.Service(t, "Company B", "support", "")
	replaceTerms(t, env, support, day("2026-09-06"), 3, 0, nil, 0) // until 5 Dec
	hub, _ := env.Service(t, "Company A", "solutions_hub", "")
	requestRenewal(t, env, hub, "12", "")

	am := env.SignedIn(t, webtest.AccountManager)
	r := am.Get(t, "/admin")
	if r.StatusCode != http.StatusOK {
		t.Fatalf("status %d", r.StatusCode)
	}
	tests := []struct {
		list string
		want []string // the start of each row, in order
	}{
		{"requests", []string{"Company A Solutions Hub visibility"}},
		{"attention", []string{
			"Company B Software products · sandbox ⊘Quota used up",
			"Company A ExpressConnect ⊘Expired",
			"Company A Solutions Hub visibility ⊘Expired",
			"Company B Software products · production ◔Grace",
		}},
		{"expiring", []string{"Company B Support", "Company B AppConnect"}},
		{"quotas", []string{"Company B Software products · sandbox", "Company A Software products · sandbox"}},
	}
	for _, tt := range tests {
		got := rows(r, tt.list)
		if len(got) != len(tt.want) {
			t.Errorf("%s: %d rows %q, want %d", tt.list, len(got), got, len(tt.want))
			continue
		}
		for i := range got {
			if !strings.HasPrefix(got[i], tt.want[i]) {
				t.Errorf("%s row %d = %q, want it to start with %q", tt.list, i+1, got[i], tt.want[i])
			}
		}
	}
	if got := rows(r, "attention")[3]; !strings.Contains(got, "3 days of grace left") {
		t.Errorf("grace row %q does not say what is left", got)
	}
	if href := r.Doc.Find("#attention tbody tr a").First().AttrOr("href", ""); href != "/admin/partners/"+webtest.Itoa(env.CompanyID(t, "Company B")) {
		t.Errorf("the first row links to %q, want the partner page", href)
	}
	if href := r.Doc.Find("#requests a.button").AttrOr("href", ""); !strings.HasPrefix(href, "/admin/renewals#request-") {
		t.Errorf("the request links to %q", href)
	}
	companies := r.Text("#companies-title + .table-wrap tbody")
	if !strings.Contains(companies, "Company A") || !strings.Contains(companies, "Company B") || strings.Contains(companies, "Company C") {
		t.Errorf("am@ sees companies %q, want A and B only", companies)
	}
	if r.Doc.Find("select[name=manager]").Length() != 0 {
		t.Error("an account manager is offered the account manager filter")
	}
}

func TestDashboardScope(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	am2 := env.SignedIn(t, webtest.AccountManager2).Get(t, "/admin")
	if body := am2.Text("main"); strings.Contains(body, "Company A") || strings.Contains(body, "Company B") || !strings.Contains(body, "Company C") {
		t.Errorf("am2@ sees %q, want Company C only", body)
	}
	admin := env.SignedIn(t, webtest.Admin)
	all := admin.Get(t, "/admin").Text("#companies-title + .table-wrap tbody")
	if !strings.Contains(all, "Company A") || !strings.Contains(all, "Company C") {
		t.Errorf("admin sees %q, want every company", all)
	}
	var am2ID int64
	_ = env.Pool.QueryRow(t.Context(), "SELECT id FROM users WHERE email = $1", webtest.AccountManager2).Scan(&am2ID)
	filtered := admin.Get(t, "/admin?manager="+webtest.Itoa(am2ID))
	if got := filtered.Text("#companies-title + .table-wrap tbody"); strings.Contains(got, "Company A") || !strings.Contains(got, "Company C") {
		t.Errorf("admin filtered by am2@ sees %q", got)
	}
	if got := filtered.Doc.Find("select[name=manager] option[selected]").Text(); got != "Alice Manager" {
		t.Errorf("the filter shows %q selected", got)
	}
	if got := filtered.Text("#attention"); strings.Contains(got, "Company A") {
		t.Errorf("the filtered lists still show Company A: %q", got)
	}
}

func TestStaffPagesStayWithinTheirQueryBudget(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	a := env.CompanyID(t, "Company A")
	hub, _ := env.Service(t, "Company A", "solutions_hub", "")
	requestRenewal(t, env, hub, "3", "")
	for _, tt := range []struct{ email, path string }{
		{webtest.AccountManager, "/admin"},
		{webtest.AccountManager, "/admin/partners/" + webtest.Itoa(a)},
		{webtest.AccountManager, "/admin/renewals"},
		{webtest.AccountManager, "/admin/audit"},
		{webtest.Admin, "/admin?manager=1"},
		{webtest.Admin, "/admin/companies"},
		{webtest.Admin, "/admin/companies/" + webtest.Itoa(a) + "/edit"},
		{webtest.Admin, "/admin/users"},
	} {
		c := env.SignedIn(t, tt.email)
		c.Get(t, tt.path)
		r := c.Get(t, tt.path)
		if r.StatusCode != http.StatusOK {
			t.Errorf("GET %s as %s: %d", tt.path, tt.email, r.StatusCode)
			continue
		}
		st := env.Stats(t, r)
		if st.Queries > 2 || st.Wrote {
			t.Errorf("GET %s as %s: %d queries (wrote %v), want at most 2 and no write", tt.path, tt.email, st.Queries, st.Wrote)
		}
		if got := r.Header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("GET %s: Cache-Control %q, want no-store", tt.path, got)
		}
	}
}

// TestDashboardPagesThroughManyCompanies: an admin's dashboard over more companies than a page
// holds shows a page of them with links to the others, and each list says how many rows it
// holds in all when it shows only the most urgent.
func TestDashboardPagesThroughManyCompanies(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	// 60 more companies, each with a Support service in grace (ended yesterday, 10% cap)
	env.Exec(t, `WITH c AS (
			INSERT INTO partner_companies (name, is_hardware, is_software)
			SELECT 'Many ' || lpad(i::text, 2, '0'), false, true FROM generate_series(1, 60) i RETURNING id),
		s AS (INSERT INTO services (company_id, module) SELECT id, 'support' FROM c RETURNING id, module)
		INSERT INTO service_terms (service_id, module, valid_from, term_months, cap_percent)
		SELECT id, module, $1::date - interval '3 months', 3, 10 FROM s`, webtest.Start)
	admin := env.SignedIn(t, webtest.Admin)
	first := admin.Get(t, "/admin")
	if n := first.Doc.Find("#companies-title ~ .table-wrap tbody tr").Length(); n != 50 {
		t.Errorf("first page: %d companies, want 50", n)
	}
	if got := first.Text(".pagination"); !strings.Contains(got, "Showing 1–50 of 63") {
		t.Errorf("first page's pagination says %q, want Showing 1–50 of 63", got)
	}
	next, ok := first.Doc.Find(`.pagination a[rel="next"]`).Attr("href")
	if !ok {
		t.Fatalf("no link to the next page of companies")
	}
	second := admin.Get(t, next)
	if n := second.Doc.Find("#companies-title ~ .table-wrap tbody tr").Length(); n != 13 {
		t.Errorf("second page: %d companies, want 13", n)
	}
	if got := first.Text("#attention"); !strings.Contains(got, "The 50 most urgent of") {
		t.Errorf("the attention list over 60+ services does not say it shows the most urgent: %q", got)
	}
}
