package partner_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"partnerportal/web/webtest"
)

// TestTheWizardDeploysATemplate: Company B picks the cold chain template, names it, leaves a
// step out of order, switches a feature on, mends a parameter shown in place (422), picks a
// matching design, reviews and deploys; the deployment then waits for its job.
func TestTheWizardDeploysATemplate(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ctx := context.Background()
	c := env.SignedIn(t, webtest.PartnerB)

	home := c.Get(t, "/appconnect")
	if home.StatusCode != http.StatusOK {
		t.Fatalf("GET /appconnect: %d", home.StatusCode)
	}
	for _, want := range []string{"Riverside cold store", "HQ comfort monitor", "Yard trailers pilot"} {
		if !strings.Contains(home.Text(".deployments-table"), want) {
			t.Errorf("the deployments lack %q", want)
		}
	}
	if n := home.Doc.Find(".template-cards > li").Length(); n != 5 {
		t.Errorf("%d templates in the catalogue, want 5", n)
	}
	if r := c.Get(t, "/appconnect/templates/cold-chain"); r.StatusCode != http.StatusOK || !strings.Contains(r.Text("main"), "Excursion alerts") {
		t.Errorf("the template's page: %d", r.StatusCode)
	}

	d := startDraft(t, c, "cold-chain")
	// a step not reached yet sends back to the first unanswered one
	wantRedirect(t, c.Get(t, draftPath(d, "review")), draftPath(d, "setup"))

	setup := c.Get(t, draftPath(d, "setup"))
	if setup.Doc.Find(`input[name="environment"][value="sandbox"]:not([disabled])`).Length() != 1 {
		t.Errorf("the sandbox (a usable plan) cannot be chosen")
	}
	if r := c.PostForm(t, draftPath(d, "setup"), url.Values{"name": {"Riverside cold store"}, "environment": {"sandbox"}}); r.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(r.Text("#f-name-error"), "Another of your deployments") {
		t.Errorf("a name in use: %d %q", r.StatusCode, r.Text("#f-name-error"))
	}
	wantRedirect(t, c.PostForm(t, draftPath(d, "setup"), url.Values{"name": {"North depot"}, "environment": {"sandbox"}}), draftPath(d, "features"))

	if r := c.PostForm(t, draftPath(d, "features"), url.Values{"features": {"customer_portal", "bitcoin_miner"}}); r.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(r.Text(".form__error"), "“bitcoin_miner” is not a feature of Cold chain monitoring") {
		t.Errorf("a tampered feature: %d %q", r.StatusCode, r.Text(".form__error"))
	}
	wantRedirect(t, c.PostForm(t, draftPath(d, "features"), url.Values{"features": {"customer_portal"}}), draftPath(d, "parameters"))

	params := c.Get(t, draftPath(d, "parameters"))
	if v := params.Doc.Find(`input[name="p.max_temp"]`).AttrOr("value", ""); v != "8" {
		t.Errorf("max_temp starts at %q, want the default 8", v)
	}
	form := url.Values{"p.min_temp": {"2"}, "p.max_temp": {"99"}, "p.excursion_minutes": {"15"}, "p.alert_channel": {"SMS"},
		"p.report_frequency": {"Daily"}, "p.unit_label": {"Cool box"}}
	var inPlace *webtest.Response
	c.HTMX(func() { inPlace = c.PostForm(t, draftPath(d, "parameters"), form) })
	if inPlace.StatusCode != http.StatusUnprocessableEntity || strings.Contains(inPlace.Body, "<html") ||
		!strings.Contains(inPlace.Text("#f-p\\.max_temp-error"), "from -30 to 30") || inPlace.Doc.Find("form#wizard-form").Length() != 1 {
		t.Errorf("htmx, a value out of range: %d %q\n%s", inPlace.StatusCode, inPlace.Text(".field__error"), inPlace.Body)
	}
	if v := inPlace.Doc.Find(`input[name="p.unit_label"]`).AttrOr("value", ""); v != "Cool box" {
		t.Errorf("the form came back without what was typed: %q", v)
	}
	tampered := url.Values{"p.root_password": {"x"}}
	for k, v := range form {
		tampered[k] = v
	}
	tampered.Set("p.max_temp", "6")
	if r := c.PostForm(t, draftPath(d, "parameters"), tampered); r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Text(".form__error"), "“root_password”") {
		t.Errorf("a tampered parameter: %d %q", r.StatusCode, r.Text(".form__error"))
	}
	form.Set("p.max_temp", "6")
	wantRedirect(t, c.PostForm(t, draftPath(d, "parameters"), form), draftPath(d, "devices"))

	reefer, airq := designID(t, env, "Company B", "Reefer logger"), designID(t, env, "Company C", "AirQ Indoor Sensor")
	devices := c.Get(t, draftPath(d, "devices"))
	if devices.Doc.Find(`select[name="d.logger"] option[value="`+webtest.Itoa(reefer)+`"]`).Length() != 1 {
		t.Errorf("the logger does not offer the Reefer logger: %q", devices.Text("main form"))
	}
	if !strings.Contains(devices.Text(".device-slot"), "Room climate sensor does not match: it has no door_open") {
		t.Errorf("the door sensor does not say why the room sensor does not match: %q", devices.Text(".device-slot"))
	}
	if r := c.PostForm(t, draftPath(d, "devices"), url.Values{"d.logger": {webtest.Itoa(airq)}}); r.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("another company's design: %d, want 422", r.StatusCode)
	}
	wantRedirect(t, c.PostForm(t, draftPath(d, "devices"), url.Values{"d.logger": {webtest.Itoa(reefer)}}), draftPath(d, "review"))

	review := c.Get(t, draftPath(d, "review"))
	got := review.Text("#wizard-form")
	for _, want := range []string{"North depot", "Sandbox", "Customer portal", "Highest allowed temperature (°C)6", "Reefer logger (version 1)"} {
		if !strings.Contains(got, want) {
			t.Errorf("the review lacks %q: %q", want, got)
		}
	}
	if review.Doc.Find(`#wizard-form button[type=submit][disabled]`).Length() != 0 {
		t.Errorf("Deploy is disabled: %q", review.Text(".review-problems"))
	}

	r := c.PostForm(t, draftPath(d, "deploy"), nil)
	id := idIn(t, r, "/appconnect/deployments/")
	var jobs int
	if err := env.Pool.QueryRow(ctx, `SELECT count(*) FROM river_job WHERE kind = 'run_deployment' AND (args->>'run_id')::bigint = $1`, latestRun(t, env, id)).Scan(&jobs); err != nil || jobs != 1 {
		t.Errorf("%d jobs for the run, want 1 (%v)", jobs, err)
	}
	if again := c.PostForm(t, draftPath(d, "deploy"), nil); again.StatusCode != http.StatusConflict {
		t.Errorf("deploying the draft twice: %d, want 409", again.StatusCode)
	}
	page := c.Get(t, deploymentPath(id))
	if page.StatusCode != http.StatusOK || page.Doc.Find(`#deployment-progress[data-hx-get][data-hx-trigger="every 1s"]`).Length() != 1 {
		t.Fatalf("the deployment's page does not poll its progress: %d", page.StatusCode)
	}
	if got := page.Text("#progress-text"); got != "0 of 5 steps done · waiting to start…" {
		t.Errorf("before its job: %q", got)
	}
	if applied := c.Get(t, draftPath(d, "review")); !strings.Contains(applied.Text(".banner--success"), "deployed as revision 1") ||
		applied.Doc.Find("#wizard-form fieldset[disabled]").Length() != 1 {
		t.Errorf("the deployed draft's review: %q", applied.Text(".banner--success"))
	}

	runJob(t, env, id)
	done := c.Get(t, deploymentPath(id))
	if got := done.Text("#deployment-status"); got != "✓Running" {
		t.Errorf("after its job the status reads %q", got)
	}
	if done.Doc.Find("#deployment-progress[data-hx-get]").Length() != 0 || done.Text("#progress-text") != "All 5 steps done." {
		t.Errorf("after its job the progress reads %q", done.Text("#progress-text"))
	}
	if !strings.Contains(done.Text("#deployment-log"), "Start: revision 1 is running at https://north-depot-") {
		t.Errorf("the log reads %q", done.Text("#deployment-log"))
	}
	if n := auditCount(t, env, "app_deployment.create"); n != 1 {
		t.Errorf("%d audit entries of the deployment, want 1", n)
	}
}

// auditCount counts the audit entries of an action.
func auditCount(t *testing.T, env *webtest.Env, action string) int {
	t.Helper()
	var n int
	if err := env.Pool.QueryRow(context.Background(), "SELECT count(*) FROM audit_events WHERE action = $1", action).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
