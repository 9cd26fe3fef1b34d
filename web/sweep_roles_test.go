package web_test

import (
	"context"
	"net/http"
	"net/url"
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
			return []string{"/reset/" + token, env.MailLink(t, "sweep@example.org", "/signup/")}
		}},
	{name: "consumer", email: webtest.Consumer, start: []string{"/hub", "/cart", "/checkout", "/orders", "/purchases", "/account", "/notifications"},
		setup: func(t *testing.T, env *webtest.Env, c *webtest.Client) []string {
			fillCart(t, env, c)
			addNotice(t, env, webtest.Consumer)
			return nil
		}},
	{name: "partner", email: webtest.PartnerA, start: []string{"/services", "/services/requests", "/api-keys", "/products", "/products/new",
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
			// a product with pictures, whose page offers to remove them
			return []string{"/products/" + webtest.Itoa(env.ProductID(t, "Company A", "fleetpulse-telematics"))}
		}},
	{name: "appconnect", email: webtest.PartnerB, start: []string{"/appconnect"},
		setup: func(t *testing.T, env *webtest.Env, _ *webtest.Client) []string {
			// Company B's deployments are on /appconnect; a draft that has reached the review
			// offers every step of the wizard
			var draft int64
			if err := env.Pool.QueryRow(context.Background(), `INSERT INTO app_drafts (company_id, template_id, name, environment, features,
					reached, created_at, updated_at)
				SELECT c.id, t.id, 'Sweep deployment', 'sandbox', '{temperature_log,excursion_alerts}', 4, now(), now()
				FROM partner_companies c, app_templates t WHERE c.name = 'Company B' AND t.slug = 'cold-chain'
				RETURNING id`).Scan(&draft); err != nil {
				t.Fatal(err)
			}
			// a deployment whose last run failed offers Retry; its progress card is polled, not linked
			var deployment int64
			if err := env.Pool.QueryRow(context.Background(), `SELECT d.id FROM app_deployments d JOIN partner_companies c ON c.id = d.company_id
				WHERE c.name = 'Company B' AND d.name = 'HQ comfort monitor'`).Scan(&deployment); err != nil {
				t.Fatal(err)
			}
			env.Exec(t, `UPDATE app_runs SET status = 'failed', failure = 'The plan can no longer be used.', finished_at = now()
				WHERE id = (SELECT max(id) FROM app_runs WHERE deployment_id = $1)`, deployment)
			env.Exec(t, `UPDATE app_run_steps SET status = 'failed' WHERE position = 1 AND run_id = (SELECT max(id) FROM app_runs WHERE deployment_id = $1)`, deployment)
			env.Exec(t, `UPDATE app_deployments SET status = 'failed' WHERE id = $1`, deployment)
			pages := []string{"/appconnect/deployments/" + webtest.Itoa(deployment), "/appconnect/deployments/" + webtest.Itoa(deployment) + "/progress"}
			for _, step := range []string{"setup", "features", "parameters", "devices", "review"} {
				pages = append(pages, "/appconnect/drafts/"+webtest.Itoa(draft)+"/"+step)
			}
			return pages
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
