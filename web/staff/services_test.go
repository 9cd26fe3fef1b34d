package staff_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"partnerportal/web/webtest"
)

// TestRenewalStartsWhereSPECSays: the day after the current term while the service is still
// usable (active or grace), else today; after a term not started yet when there is one. The
// new term's usage starts at 0, the service becomes active, and the renewal is recorded.
func TestRenewalStartsWhereSPECSays(t *testing.T) {
	t.Parallel()
	env := webtest.New(t) // today is 25 Nov 2026
	am := env.SignedIn(t, webtest.AccountManager)
	a := env.CompanyID(t, "Company A")
	ctx := context.Background()
	tests := []struct {
		name      string
		setup     func(id int64)
		wantState string // before the renewal, as the page shows it
		wantFrom  string
	}{
		{"active: the day after valid_until", func(id int64) {
			replaceTerms(t, env, id, day("2026-10-01"), 3, 0, 100, 10) // until 31 Dec 2026
		}, "Active", "2027-01-01"},
		{"grace: the day after valid_until, no gap", func(id int64) {
			replaceTerms(t, env, id, day("2026-08-23"), 3, 10, 100, 10) // until 22 Nov, 10 days of grace
		}, "Grace", "2026-11-23"},
		{"expired: today", func(id int64) {
			replaceTerms(t, env, id, day("2026-08-12"), 3, 0, 100, 10) // until 11 Nov
		}, "Expired", "2026-11-25"},
		{"exhausted: today", func(id int64) {
			replaceTerms(t, env, id, day("2026-10-01"), 3, 30, 100, 130)
		}, "Quota used up", "2026-11-25"},
		{"inactive: today", func(id int64) {
			replaceTerms(t, env, id, day("2026-10-01"), 3, 0, 100, 10)
			if _, err := env.Pool.Exec(ctx, "UPDATE services SET status = 'inactive' WHERE id = $1", id); err != nil {
				t.Fatal(err)
			}
		}, "Inactive", "2026-11-25"},
		{"scheduled: after the term not started yet", func(id int64) {
			replaceTerms(t, env, id, day("2026-12-10"), 3, 0, 100, 0) // until 9 Mar 2027
		}, "Scheduled", "2027-03-10"},
		{"already renewed: after the renewal", func(id int64) {
			replaceTerms(t, env, id, day("2026-10-01"), 3, 0, 100, 10)
			addTerm(t, env, id, day("2027-01-01"), 6, 0, 100, 0) // until 30 Jun 2027
		}, "Active", "2027-07-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, _ := env.Service(t, "Company A", "software", "sandbox")
			if _, err := env.Pool.Exec(ctx, "UPDATE services SET status = 'active' WHERE id = $1", id); err != nil {
				t.Fatal(err)
			}
			tt.setup(id)
			page := am.Get(t, "/admin/partners/"+webtest.Itoa(a))
			panel := page.Text("#service-" + webtest.Itoa(id))
			if !strings.Contains(page.Text("#service-"+webtest.Itoa(id)+" .badge"), tt.wantState) {
				t.Errorf("badge %q, want %s", page.Text("#service-"+webtest.Itoa(id)+" .badge"), tt.wantState)
			}
			if want := "The new term starts on " + day(tt.wantFrom).Format("2 Jan 2006"); !strings.Contains(panel, want) {
				t.Errorf("the renew form does not say %q", want)
			}
			v := version(t, env, id)
			r := am.PostForm(t, servicePath(a, id, "renew"), form("version", webtest.Itoa(int64(v)), "term_months", "3", "cap_percent", "20", "message_quota", "500"))
			if r.StatusCode != http.StatusSeeOther {
				t.Fatalf("renew: %d, want 303\n%s", r.StatusCode, r.Text("main"))
			}
			var from time.Time
			var months, capPercent, quota int
			var used int64
			if err := env.Pool.QueryRow(ctx, `SELECT valid_from, term_months, cap_percent, message_quota, messages_used
				FROM service_terms WHERE service_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`, id).Scan(&from, &months, &capPercent, &quota, &used); err != nil {
				t.Fatal(err)
			}
			if got := from.Format(time.DateOnly); got != tt.wantFrom {
				t.Errorf("new term starts %s, want %s", got, tt.wantFrom)
			}
			if months != 3 || capPercent != 20 || quota != 500 || used != 0 {
				t.Errorf("new term: %d months, cap %d, quota %d, used %d; want 3, 20, 500, 0", months, capPercent, quota, used)
			}
			var status string
			var after int32
			if err := env.Pool.QueryRow(ctx, "SELECT status, version FROM services WHERE id = $1", id).Scan(&status, &after); err != nil {
				t.Fatal(err)
			}
			if status != "active" || after != v+1 {
				t.Errorf("service %s at version %d, want active at %d", status, after, v+1)
			}
			var before, afterSnap []byte
			if err := env.Pool.QueryRow(ctx, `SELECT before, after FROM audit_events WHERE service_id = $1 AND action = 'service.renew'
				ORDER BY id DESC LIMIT 1`, id).Scan(&before, &afterSnap); err != nil {
				t.Fatalf("no audit record of the renewal: %v", err)
			}
			var snap struct {
				Version int32
				NewTerm struct {
					ValidFrom string `json:"valid_from"`
				} `json:"new_term"`
			}
			if err := json.Unmarshal(afterSnap, &snap); err != nil || snap.NewTerm.ValidFrom != tt.wantFrom || snap.Version != v+1 {
				t.Errorf("audit after = %s, want the new term from %s at version %d", afterSnap, tt.wantFrom, v+1)
			}
			var was struct{ Version int32 }
			if err := json.Unmarshal(before, &was); err != nil || was.Version != v {
				t.Errorf("audit before = %s, want version %d", before, v)
			}
		})
	}
}

// TestExpiredServiceRenewedIsUsableAgain: renewing Company A's expired Solutions Hub makes it
// active for the partner at once, and earlier terms stay in the history.
func TestExpiredServiceRenewedIsUsableAgain(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	am := env.SignedIn(t, webtest.AccountManager)
	partner := env.SignedIn(t, webtest.PartnerA)
	a := env.CompanyID(t, "Company A")
	id, v := env.Service(t, "Company A", "solutions_hub", "")
	if got := partner.PostForm(t, "/hub/listings/profile", form("tagline", "Before")).StatusCode; got != http.StatusSeeOther {
		t.Fatalf("refused save while expired: %d", got)
	}
	r := am.PostForm(t, servicePath(a, id, "renew"), form("version", webtest.Itoa(int64(v)), "term_months", "3", "cap_percent", "0"))
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/admin/partners/"+webtest.Itoa(a)+"#service-"+webtest.Itoa(id) {
		t.Fatalf("renew: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	if flash := am.Get(t, r.Header.Get("Location")).Text("#flash"); !strings.Contains(flash, "Renewed Company A, Solutions Hub visibility for 3 months: the new term runs from 25 Nov 2026 to 24 Feb 2027.") {
		t.Errorf("flash %q", flash)
	}
	if got := partner.Get(t, "/services").ServiceCards()["Solutions Hub visibility"]; !strings.Contains(got, "Active until 24 Feb 2027") {
		t.Errorf("My Services says %q, want active until 24 Feb 2027", got)
	}
	if r := partner.PostForm(t, "/hub/listings/profile", form("tagline", "Back in business")); r.StatusCode != http.StatusSeeOther {
		t.Errorf("saving after the renewal: %d", r.StatusCode)
	}
	var tagline string
	var terms int
	_ = env.Pool.QueryRow(context.Background(), `SELECT c.hub_tagline, (SELECT count(*) FROM service_terms WHERE service_id = $2)
		FROM partner_companies c WHERE c.id = $1`, a, id).Scan(&tagline, &terms)
	if tagline != "Back in business" || terms != 2 {
		t.Errorf("tagline %q and %d terms, want the save stored and both terms kept", tagline, terms)
	}
}

func TestGrantingAService(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	am := env.SignedIn(t, webtest.AccountManager)
	b := env.CompanyID(t, "Company B")
	ctx := context.Background()
	path := "/admin/partners/" + webtest.Itoa(b) + "/services"
	am.Get(t, "/admin/partners/"+webtest.Itoa(b))

	t.Run("invalid input is 422 with the field named and the input kept", func(t *testing.T) {
		tests := []struct {
			name  string
			form  map[string]string
			field string
		}{
			{"no module", map[string]string{"module": ""}, "module"},
			{"term of 4 months", map[string]string{"term_months": "4"}, "term_months"},
			{"cap over 100", map[string]string{"cap_percent": "101"}, "cap_percent"},
			{"start in the past", map[string]string{"valid_from": "2026-11-24"}, "valid_from"},
			{"not a date", map[string]string{"valid_from": "next week"}, "valid_from"},
			{"plan without an environment", map[string]string{"environment": ""}, "environment"},
			{"plan without any quota", map[string]string{"message_quota": ""}, "message_quota"},
			{"quota of 0", map[string]string{"message_quota": "0"}, "message_quota"},
			{"quota on a module without plans", map[string]string{"module": "support", "environment": ""}, "message_quota"},
			{"hardware for a software partner", map[string]string{"module": "hardware"}, "module"},
			{"a plan the company holds", map[string]string{"environment": "production"}, "module"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				f := form("module", "software", "environment", "sandbox", "term_months", "6", "valid_from", "2026-11-25",
					"cap_percent", "10", "message_quota", "1000")
				_, _ = env.Pool.Exec(ctx, "DELETE FROM service_terms WHERE service_id IN (SELECT id FROM services WHERE company_id = $1 AND environment = 'sandbox')", b)
				_, _ = env.Pool.Exec(ctx, "DELETE FROM services WHERE company_id = $1 AND environment = 'sandbox'", b)
				for k, v := range tt.form {
					f.Set(k, v)
				}
				r := am.PostForm(t, path, f)
				if r.StatusCode != http.StatusUnprocessableEntity {
					t.Fatalf("status %d, want 422", r.StatusCode)
				}
				if msg := r.Text("#grant-" + tt.field + "-error"); msg == "" {
					t.Errorf("no error under %s; errors: %q", tt.field, r.Text(".field__error"))
				}
				if got := r.Doc.Find("#grant-cap_percent").AttrOr("value", ""); got != f.Get("cap_percent") {
					t.Errorf("cap field kept %q, want %q", got, f.Get("cap_percent"))
				}
				if n := auditRows(t, env, "service.grant", 0); n != 0 {
					t.Errorf("%d grant records after a refused grant", n)
				}
			})
		}
	})

	t.Run("today makes it active, a later day scheduled", func(t *testing.T) {
		for _, tt := range []struct {
			module, from, badge string
		}{
			{"software", "2026-11-25", "Active"},
			{"hardware", "2026-12-01", "Scheduled"},
		} {
			_, _ = env.Pool.Exec(ctx, "DELETE FROM service_terms WHERE service_id IN (SELECT id FROM services WHERE company_id = $1 AND environment = 'sandbox')", b)
			_, _ = env.Pool.Exec(ctx, "DELETE FROM services WHERE company_id = $1 AND environment = 'sandbox'", b)
			_, _ = env.Pool.Exec(ctx, "UPDATE partner_companies SET is_hardware = true WHERE id = $1", b)
			r := am.PostForm(t, path, form("module", tt.module, "environment", "sandbox", "term_months", "3", "valid_from", tt.from,
				"cap_percent", "30", "message_quota", "100", "device_quota", "5"))
			if r.StatusCode != http.StatusSeeOther {
				t.Fatalf("grant %s: %d\n%s", tt.module, r.StatusCode, r.Text(".field__error"))
			}
			id, _ := env.Service(t, "Company B", tt.module, "sandbox")
			page := am.Get(t, "/admin/partners/"+webtest.Itoa(b))
			if got := page.Text("#service-" + webtest.Itoa(id) + " .card__header .badge"); !strings.Contains(got, tt.badge) {
				t.Errorf("%s from %s: badge %q, want %s", tt.module, tt.from, got, tt.badge)
			}
			if auditRows(t, env, "service.grant", id) != 1 {
				t.Errorf("%s: no grant record", tt.module)
			}
			if !strings.Contains(page.Text("#timeline"), "Service granted") {
				t.Errorf("the timeline does not show the grant: %q", page.Text("#timeline"))
			}
		}
		partner := env.SignedIn(t, webtest.PartnerB)
		cards := partner.Get(t, "/services").ServiceCards()
		if got := cards["Hardware products · Sandbox"]; !strings.Contains(got, "Starts on 1 Dec 2026") {
			t.Errorf("partner sees the scheduled plan as %q", got)
		}
	})

	t.Run("htmx gets the services section back", func(t *testing.T) {
		am.Header.Set("HX-Request", "true")
		defer am.Header.Del("HX-Request")
		r := am.PostForm(t, path, form("module", "appconnect", "term_months", "12", "valid_from", "2026-11-25", "cap_percent", "0"))
		if r.StatusCode != http.StatusUnprocessableEntity || r.Doc.Find("section#services").Length() != 1 || strings.Contains(r.Body, "<html") {
			t.Fatalf("status %d, want 422 with the services section only", r.StatusCode)
		}
		if !strings.Contains(r.Text("#grant-module-error"), "already holds") {
			t.Errorf("module error %q", r.Text("#grant-module-error"))
		}
	})
}

func TestChangingCapAndQuotas(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	am := env.SignedIn(t, webtest.AccountManager)
	a := env.CompanyID(t, "Company A")
	id, v := env.Service(t, "Company A", "software", "sandbox") // 95 of 100 messages, cap 30%
	path := servicePath(a, id, "limits")
	am.Get(t, "/admin/partners/"+webtest.Itoa(a))
	limits := func() (capPercent, quota int) {
		_ = env.Pool.QueryRow(context.Background(), "SELECT cap_percent, message_quota FROM service_terms WHERE service_id = $1", id).Scan(&capPercent, &quota)
		return
	}

	r := am.PostForm(t, path, form("version", webtest.Itoa(int64(v)), "cap_percent", "abc", "message_quota", "100"))
	if r.StatusCode != http.StatusUnprocessableEntity || r.Text("#limits-"+webtest.Itoa(id)+"-cap_percent-error") == "" {
		t.Errorf("bad cap: %d, error %q", r.StatusCode, r.Text(".field__error"))
	}

	// Lowering the quota below the usage makes the plan read-only: asked first, saved nothing.
	r = am.PostForm(t, path, form("version", webtest.Itoa(int64(v)), "cap_percent", "0", "message_quota", "90"))
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Text("#service-"+webtest.Itoa(id)+" .banner--warning"), "becomes “Quota used up”") {
		t.Fatalf("lowering below usage: %d, warning %q", r.StatusCode, r.Text(".banner--warning"))
	}
	if c, q := limits(); c != 30 || q != 100 || version(t, env, id) != v || auditRows(t, env, "service.limits", id) != 0 {
		t.Fatalf("the unconfirmed change was saved: cap %d, quota %d", c, q)
	}
	if r.Doc.Find(`#service-`+webtest.Itoa(id)+` button[name=confirm][value="1"]`).Length() != 1 {
		t.Error("no Save anyway button")
	}

	r = am.PostForm(t, path, form("version", webtest.Itoa(int64(v)), "cap_percent", "0", "message_quota", "90", "confirm", "1"))
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirmed: %d", r.StatusCode)
	}
	if c, q := limits(); c != 0 || q != 90 {
		t.Errorf("cap %d, quota %d after the confirmed change, want 0 and 90", c, q)
	}
	page := am.Get(t, "/admin/partners/"+webtest.Itoa(a))
	if got := page.Text("#service-" + webtest.Itoa(id) + " .card__header .badge"); !strings.Contains(got, "Quota used up") {
		t.Errorf("badge %q, want Quota used up", got)
	}
	if got := page.Text("#timeline"); !strings.Contains(got, "Cap or quotas changed") || !strings.Contains(got, "Message quota: 100 → 90") {
		t.Errorf("timeline %q, want the change with before and after", got)
	}

	// Raising it again needs no confirmation and makes the plan usable at once.
	r = am.PostForm(t, path, form("version", webtest.Itoa(int64(v+1)), "cap_percent", "30", "message_quota", "1000"))
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("raise: %d", r.StatusCode)
	}
	if got := env.SignedIn(t, webtest.PartnerA).Get(t, "/services").ServiceCards()["Software products · Sandbox"]; !strings.Contains(got, "Active") {
		t.Errorf("partner sees %q after the quota was raised", got)
	}
}

func TestActivatingAndDeactivating(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	am := env.SignedIn(t, webtest.AccountManager)
	partner := env.SignedIn(t, webtest.PartnerA)
	a := env.CompanyID(t, "Company A")
	id, v := env.Service(t, "Company A", "support", "")
	page := am.Get(t, "/admin/partners/"+webtest.Itoa(a))
	confirm := page.Text("#service-" + webtest.Itoa(id) + " details.panel-action form[action$=status]")
	if !strings.Contains(confirm, "Deactivate Support?") || !strings.Contains(confirm, "support tickets") {
		t.Errorf("the confirmation says %q, want what the partner loses", confirm)
	}

	am.Header.Set("HX-Request", "true")
	r := am.PostForm(t, servicePath(a, id, "status"), form("version", webtest.Itoa(int64(v)), "status", "inactive"))
	am.Header.Del("HX-Request")
	if r.StatusCode != http.StatusOK || r.Doc.Find("#service-"+webtest.Itoa(id)).Length() != 1 {
		t.Fatalf("htmx deactivate: %d", r.StatusCode)
	}
	if !strings.Contains(r.Text("#service-"+webtest.Itoa(id)+" .card__header .badge"), "Inactive") || !strings.Contains(r.Text(".flash"), "Deactivated") {
		t.Errorf("panel after deactivation: %q", r.Text("#service-"+webtest.Itoa(id)))
	}
	if r.Doc.Find(`#timeline[data-hx-swap-oob="true"]`).Length() != 1 || !strings.Contains(r.Text("#timeline"), "Service deactivated") {
		t.Error("the answer does not bring the timeline with the new entry")
	}
	if nav := partner.Get(t, "/services").Text("nav.main-nav"); strings.Contains(nav, "Support") {
		t.Errorf("partner navigation still shows Support: %q", nav)
	}
	if got := partner.Get(t, "/support").StatusCode; got != http.StatusNotFound {
		t.Errorf("partner on /support: %d, want 404", got)
	}

	r = am.PostForm(t, servicePath(a, id, "status"), form("version", webtest.Itoa(int64(v+1)), "status", "inactive"))
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Text("#service-"+webtest.Itoa(id)+" .flash"), "inactive already") {
		t.Errorf("deactivating twice: %d %q", r.StatusCode, r.Text(".flash"))
	}
	r = am.PostForm(t, servicePath(a, id, "status"), form("version", webtest.Itoa(int64(v+1)), "status", "active"))
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("activate: %d", r.StatusCode)
	}
	if got := partner.Get(t, "/support").StatusCode; got != http.StatusOK {
		t.Errorf("partner on /support after activation: %d", got)
	}
	if auditRows(t, env, "service.deactivate", id) != 1 || auditRows(t, env, "service.activate", id) != 1 {
		t.Error("status changes not recorded once each")
	}
}

// TestConcurrentEditsAreRefused: two staff members open the same service; the second save is
// refused with the current values and overwrites nothing.
func TestConcurrentEditsAreRefused(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	am := env.SignedIn(t, webtest.AccountManager)
	admin := env.SignedIn(t, webtest.Admin)
	a := env.CompanyID(t, "Company A")
	id, _ := env.Service(t, "Company A", "software", "production")
	readVersion := func(c *webtest.Client) string {
		page := c.Get(t, "/admin/partners/"+webtest.Itoa(a))
		return page.Doc.Find("#service-"+webtest.Itoa(id)+" form[action$=limits] input[name=version]").AttrOr("value", "")
	}
	amVersion, adminVersion := readVersion(am), readVersion(admin)
	if amVersion == "" || amVersion != adminVersion {
		t.Fatalf("versions in the forms: %q and %q", amVersion, adminVersion)
	}
	if r := admin.PostForm(t, servicePath(a, id, "limits"), form("version", adminVersion, "cap_percent", "25", "message_quota", "100000", "device_quota", "500")); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("first save: %d", r.StatusCode)
	}
	for _, htmx := range []bool{false, true} {
		if htmx {
			am.Header.Set("HX-Request", "true")
		}
		r := am.PostForm(t, servicePath(a, id, "limits"), form("version", amVersion, "cap_percent", "5", "message_quota", "100000", "device_quota", "500"))
		am.Header.Del("HX-Request")
		if r.StatusCode != http.StatusConflict {
			t.Fatalf("second save (htmx %v): %d, want 409", htmx, r.StatusCode)
		}
		msg := r.Text("#service-" + webtest.Itoa(id) + " .flash--error")
		for _, want := range []string{"Not saved", "Ada Admin", "cap 25%", "quotas 100,000 messages · 500 devices"} {
			if !strings.Contains(msg, want) {
				t.Errorf("htmx %v: message %q lacks %q", htmx, msg, want)
			}
		}
		if got := r.Doc.Find("#limits-"+webtest.Itoa(id)+"-cap_percent").AttrOr("value", ""); got != "5" {
			t.Errorf("htmx %v: the form lost what was typed: %q", htmx, got)
		}
		if got := r.Doc.Find("#service-"+webtest.Itoa(id)+" form[action$=limits] input[name=version]").AttrOr("value", ""); got == amVersion {
			t.Errorf("htmx %v: the refused form still carries the stale version %s", htmx, got)
		}
	}
	var capPercent int
	_ = env.Pool.QueryRow(context.Background(), "SELECT cap_percent FROM service_terms WHERE service_id = $1", id).Scan(&capPercent)
	if capPercent != 25 || auditRows(t, env, "service.limits", id) != 1 {
		t.Errorf("cap %d with %d records, want the first save's 25 and one record", capPercent, auditRows(t, env, "service.limits", id))
	}
}

// TestAChangeAndItsAuditRecordStandOrFallTogether: when the change fails nothing is recorded,
// and when the record cannot be written the change is not stored either.
func TestAChangeAndItsAuditRecordStandOrFallTogether(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	env.ExpectServerErrors() // the database fails a write on purpose: 500, logged
	am := env.SignedIn(t, webtest.AccountManager)
	a := env.CompanyID(t, "Company A")
	id, v := env.Service(t, "Company A", "expressconnect", "")
	ctx := context.Background()
	exec := func(sql string) {
		t.Helper()
		if _, err := env.Pool.Exec(ctx, sql); err != nil {
			t.Fatal(err)
		}
	}
	stored := func() string {
		var s string
		_ = env.Pool.QueryRow(ctx, `SELECT concat_ws('|', s.version, s.status, (SELECT count(*) FROM service_terms WHERE service_id = s.id),
			(SELECT count(*) FROM audit_events WHERE service_id = s.id)) FROM services s WHERE s.id = $1`, id).Scan(&s)
		return s
	}
	exec(`CREATE FUNCTION fail_now() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated failure'; END $$`)
	renew := form("version", webtest.Itoa(int64(v)), "term_months", "6", "cap_percent", "0")

	before := stored()
	exec(`CREATE TRIGGER fail_terms BEFORE INSERT ON service_terms FOR EACH ROW EXECUTE FUNCTION fail_now()`)
	if r := am.PostForm(t, servicePath(a, id, "renew"), renew); r.StatusCode != http.StatusInternalServerError {
		t.Fatalf("renewal with failing terms: %d, want 500", r.StatusCode)
	}
	if after := stored(); after != before {
		t.Errorf("a failed renewal left %s (before %s)", after, before)
	}
	exec(`DROP TRIGGER fail_terms ON service_terms`)

	exec(`CREATE TRIGGER fail_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION fail_now()`)
	if r := am.PostForm(t, servicePath(a, id, "renew"), renew); r.StatusCode != http.StatusInternalServerError {
		t.Fatalf("renewal whose record fails: %d, want 500", r.StatusCode)
	}
	if after := stored(); after != before {
		t.Errorf("a renewal without its record was stored: %s (before %s)", after, before)
	}
	exec(`DROP TRIGGER fail_audit ON audit_events`)

	if r := am.PostForm(t, servicePath(a, id, "renew"), renew); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("renewal: %d", r.StatusCode)
	}
	if n := auditRows(t, env, "service.renew", id); n != 1 {
		t.Errorf("%d renewal records, want 1", n)
	}
}

func TestTheAuditTrailIsAppendOnly(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	am := env.SignedIn(t, webtest.AccountManager)
	a := env.CompanyID(t, "Company A")
	id, v := env.Service(t, "Company A", "support", "")
	am.Get(t, "/admin/partners/"+webtest.Itoa(a))
	am.PostForm(t, servicePath(a, id, "status"), form("version", webtest.Itoa(int64(v)), "status", "inactive"))
	ctx := context.Background()
	for _, sql := range []string{
		"UPDATE audit_events SET subject = 'rewritten'",
		"DELETE FROM audit_events",
		"TRUNCATE audit_events",
	} {
		if _, err := env.Pool.Exec(ctx, sql); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: err %v, want it refused as append-only", sql, err)
		}
	}
	if n := auditRows(t, env, "service.deactivate", id); n != 1 {
		t.Errorf("%d records after the attempts, want 1", n)
	}
}
