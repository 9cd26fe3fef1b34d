package partner_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"partnerportal/web/webtest"
)

// idIn reads the number after prefix in a redirect's Location.
func idIn(t *testing.T, r *webtest.Response, prefix string) int64 {
	t.Helper()
	loc := r.Header.Get("Location")
	if loc == "" {
		loc = r.Header.Get("HX-Redirect")
	}
	rest, ok := strings.CutPrefix(loc, prefix)
	if !ok {
		t.Fatalf("%d to %q, want a redirect under %s\n%s", r.StatusCode, loc, prefix, r.Text(".form__error, .field__error, .error-page"))
	}
	id, err := strconv.ParseInt(strings.SplitN(rest, "/", 2)[0], 10, 64)
	if err != nil {
		t.Fatalf("redirect %q: %v", loc, err)
	}
	return id
}

// wantRedirect fails unless r sends the browser to want.
func wantRedirect(t *testing.T, r *webtest.Response, want string) {
	t.Helper()
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != want {
		t.Fatalf("%d to %q, want 303 to %s\n%s", r.StatusCode, r.Header.Get("Location"), want, r.Text(".form__error, .field__error, .error-page"))
	}
}

// startDraft starts the wizard on template slug and returns the draft's id.
func startDraft(t *testing.T, c *webtest.Client, slug string) int64 {
	t.Helper()
	c.Get(t, "/appconnect")
	return idIn(t, c.PostForm(t, "/appconnect/drafts", url.Values{"template": {slug}}), "/appconnect/drafts/")
}

func draftPath(id int64, step string) string {
	return "/appconnect/drafts/" + webtest.Itoa(id) + "/" + step
}

// deployColdChain walks the wizard on the cold chain template with its defaults, named name
// in the sandbox, and returns the new deployment's id.
func deployColdChain(t *testing.T, c *webtest.Client, name string) int64 {
	t.Helper()
	d := startDraft(t, c, "cold-chain")
	wantRedirect(t, c.PostForm(t, draftPath(d, "setup"), url.Values{"name": {name}, "environment": {"sandbox"}}), draftPath(d, "features"))
	wantRedirect(t, c.PostForm(t, draftPath(d, "features"), url.Values{"features": {"door_alerts"}}), draftPath(d, "parameters"))
	wantRedirect(t, c.PostForm(t, draftPath(d, "parameters"), url.Values{"p.min_temp": {"2"}, "p.max_temp": {"8"}, "p.excursion_minutes": {"10"},
		"p.alert_channel": {"SMS"}, "p.report_frequency": {"Weekly"}, "p.unit_label": {"Reefer"}}), draftPath(d, "devices"))
	wantRedirect(t, c.PostForm(t, draftPath(d, "devices"), url.Values{}), draftPath(d, "review"))
	return idIn(t, c.PostForm(t, draftPath(d, "deploy"), nil), "/appconnect/deployments/")
}

// latestRun is a deployment's latest run.
func latestRun(t *testing.T, env *webtest.Env, deployment int64) int64 {
	t.Helper()
	var id int64
	if err := env.Pool.QueryRow(context.Background(), "SELECT max(id) FROM app_runs WHERE deployment_id = $1", deployment).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// runJob works a deployment's latest run at once, as its job would.
func runJob(t *testing.T, env *webtest.Env, deployment int64) {
	t.Helper()
	if err := env.Jobs.RunDeployment(context.Background(), latestRun(t, env, deployment)); err != nil {
		t.Fatal(err)
	}
}

// designID is the id of a demo company's design.
func designID(t *testing.T, env *webtest.Env, company, name string) int64 {
	t.Helper()
	var id int64
	if err := env.Pool.QueryRow(context.Background(), `SELECT d.id FROM device_designs d JOIN partner_companies c ON c.id = d.company_id
		WHERE c.name = $1 AND d.name = $2`, company, name).Scan(&id); err != nil {
		t.Fatalf("design %s/%s: %v", company, name, err)
	}
	return id
}

func deploymentPath(id int64) string { return "/appconnect/deployments/" + webtest.Itoa(id) }
