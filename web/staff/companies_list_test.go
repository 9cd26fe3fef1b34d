package staff_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"partnerportal/web/webtest"
)

// TestCompaniesListPagesAndFindsByName: the admin's list of companies shows 50 at a time with
// links to the rest, finds companies by part of their name in any case, and a company past the
// first page opens in its edit form.
func TestCompaniesListPagesAndFindsByName(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	env.Exec(t, `INSERT INTO partner_companies (name, is_hardware, is_software)
		SELECT 'Zeta Works ' || lpad(i::text, 2, '0'), true, false FROM generate_series(1, 60) i`)
	admin := env.SignedIn(t, webtest.Admin)
	rows := "table tbody tr"

	first := admin.Get(t, "/admin/companies")
	if n := first.Doc.Find(rows).Length(); n != 50 {
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
	if n := second.Doc.Find(rows).Length(); n != 13 {
		t.Errorf("second page: %d companies, want 13", n)
	}
	if got := second.Text(rows + ":last-child th"); got != "Zeta Works 60" {
		t.Errorf("the last company by name is %q, want Zeta Works 60", got)
	}

	found := admin.Get(t, "/admin/companies?q=WORKS+5")
	var names []string
	found.Doc.Find(rows + " th").Each(func(_ int, s *goquery.Selection) { names = append(names, s.Text()) })
	want := []string{"Zeta Works 50", "Zeta Works 51", "Zeta Works 52", "Zeta Works 53", "Zeta Works 54", "Zeta Works 55", "Zeta Works 56", "Zeta Works 57", "Zeta Works 58", "Zeta Works 59"}
	if strings.Join(names, "|") != strings.Join(want, "|") {
		t.Errorf("search for “WORKS 5” found %q, want %q", names, want)
	}
	if v := found.Doc.Find("#companies-q").AttrOr("value", ""); v != "WORKS 5" {
		t.Errorf("the search box keeps %q, want WORKS 5", v)
	}
	if got := admin.Get(t, "/admin/companies?q=nothing+like+this").Text(".empty-state"); !strings.Contains(got, "No company's name contains") {
		t.Errorf("a search without matches says %q", got)
	}
	if got := admin.Get(t, "/admin/companies?page=9").Text(".empty-state"); !strings.Contains(got, "past the last one") {
		t.Errorf("a page past the last says %q", got)
	}
	bad := admin.Get(t, "/admin/companies?q="+strings.Repeat("z", 101))
	if bad.StatusCode != http.StatusOK || bad.Text("#companies-q-error") == "" {
		t.Errorf("a search of 101 characters: %d, message %q", bad.StatusCode, bad.Text("#companies-q-error"))
	}

	edit := admin.Get(t, "/admin/companies/"+webtest.Itoa(env.CompanyID(t, "Zeta Works 60"))+"/edit")
	if edit.StatusCode != http.StatusOK || edit.Doc.Find("input[name=name]").AttrOr("value", "") != "Zeta Works 60" {
		t.Errorf("the edit form of a company past the first page: %d, name %q", edit.StatusCode, edit.Doc.Find("input[name=name]").AttrOr("value", ""))
	}
	if got := admin.Get(t, "/admin/companies/999999/edit").StatusCode; got != http.StatusNotFound {
		t.Errorf("the edit form of no company: %d, want 404", got)
	}
}
