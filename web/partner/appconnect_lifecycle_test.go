package partner_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"partnerportal/web/webtest"
)

// TestADeploymentIsReconfiguredStoppedAndMadeAProduct: a deployment is reconfigured into its
// revision 2 (the history keeps revision 1 and who made each), its manifests export either
// revision, it stops and starts, becomes a draft product linked back to it, and is deleted
// once its name is typed.
func TestADeploymentIsReconfiguredStoppedAndMadeAProduct(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerB)
	id := deployColdChain(t, c, "South depot")
	runJob(t, env, id)
	path := deploymentPath(id)

	c.Get(t, path)
	r := c.PostForm(t, path+"/reconfigure", nil)
	d := idIn(t, r, "/appconnect/drafts/")
	if again := c.PostForm(t, path+"/reconfigure", nil); again.Header.Get("Location") != r.Header.Get("Location") {
		t.Errorf("a second Reconfigure opens %q, not the reconfiguration begun", again.Header.Get("Location"))
	}
	features := c.Get(t, draftPath(d, "features"))
	if !strings.Contains(features.Text("h1"), "Reconfigure “South depot”") || features.Doc.Find(`input[value="door_alerts"][checked]`).Length() != 1 {
		t.Errorf("the reconfiguration does not start from revision 1: %q", features.Text("main"))
	}
	wantRedirect(t, c.PostForm(t, draftPath(d, "parameters"), url.Values{"p.min_temp": {"0"}, "p.max_temp": {"5"}, "p.excursion_minutes": {"10"},
		"p.alert_channel": {"Webhook"}, "p.report_frequency": {"Weekly"}, "p.unit_label": {"Reefer"}}), draftPath(d, "devices"))
	review := c.Get(t, draftPath(d, "review"))
	if got := review.Text("#wizard-form button[type=submit]"); got != "Apply as revision 2" {
		t.Errorf("the review's button reads %q", got)
	}
	wantRedirect(t, c.PostForm(t, draftPath(d, "deploy"), nil), path)
	if page := c.Get(t, path); page.Text("#progress-title") != "Applying revision 2" || page.Doc.Find(`#deployment-actions form[action$="/stop"]`).Length() != 0 {
		t.Errorf("while revision 2 is applied: %q, stop offered: %v", page.Text("#progress-title"), page.Doc.Find(`#deployment-actions form[action$="/stop"]`).Length() != 0)
	}
	runJob(t, env, id)
	page := c.Get(t, path)
	if got := page.Text(".revisions-table tbody"); !strings.Contains(got, "2 · Reconfigured") || !strings.Contains(got, "1 · Deployed") || strings.Count(got, "Ben Brooks") != 2 {
		t.Errorf("the history reads %q", got)
	}
	if got := page.Text("#progress-text"); got != "All 3 steps done." {
		t.Errorf("a reconfiguration runs 3 steps: %q", got)
	}
	old := c.Get(t, path+"?revision=1")
	if !strings.Contains(old.Text("main"), "An earlier revision") || !strings.Contains(old.Text("main"), "Alert channelSMS") {
		t.Errorf("revision 1 reads %q", old.Text(".card"))
	}
	if r := c.Get(t, path+"?revision=3"); r.StatusCode != http.StatusNotFound {
		t.Errorf("a revision not made: %d", r.StatusCode)
	}
	for rev, want := range map[string]string{"1": "SMS", "": "Webhook"} {
		q := ""
		if rev != "" {
			q = "?revision=" + rev
		}
		m := c.Get(t, path+"/manifest.json"+q)
		var doc struct {
			Revision struct {
				Number int `json:"number"`
			} `json:"revision"`
			Parameters []struct {
				Key   string `json:"key"`
				Value any    `json:"value"`
			} `json:"parameters"`
		}
		if err := json.Unmarshal([]byte(m.Body), &doc); err != nil || !strings.HasPrefix(m.Header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("manifest%s: %v %q", q, err, m.Header.Get("Content-Disposition"))
		}
		for _, p := range doc.Parameters {
			if p.Key == "alert_channel" && p.Value != want {
				t.Errorf("manifest%s: alert_channel %v, want %s", q, p.Value, want)
			}
			if p.Key == "min_temp" && (rev == "" && p.Value != float64(0) || rev == "1" && p.Value != float64(2)) {
				t.Errorf("manifest%s: min_temp %v (%T), want a number", q, p.Value, p.Value)
			}
		}
	}

	wantRedirect(t, c.PostForm(t, path+"/stop", nil), path)
	if got := c.Get(t, path).Text("#deployment-status"); got != "○Stopped" {
		t.Errorf("after Stop: %q", got)
	}
	if r := c.PostForm(t, path+"/stop", nil); r.StatusCode != http.StatusConflict {
		t.Errorf("stopping twice: %d, want 409", r.StatusCode)
	}
	wantRedirect(t, c.PostForm(t, path+"/start", nil), path)

	product := c.PostForm(t, path+"/product", nil)
	pid := idIn(t, product, "/products/")
	pp := c.Get(t, "/products/"+webtest.Itoa(pid))
	if pp.StatusCode != http.StatusOK || !strings.Contains(pp.Text("main"), "South depot") || !strings.Contains(pp.Text("main"), "Draft") {
		t.Errorf("the product page: %d %q", pp.StatusCode, pp.Text("h1"))
	}
	if pp.Doc.Find(`main a[href="`+path+`"]`).Length() != 1 {
		t.Errorf("the product does not link back to its deployment")
	}
	if got := c.Get(t, path).Text("#deployment-actions"); !strings.Contains(got, "Product: South depot") {
		t.Errorf("the deployment does not link its product: %q", got)
	}

	if r := c.PostForm(t, path+"/delete", url.Values{"confirm_name": {"south depot"}}); r.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a name typed wrong: %d, want 422", r.StatusCode)
	}
	wantRedirect(t, c.PostForm(t, path+"/delete", url.Values{"confirm_name": {"South depot"}}), "/appconnect")
	if r := c.Get(t, path); r.StatusCode != http.StatusNotFound {
		t.Errorf("a deleted deployment: %d", r.StatusCode)
	}
	for _, action := range []string{"app_deployment.create", "app_deployment.reconfigure", "app_deployment.stop", "app_deployment.start", "app_deployment.product", "app_deployment.delete"} {
		if n := auditCount(t, env, action); n != 1 {
			t.Errorf("%d audit entries of %s, want 1", n, action)
		}
	}
}

// TestAFailedRunSaysWhyAndIsRetried: the sandbox plan is deactivated before the job runs;
// the run fails at Validate with the reason, offers Retry, and once the plan is back the
// retry carries on from that step.
func TestAFailedRunSaysWhyAndIsRetried(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerB)
	id := deployColdChain(t, c, "West depot")
	company := env.CompanyID(t, "Company B")
	env.Exec(t, "UPDATE services SET status = 'inactive' WHERE company_id = $1 AND module = 'software' AND environment = 'sandbox'", company)
	runJob(t, env, id)
	path := deploymentPath(id)
	page := c.Get(t, path)
	if got := page.Text("#run-failure"); !strings.Contains(got, "sandbox software plan cannot be used") {
		t.Errorf("the failure reads %q", got)
	}
	if page.Text("#deployment-status") != "!Failed" || page.Doc.Find(`form[action="`+path+`/retry"]`).Length() != 1 {
		t.Fatalf("a failed run offers no retry: %q", page.Text("#deployment-status"))
	}
	if !strings.Contains(page.Text("#deployment-log"), "Validate failed:") {
		t.Errorf("the log does not tell the failure: %q", page.Text("#deployment-log"))
	}
	env.Exec(t, "UPDATE services SET status = 'active' WHERE company_id = $1 AND module = 'software' AND environment = 'sandbox'", company)
	wantRedirect(t, c.PostForm(t, path+"/retry", nil), path)
	var tries int
	if err := env.Pool.QueryRow(context.Background(), "SELECT tries FROM app_runs WHERE id = $1", latestRun(t, env, id)).Scan(&tries); err != nil || tries != 2 {
		t.Errorf("tries %d, want 2 (%v)", tries, err)
	}
	runJob(t, env, id)
	if got := c.Get(t, path).Text("#deployment-status"); got != "✓Running" {
		t.Errorf("after the retry: %q", got)
	}
	if r := c.PostForm(t, path+"/retry", nil); r.StatusCode != http.StatusConflict {
		t.Errorf("a retry with nothing failed: %d, want 409", r.StatusCode)
	}
}
