package staff_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"strings"
	"testing"
	"time"

	"partnerportal/web/webtest"
)

func TestAuditLogFiltersPagesAndExports(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ctx := context.Background()
	a, b := env.CompanyID(t, "Company A"), env.CompanyID(t, "Company B")
	am := env.SignedIn(t, webtest.AccountManager)
	am.Get(t, "/admin")
	// 60 cap changes on Company B's production plan today, one renewal of Company A's Hub tomorrow.
	bProd, _ := env.Service(t, "Company B", "software", "production")
	for i := range 60 {
		r := am.PostForm(t, servicePath(b, bProd, "limits"), form("version", webtest.Itoa(int64(version(t, env, bProd))),
			"cap_percent", webtest.Itoa(int64(i%2)), "message_quota", "250000", "device_quota", "2000"))
		if r.StatusCode != http.StatusSeeOther {
			t.Fatalf("change %d: %d", i, r.StatusCode)
		}
	}
	env.Clock.Advance(24 * time.Hour)
	hub, v := env.Service(t, "Company A", "solutions_hub", "")
	if r := am.PostForm(t, servicePath(a, hub, "renew"), form("version", webtest.Itoa(int64(v)), "term_months", "3", "cap_percent", "0")); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("renew: %d", r.StatusCode)
	}

	log := am.Get(t, "/admin/audit")
	if got := log.Text(".pagination__summary"); got != "Showing 1–50 of 61" {
		t.Errorf("summary %q", got)
	}
	if first := log.Doc.Find("tbody tr").First().Text(); !strings.Contains(first, "Service renewed") || !strings.Contains(first, "Company A") {
		t.Errorf("newest first: the first row is %q", first)
	}
	next := log.Doc.Find(`.pagination a[rel=next]`).AttrOr("href", "")
	if got := am.Get(t, next).Text(".pagination__summary"); got != "Showing 51–61 of 61" {
		t.Errorf("page 2 (%s): %q", next, got)
	}

	for _, tt := range []struct {
		query string
		want  int
	}{
		{"company=" + webtest.Itoa(a), 1},
		{"company=" + webtest.Itoa(b), 60},
		{"action=service.renew", 1},
		{"action=service.limits&module=software", 60},
		{"module=solutions_hub", 1},
		{"from=2026-11-26", 1},
		{"to=2026-11-25", 60},
		{"from=2026-11-27", 0},
	} {
		r := am.Get(t, "/admin/audit.csv?"+tt.query)
		if r.StatusCode != http.StatusOK || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/csv") || !strings.Contains(r.Header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("CSV %s: %d %q", tt.query, r.StatusCode, r.Header.Get("Content-Type"))
		}
		records, err := csv.NewReader(strings.NewReader(r.Body)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(records)-1 != tt.want {
			t.Errorf("CSV %s: %d events, want %d", tt.query, len(records)-1, tt.want)
		}
		if page := am.Get(t, "/admin/audit?"+tt.query); tt.want > 0 && page.Doc.Find("tbody tr").Length() != min(tt.want, 50) {
			t.Errorf("page %s: %d rows, want %d", tt.query, page.Doc.Find("tbody tr").Length(), min(tt.want, 50))
		}
	}
	if r := am.Get(t, "/admin/audit?from=soon"); r.StatusCode != http.StatusUnprocessableEntity || r.Text("#f-from-error") == "" {
		t.Errorf("a bad date: %d %q", r.StatusCode, r.Text(".field__error"))
	}

	// The CSV holds the record in full: who, what, before and after.
	r := am.Get(t, "/admin/audit.csv?action=service.renew")
	rec, _ := csv.NewReader(strings.NewReader(r.Body)).ReadAll()
	row := strings.Join(rec[1], "|")
	for _, want := range []string{"2026-11-26T09:00:00Z", "Amir Manager", "am@example.com", "Company A", "service.renew", "Solutions Hub visibility", `"state": "expired"`, `"new_term"`} {
		if !strings.Contains(row, want) {
			t.Errorf("CSV row %q lacks %q", row, want)
		}
	}

	// Another account manager sees none of it, even when asking for it.
	am2 := env.SignedIn(t, webtest.AccountManager2)
	for _, path := range []string{"/admin/audit", "/admin/audit?company=" + webtest.Itoa(a), "/admin/audit.csv"} {
		if body := am2.Get(t, path).Body; strings.Contains(body, "Company A") || strings.Contains(body, "Company B") {
			t.Errorf("am2@ on %s sees events of other companies", path)
		}
	}
	var total int
	_ = env.Pool.QueryRow(ctx, "SELECT count(*) FROM audit_events").Scan(&total)
	if total != 61 {
		t.Errorf("%d events stored, want 61", total)
	}
}
