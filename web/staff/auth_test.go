package staff_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"partnerportal/db"
	"partnerportal/web/webtest"
)

// adminScopes says, for every /admin route, who may use it: "staff" lists (every staff
// member, each seeing their own companies), "company" pages and actions of one partner (its
// account manager and admins), "admin" administration. A new /admin route fails the test
// below until it is classified here, and then until it answers as its class says.
var adminScopes = []struct {
	pattern *regexp.Regexp
	scope   string
}{
	{regexp.MustCompile(`^/admin(/renewals|/audit|/audit\.csv|/support)?$`), "staff"},
	{regexp.MustCompile(`^/admin/partners/:id(/|$)`), "company"},
	{regexp.MustCompile(`^/admin/renewals/:rid/`), "company"},
	{regexp.MustCompile(`^/admin/topups/:topup/`), "company"},
	{regexp.MustCompile(`^/admin/support/:tid(/|$)`), "company"},
	{regexp.MustCompile(`^/admin/(companies|users|outbox|jobs|templates)(/|$)`), "admin"},
}

func adminScope(path string) string {
	for _, s := range adminScopes {
		if s.pattern.MatchString(path) {
			return s.scope
		}
	}
	return ""
}

// TestEveryAdminRouteIsProtected walks the router's table: every /admin route, as every kind
// of caller, against Company A. Allowed callers get the page or their form handled; anyone
// else gets 404 (anonymous callers are sent to sign in), and no refused answer names
// Company A.
func TestEveryAdminRouteIsProtected(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ctx := context.Background()
	a := env.CompanyID(t, "Company A")
	hub, _ := env.Service(t, "Company A", "solutions_hub", "")
	support, _ := env.Service(t, "Company A", "support", "")
	request := requestRenewal(t, env, support, "6", "")
	// an open top-up request on Company A's sandbox plan, whose history the plan routes show
	plan, _ := env.Service(t, "Company A", "software", "sandbox")
	var topup int64
	if err := env.Pool.QueryRow(ctx, `INSERT INTO topup_requests (service_id, term_id, metric, amount, requested_by, created_at)
		SELECT s.id, (SELECT max(t.id) FROM service_terms t WHERE t.service_id = s.id), 'messages', 100, u.id, now()
		FROM services s, users u WHERE s.id = $1 AND u.email = $2 RETURNING id`, plan, webtest.PartnerA).Scan(&topup); err != nil {
		t.Fatal(err)
	}
	// something of Company A in the audit trail, for the lists to (not) show
	am := env.SignedIn(t, webtest.AccountManager)
	am.Get(t, "/admin")
	if r := am.PostForm(t, servicePath(a, hub, "renew"), form("version", webtest.Itoa(int64(version(t, env, hub))), "term_months", "3", "cap_percent", "0")); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("renew: %d", r.StatusCode)
	}
	var userID int64
	if err := env.Pool.QueryRow(ctx, `INSERT INTO users (email, name, password_hash, role, company_id)
		VALUES ('spare@company-a.example', 'Spare User', 'x', 'partner', $1) RETURNING id`, a).Scan(&userID); err != nil {
		t.Fatal(err)
	}
	// a job waiting in the queue (nothing works it here) and a message in the outbox
	if err := db.Transact(ctx, env.Pool, func(q *db.Queries) error { return env.Jobs.Deliver(ctx, q) }); err != nil {
		t.Fatal(err)
	}
	var jobID, mailID int64
	if err := env.Pool.QueryRow(ctx, `SELECT max(id) FROM river_job`).Scan(&jobID); err != nil {
		t.Fatal(err)
	}
	if err := env.Pool.QueryRow(ctx, `INSERT INTO mail_messages (dedupe_key, to_address, kind, subject, text_body, html_body, status, created_at)
		VALUES ('test', 'a@company-a.example', 'changes', 'Subject', 'Text', '<p>HTML</p>', 'kept', now()) RETURNING id`).Scan(&mailID); err != nil {
		t.Fatal(err)
	}
	// Company A's demo ticket with a file, and its first device design
	var ticketID, fileID, designID int64
	if err := env.Pool.QueryRow(ctx, `SELECT a.ticket_id, a.id FROM support_attachments a JOIN support_tickets t ON t.id = a.ticket_id
		WHERE t.company_id = $1 ORDER BY a.id LIMIT 1`, a).Scan(&ticketID, &fileID); err != nil {
		t.Fatal(err)
	}
	if err := env.Pool.QueryRow(ctx, `SELECT min(id) FROM device_designs WHERE company_id = $1`, a).Scan(&designID); err != nil {
		t.Fatal(err)
	}
	// an AppConnect deployment of Company A's (which the demo does not give it), and a template
	var deploymentID, templateID int64
	if err := env.Pool.QueryRow(ctx, `WITH t AS (SELECT id, version FROM app_templates WHERE slug = 'cold-chain'),
		d AS (INSERT INTO app_deployments (company_id, template_id, name, environment, created_at, updated_at)
			SELECT $1, id, 'Gate deployment', 'sandbox', now(), now() FROM t RETURNING id),
		r AS (INSERT INTO app_revisions (deployment_id, revision, template_version, note, made_at)
			SELECT d.id, 1, t.version, 'Deployed', now() FROM d, t RETURNING deployment_id)
		INSERT INTO app_runs (deployment_id, revision, kind, created_at) SELECT deployment_id, 1, 'deploy', now() FROM r
		RETURNING deployment_id, (SELECT id FROM t)`, a).Scan(&deploymentID, &templateID); err != nil {
		t.Fatal(err)
	}
	params := map[string]string{":id": webtest.Itoa(a), ":sid": webtest.Itoa(hub), ":rid": webtest.Itoa(request), ":uid": webtest.Itoa(userID),
		":jid": webtest.Itoa(jobID), ":mid": webtest.Itoa(mailID), ":tid": webtest.Itoa(ticketID), ":aid": webtest.Itoa(fileID),
		":did": webtest.Itoa(designID), ":dep": webtest.Itoa(deploymentID), ":tpl": webtest.Itoa(templateID),
		":topup": webtest.Itoa(topup), ":plan": webtest.Itoa(plan)}

	anonymous := env.Client(t)
	anonymous.Get(t, "/login")
	callers := []struct {
		name string
		c    *webtest.Client
		// may maps a scope to whether this caller may use it
		may map[string]bool
	}{
		{"admin", env.SignedIn(t, webtest.Admin), map[string]bool{"staff": true, "company": true, "admin": true}},
		{"own account manager", am, map[string]bool{"staff": true, "company": true}},
		{"other account manager", env.SignedIn(t, webtest.AccountManager2), map[string]bool{"staff": true}},
		{"partner of another company", env.SignedIn(t, webtest.PartnerC), nil},
		{"consumer", env.SignedIn(t, webtest.Consumer), nil},
		{"anonymous", anonymous, nil},
	}
	for _, c := range callers {
		c.c.Get(t, "/") // a CSRF cookie for the posts
	}

	checked := 0
	for _, route := range env.App.Routes() {
		method, path, _ := strings.Cut(route, " ")
		if (path != "/admin" && !strings.HasPrefix(path, "/admin/")) || (method != http.MethodGet && method != http.MethodPost) {
			continue
		}
		scope := adminScope(path)
		if scope == "" {
			t.Errorf("%s is not classified in adminScopes: say who may use it", route)
			continue
		}
		target := path
		for _, seg := range strings.Split(path, "/") {
			if strings.HasPrefix(seg, ":") {
				v, ok := params[seg]
				if !ok {
					t.Fatalf("%s: no test value for %s", route, seg)
				}
				target = strings.Replace(target, seg, v, 1)
			}
		}
		checked++
		for _, c := range callers {
			t.Run(c.name+" "+method+" "+path, func(t *testing.T) {
				var r *webtest.Response
				if method == http.MethodGet {
					r = c.c.Get(t, target)
				} else {
					r = c.c.PostForm(t, target, url.Values{})
				}
				allowed := c.may[scope]
				switch {
				case c.c == anonymous:
					if r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/login?next=") {
						t.Errorf("%d to %q, want 303 to sign in", r.StatusCode, r.Header.Get("Location"))
					}
				case !allowed:
					if r.StatusCode != http.StatusNotFound {
						t.Errorf("%d, want 404", r.StatusCode)
					}
				case method == http.MethodGet:
					if r.StatusCode != http.StatusOK {
						t.Errorf("%d, want 200", r.StatusCode)
					}
				default:
					// an empty form: handled (refused as invalid, or done), never hidden
					switch r.StatusCode {
					case http.StatusOK, http.StatusSeeOther, http.StatusConflict, http.StatusUnprocessableEntity:
					default:
						t.Errorf("%d, want the form handled", r.StatusCode)
					}
				}
				// The flash area may carry a confirmation of the caller's own earlier action (which
				// names its company); what the answer itself shows must not.
				r.Doc.Find("#flash").Remove()
				if page, _ := r.Doc.Html(); (!allowed || scope == "staff" && c.name == "other account manager") && strings.Contains(page, "Company A") {
					t.Errorf("the answer names Company A")
				}
				if allowed && r.StatusCode < 300 && r.Header.Get("Cache-Control") != "no-store" {
					t.Errorf("Cache-Control %q, want no-store", r.Header.Get("Cache-Control"))
				}
			})
		}
	}
	if checked < 15 {
		t.Errorf("only %d /admin routes checked; is the route table read right?", checked)
	}
}
