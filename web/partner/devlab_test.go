package partner_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"partnerportal/db"
	"partnerportal/web/webtest"
)

func TestDevLabConsole(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ctx := context.Background()
	c := env.SignedIn(t, webtest.PartnerB)
	c.CreateAPIKey(t, "Bench rig", "sandbox")
	c.CreateAPIKey(t, "Live fleet", "production")
	devices := func() (used int64) {
		if err := env.Pool.QueryRow(ctx, `SELECT t.devices_used FROM service_terms t JOIN services s ON s.id = t.service_id
			JOIN partner_companies c ON c.id = s.company_id WHERE c.name = 'Company B' AND s.module = 'software' AND s.environment = 'sandbox'`).Scan(&used); err != nil {
			t.Fatal(err)
		}
		return used
	}

	page := c.Get(t, "/devlab")
	if page.StatusCode != http.StatusOK {
		t.Fatalf("status %d", page.StatusCode)
	}
	if st := env.Stats(t, page); st.Queries > 3 || st.Wrote {
		t.Errorf("the console took %d round trips (wrote %v), want at most 3 and no write", st.Queries, st.Wrote)
	}
	if got := page.Text(".devlab-keys"); !strings.Contains(got, "Bench rig") || strings.Contains(got, "Live fleet") {
		t.Errorf("sandbox keys at a glance: %q", got)
	}
	if got := page.Text("#devlab-plan-software"); !strings.Contains(got, "1,200 of 5,000 messages used") {
		t.Errorf("the plan reads %q", got)
	}

	// Without JavaScript: the answer is the console page itself.
	sent := c.PostForm(t, "/devlab/messages", url.Values{"module": {"software"}, "count": {"3"}})
	if sent.StatusCode != http.StatusOK || !strings.Contains(sent.Text("#devlab-outcome"), "3 of 3 test messages accepted") ||
		!strings.Contains(sent.Text("#devlab-plan-software"), "1,203 of 5,000") || sent.Doc.Find(".devlab-log tbody tr").Length() != 3 {
		t.Errorf("plain send: %d, outcome %q, plan %q", sent.StatusCode, sent.Text("#devlab-outcome"), sent.Text("#devlab-plan-software"))
	}

	c.Header.Set("HX-Request", "true")
	bad := c.PostForm(t, "/devlab/messages", url.Values{"module": {"hardware"}, "count": {"101"}})
	if bad.StatusCode != http.StatusUnprocessableEntity || bad.Doc.Find("#devlab-console").Length() != 1 || bad.Doc.Find(".field--invalid").Length() != 1 {
		t.Errorf("101 messages: %d, %d invalid fields", bad.StatusCode, bad.Doc.Find(".field--invalid").Length())
	}
	if bad.Doc.Find("html").Length() != 0 && strings.Contains(bad.Body, "<html") {
		t.Error("an htmx answer came as a whole page")
	}

	reg := c.PostForm(t, "/devlab/devices", url.Values{"module": {"software"}, "device_name": {"Thermostat 7"}})
	if reg.StatusCode != http.StatusOK || !strings.Contains(reg.Text("#devlab-console table"), "Thermostat 7") || devices() != 1 {
		t.Fatalf("register: %d %q, devices %d", reg.StatusCode, reg.Text("#devlab-outcome"), devices())
	}
	id, _ := reg.Doc.Find(`input[name=device_id]`).Attr("value")
	removed := c.PostForm(t, "/devlab/devices/remove", url.Values{"device_id": {id}})
	if removed.StatusCode != http.StatusOK || !strings.Contains(removed.Text("#devlab-console table"), "Removed 25 Nov 2026") || devices() != 0 {
		t.Errorf("remove: %d %q, devices %d", removed.StatusCode, removed.Text("#devlab-outcome"), devices())
	}
	if again := c.PostForm(t, "/devlab/devices/remove", url.Values{"device_id": {id}}); again.StatusCode != http.StatusNotFound || devices() != 0 {
		t.Errorf("removing it twice: %d, devices %d", again.StatusCode, devices())
	}
	// Another company's device is not found.
	other := env.SignedIn(t, webtest.PartnerA)
	other.Get(t, "/devlab")
	if r := other.PostForm(t, "/devlab/devices/remove", url.Values{"device_id": {id}}); r.StatusCode != http.StatusNotFound {
		t.Errorf("another company removing the device: %d", r.StatusCode)
	}
}

// TestMyServicesShowsQuotaWarnings: the warnings the usage reports recorded appear on the
// plan's card, once each.
func TestMyServicesShowsQuotaWarnings(t *testing.T) {
	t.Parallel()
	env := webtest.New(t, webtest.GenerousLimits)
	c := env.SignedIn(t, webtest.PartnerA)
	key := c.CreateAPIKey(t, "Warnings", "sandbox")
	for i, n := range []int64{1, 4, 30} { // 96 (80%), 100 (100%, grace), 130 (exhausted)
		if r := env.CallAPI(t, key, http.MethodPost, "/api/v1/usage", webtest.Messages(n, "w-"+webtest.Itoa(int64(i)))); r.Status != http.StatusOK {
			t.Fatalf("report %d: %d %s", i, r.Status, r.Body)
		}
	}
	serviceID := env.Plan(t, "Company A", "software", "sandbox").ServiceID
	page := c.Get(t, "/services")
	if st := env.Stats(t, page); st.Queries > 3 {
		t.Errorf("My Services took %d round trips", st.Queries)
	}
	var notices []string
	page.Doc.Find("#service-" + webtest.Itoa(serviceID) + " .service-notices li").Each(func(_ int, s *goquery.Selection) {
		notices = append(notices, s.Find("span").Last().Text())
	})
	want := []string{
		"80% of the message quota used on 25 Nov 2026.",
		"The message quota was reached on 25 Nov 2026: the cap allowance is in use.",
		"Entered grace on 25 Nov 2026.",
		"Quota used up, cap allowance included, on 25 Nov 2026: read-only until renewed.",
	}
	if strings.Join(notices, "\n") != strings.Join(want, "\n") {
		t.Errorf("notices:\n%s\nwant:\n%s", strings.Join(notices, "\n"), strings.Join(want, "\n"))
	}

	// The query the account manager's home reads: Company A's manager sees them, newest first;
	// Company C's manager does not; an admin (no manager id) sees every company's.
	ctx := context.Background()
	q := db.New(env.Pool)
	for _, tt := range []struct {
		manager string
		want    int
	}{{webtest.AccountManager, 4}, {webtest.AccountManager2, 0}, {"", 4}} {
		var id *int64
		if tt.manager != "" {
			var v int64
			if err := env.Pool.QueryRow(ctx, "SELECT id FROM users WHERE email = $1", tt.manager).Scan(&v); err != nil {
				t.Fatal(err)
			}
			id = &v
		}
		rows, err := q.ListQuotaWarningsForAccountManager(ctx, db.ListQuotaWarningsForAccountManagerParams{ManagerID: id, Today: webtest.Start, MaxRows: 10})
		if err != nil || len(rows) != tt.want {
			t.Errorf("warnings for manager %q: %d (%v), want %d", tt.manager, len(rows), err, tt.want)
			continue
		}
		if tt.want > 0 && (rows[0].Kind != db.QuotaWarningKindExhausted || rows[0].CompanyName != "Company A" || *rows[0].Environment != db.EnvironmentSandbox) {
			t.Errorf("newest warning for %q: %+v", tt.manager, rows[0])
		}
	}
}
