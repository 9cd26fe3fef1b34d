package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"partnerportal/db"
	"partnerportal/web/auth"
	"partnerportal/web/webtest"
)

// sweepRoles are the audiences the sweep signs in as, each at the pages it starts from, with
// what it needs first so that every form of its pages shows.
var sweepRoles = []sweepRole{
	{name: "visitor", start: []string{"/", "/hub", "/login", "/signup", "/password/forgot", "/cart"},
		setup: func(t *testing.T, env *webtest.Env, c *webtest.Client) []string {
			fillCart(t, env, c)
			// a password link, so the page that sets a new password shows its form
			token := auth.NewToken()
			env.Exec(t, `INSERT INTO password_reset_tokens (token_hash, user_id, created_by, created_at, expires_at)
				SELECT $1, id, id, $2, $3 FROM users WHERE email = $4`, auth.TokenHash(token), env.Clock.Now(), env.Clock.Now().Add(time.Hour), webtest.Consumer)
			// and a link that finishes a sign-up
			c.Get(t, "/signup")
			c.PostForm(t, "/signup", url.Values{"email": {"sweep@example.org"}})
			// and an invitation to Company A's team
			invitation := auth.NewToken()
			env.Exec(t, `INSERT INTO team_invitations (company_id, email, token_hash, invited_by, created_at, expires_at)
				SELECT company_id, 'invited@company-a.example', $1, id, $2, $3 FROM users WHERE email = $4`,
				auth.TokenHash(invitation), env.Clock.Now(), env.Clock.Now().Add(time.Hour), webtest.PartnerA)
			// and a link that confirms a customer's new address
			change := auth.NewToken()
			env.Exec(t, `INSERT INTO email_change_tokens (token_hash, user_id, new_email, created_at, expires_at)
				SELECT $1, id, 'sweep.new@example.org', $2, $3 FROM users WHERE email = $4`, auth.TokenHash(change), env.Clock.Now(), env.Clock.Now().Add(time.Hour), webtest.Consumer)
			return []string{"/reset/" + token, env.MailLink(t, "sweep@example.org", "/signup/"), "/invite/" + invitation, "/account/email/" + change}
		}},
	{name: "consumer", email: webtest.Consumer, start: []string{"/hub", "/cart", "/checkout", "/orders", "/purchases", "/account", "/notifications"},
		setup: func(t *testing.T, env *webtest.Env, c *webtest.Client) []string {
			fillCart(t, env, c)
			addNotice(t, env, webtest.Consumer)
			// a second browser signed in, which the account page offers to sign out
			env.SignedIn(t, webtest.Consumer)
			return nil
		}},
	{name: "partner", email: webtest.PartnerA, start: []string{"/services", "/services/requests", "/api-keys", "/team", "/products", "/products/new",
		"/devlab", "/hub/listings", "/account", "/notifications"},
		setup: func(t *testing.T, env *webtest.Env, c *webtest.Client) []string {
			a := env.CompanyID(t, "Company A")
			for _, m := range []string{"solutions_hub", "support", "expressconnect", "appconnect", "devlab"} {
				env.SetModuleState(t, a, m, "active")
			}
			c.Get(t, "/api-keys")
			c.CreateAPIKey(t, "Sweep", "sandbox")
			c.Get(t, "/devlab")
			if r := c.PostForm(t, "/devlab/devices", url.Values{"module": {"software"}, "device_name": {"Sweep device"}}); r.StatusCode >= 400 {
				t.Fatalf("register a DevLab device: %d", r.StatusCode)
			}
			addNotice(t, env, webtest.PartnerA)
			// a colleague on the team, whom the team page offers to make owner or remove, and an
			// invitation waiting, which it offers to revoke
			c.Get(t, "/team")
			for _, email := range []string{"colleague@company-a.example", "waiting@company-a.example"} {
				if r := c.PostForm(t, "/team/invitations", url.Values{"email": {email}}); r.StatusCode != http.StatusOK {
					t.Fatalf("invite %s: %d", email, r.StatusCode)
				}
			}
			colleague := env.Client(t)
			link := env.MailLink(t, "colleague@company-a.example", "/invite/")
			colleague.Get(t, link)
			if r := colleague.PostForm(t, link, url.Values{"name": {"Sweep Colleague"}, "password": {"a long enough password"}}); r.StatusCode != http.StatusSeeOther {
				t.Fatalf("join the team: %d", r.StatusCode)
			}
			// and a product with pictures, whose page offers to remove them
			return append(appConnectPages(t, env, c, a), "/products/"+webtest.Itoa(env.ProductID(t, "Company A", "fleetpulse-telematics")))
		}},
	{name: "admin", email: webtest.Admin, start: []string{"/admin", "/admin/renewals", "/admin/audit", "/admin/companies", "/admin/users",
		"/admin/outbox", "/admin/jobs", "/account", "/notifications"},
		setup: func(t *testing.T, env *webtest.Env, _ *webtest.Client) []string {
			// a renewal request to answer, a job and a message to look at
			hub, _ := env.Service(t, "Company A", "solutions_hub", "")
			p := env.SignedIn(t, webtest.PartnerA)
			p.Get(t, "/services")
			if r := p.PostForm(t, "/services/"+webtest.Itoa(hub)+"/renewal-requests", url.Values{"term_months": {"6"}}); r.StatusCode != http.StatusSeeOther {
				t.Fatalf("request renewal: %d", r.StatusCode)
			}
			// and a top-up request
			sandbox, _ := env.Service(t, "Company A", "software", "sandbox")
			if r := p.PostForm(t, "/services/"+webtest.Itoa(sandbox)+"/topup-requests", url.Values{"metric": {"messages"}, "amount": {"50"}}); r.StatusCode != http.StatusSeeOther {
				t.Fatalf("request a top-up: %d", r.StatusCode)
			}
			ctx := context.Background()
			if err := db.Transact(ctx, env.Pool, func(q *db.Queries) error { return env.Jobs.Deliver(ctx, q) }); err != nil {
				t.Fatal(err)
			}
			// and an e-mail in the outbox
			visitor := env.Client(t)
			visitor.Get(t, "/password/forgot")
			visitor.PostForm(t, "/password/forgot", url.Values{"email": {webtest.PartnerB}})
			// and a failed one, which the jobs page offers to retry
			env.Exec(t, `INSERT INTO river_job (kind, args, queue, state, max_attempts, attempt, attempted_at, finalized_at)
				SELECT kind, args, queue, 'discarded', max_attempts, 1, now(), now() FROM river_job LIMIT 1`)
			addNotice(t, env, webtest.Admin)
			return nil
		}},
}

// fillCart puts a listing that can be bought in c's cart.
func fillCart(t *testing.T, env *webtest.Env, c *webtest.Client) {
	t.Helper()
	c.Get(t, "/hub")
	id := env.ProductID(t, "Company B", "retailflow-footfall")
	if r := c.PostForm(t, "/cart/items", url.Values{"product_id": {webtest.Itoa(id)}, "quantity": {"2"}}); r.StatusCode >= 400 {
		t.Fatalf("add to cart: %d", r.StatusCode)
	}
}

// addNotice gives the user an unread notice, so the bell's page has one to mark read.
func addNotice(t *testing.T, env *webtest.Env, email string) {
	t.Helper()
	env.Exec(t, `INSERT INTO notifications (user_id, topic, title, body, link, created_at)
		SELECT id, 'changes', 'A notice', 'Something happened.', '/account', $2 FROM users WHERE email = $1`, email, env.Clock.Now())
}

// appConnectPages gives Company A deployments in each state a page has controls for (Company
// B's demo ones: running, stopped, and one made to have failed), one being deployed, and a
// draft walked to its review, and returns their pages: the crawl visits three pages of a
// route, so these come first.
func appConnectPages(t *testing.T, env *webtest.Env, c *webtest.Client, companyA int64) []string {
	t.Helper()
	b := env.CompanyID(t, "Company B")
	env.Exec(t, `UPDATE app_deployments SET company_id = $1, product_id = NULL WHERE company_id = $2`, companyA, b)
	env.Exec(t, `WITH d AS (SELECT id FROM app_deployments WHERE company_id = $1 AND status = 'running' ORDER BY id LIMIT 1),
		failed AS (UPDATE app_deployments SET status = 'failed' WHERE id IN (SELECT id FROM d))
		UPDATE app_runs SET status = 'failed', failure = 'The configure step could not reach the sandbox.'
		WHERE id = (SELECT max(r.id) FROM app_runs r WHERE r.deployment_id IN (SELECT id FROM d))`, companyA)
	var pages []string
	for _, status := range []string{"running", "failed", "stopped"} {
		var id int64
		if err := env.Pool.QueryRow(context.Background(), `SELECT min(id) FROM app_deployments WHERE company_id = $1 AND status = $2`,
			companyA, status).Scan(&id); err != nil {
			t.Fatalf("a %s deployment: %v", status, err)
		}
		pages = append(pages, "/appconnect/deployments/"+webtest.Itoa(id))
	}
	c.Get(t, "/appconnect")
	steps := []struct {
		name string
		form url.Values
	}{
		{"setup", url.Values{"name": {"Sweep cold chain"}, "environment": {"sandbox"}}},
		{"features", url.Values{"features": {"door_alerts"}}},
		{"parameters", url.Values{"p.min_temp": {"2"}, "p.max_temp": {"8"}, "p.excursion_minutes": {"10"},
			"p.alert_channel": {"SMS"}, "p.report_frequency": {"Weekly"}, "p.unit_label": {"Reefer"}}},
		{"devices", url.Values{}},
	}
	for _, deploy := range []bool{true, false} {
		r := c.PostForm(t, "/appconnect/drafts", url.Values{"template": {"cold-chain"}})
		if r.StatusCode != http.StatusSeeOther {
			t.Fatalf("start a draft: %d", r.StatusCode)
		}
		draft := strings.TrimSuffix(r.Header.Get("Location"), "/setup")
		steps[0].form.Set("name", fmt.Sprintf("Sweep cold chain %v", deploy))
		for _, step := range steps {
			if r := c.PostForm(t, draft+"/"+step.name, step.form); r.StatusCode != http.StatusSeeOther {
				t.Fatalf("draft, step %s: %d", step.name, r.StatusCode)
			}
		}
		if !deploy {
			for _, step := range []string{"setup", "features", "parameters", "devices", "review"} {
				pages = append(pages, draft+"/"+step)
			}
			continue
		}
		// deploying: its job is not worked here, so its progress is there to poll
		r = c.PostForm(t, draft+"/deploy", url.Values{})
		if r.StatusCode != http.StatusSeeOther {
			t.Fatalf("deploy: %d", r.StatusCode)
		}
		pages = append(pages, r.Header.Get("Location")+"/progress")
	}
	return pages
}
