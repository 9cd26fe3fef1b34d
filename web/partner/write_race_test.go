package partner_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"partnerportal/web/webtest"
)

// A partner write is let through by the gate on the request's snapshot of the module's state.
// These tests hold a deactivation of the governing service open while the write runs: the
// write must wait for it, and once it commits be refused with nothing changed.

// writeRace is one portal for one case, with what the case reads from its database.
type writeRace struct {
	t   *testing.T
	env *webtest.Env
}

func (w writeRace) scalar(sql string, args ...any) string {
	w.t.Helper()
	var s string
	if err := w.env.Pool.QueryRow(context.Background(), sql, args...).Scan(&s); err != nil {
		w.t.Fatalf("%s: %v", sql, err)
	}
	return s
}

// product is the id of Company B's product with slug.
func (w writeRace) product(slug string) string {
	w.t.Helper()
	return w.scalar(`SELECT p.id::text FROM products p JOIN partner_companies c ON c.id = p.company_id
		WHERE c.name = 'Company B' AND p.slug = $1`, slug)
}

// productRow is everything stored of the product with id.
func (w writeRace) productRow(id string) string {
	w.t.Helper()
	return w.scalar("SELECT to_jsonb(p)::text FROM products p WHERE p.id = $1::bigint", id)
}

// listingRow is everything stored of the listing of the product with id ("none" without one).
func (w writeRace) listingRow(id string) string {
	w.t.Helper()
	return w.scalar("SELECT coalesce((SELECT to_jsonb(l)::text FROM listings l WHERE l.product_id = $1::bigint), 'none')", id)
}

// productForm is the edit form of the product with id as stored, renamed.
func (w writeRace) productForm(id string) url.Values {
	w.t.Helper()
	var f struct{ name, slug, category, price, currency, model, status, deployment, revision string }
	if err := w.env.Pool.QueryRow(context.Background(), `SELECT name, slug, category::text, price::text, currency,
		pricing_model::text, status::text, coalesce(deployment::text, ''), revision::text FROM products WHERE id = $1::bigint`, id).
		Scan(&f.name, &f.slug, &f.category, &f.price, &f.currency, &f.model, &f.status, &f.deployment, &f.revision); err != nil {
		w.t.Fatal(err)
	}
	return url.Values{"name": {f.name + " (renamed)"}, "slug": {f.slug}, "category": {f.category}, "price": {f.price},
		"currency": {f.currency}, "pricing_model": {f.model}, "status": {f.status}, "deployment": {f.deployment},
		"revision": {f.revision}}
}

// writeRaceCase is one partner write and the service whose deactivation must stop it.
type writeRaceCase struct {
	name string
	// the governing service of Company B: module, and environment for a plan
	module, environment string
	// write is the request: its path and form
	write func(w writeRace) (string, url.Values)
	// stored is what the write would change, read straight from the database
	stored func(w writeRace) string
	// refused is the answer once the deactivation has committed; body, if set, is in it
	refused int
	body    string
}

var writeRaceCases = []writeRaceCase{
	{
		name: "product update", module: "software", environment: "production",
		write: func(w writeRace) (string, url.Values) {
			id := w.product("retailflow-footfall")
			return "/products/" + id, w.productForm(id)
		},
		stored:  func(w writeRace) string { return w.productRow(w.product("retailflow-footfall")) },
		refused: http.StatusNotFound,
	},
	{
		name: "product status", module: "software", environment: "production",
		write: func(w writeRace) (string, url.Values) {
			return "/products/" + w.product("retailflow-footfall") + "/status", url.Values{"status": {"draft"}}
		},
		stored:  func(w writeRace) string { return w.productRow(w.product("retailflow-footfall")) },
		refused: http.StatusNotFound,
	},
	{
		name: "product archive", module: "software", environment: "production",
		write: func(w writeRace) (string, url.Values) {
			return "/products/" + w.product("retailflow-footfall") + "/archive", nil
		},
		stored:  func(w writeRace) string { return w.productRow(w.product("retailflow-footfall")) },
		refused: http.StatusNotFound,
	},
	{
		// the plan is the form's choice, so the refusal is the form's answer for that choice
		name: "product create", module: "software", environment: "production",
		write: func(w writeRace) (string, url.Values) {
			return "/products", url.Values{"plan": {"software:production"}, "name": {"Race Tracker"}, "slug": {"race-tracker"},
				"category": {"fleet"}, "price": {"10.00"}, "currency": {"EUR"}, "pricing_model": {"monthly"},
				"status": {"draft"}, "deployment": {"cloud"}}
		},
		stored: func(w writeRace) string {
			return w.scalar("SELECT count(*)::text FROM products WHERE slug = 'race-tracker'")
		},
		refused: http.StatusUnprocessableEntity, body: "cannot take new products right now",
	},
	{
		name: "listing copy, Solutions Hub", module: "solutions_hub",
		write: func(w writeRace) (string, url.Values) {
			return "/hub/listings/" + w.product("retailflow-footfall"), url.Values{"tagline": {"Counted while it closed"}, "highlight1": {"Raced"}}
		},
		stored:  func(w writeRace) string { return w.listingRow(w.product("retailflow-footfall")) },
		refused: http.StatusNotFound,
	},
	{
		name: "listing copy, product plan", module: "software", environment: "production",
		write: func(w writeRace) (string, url.Values) {
			return "/hub/listings/" + w.product("retailflow-footfall"), url.Values{"tagline": {"Counted while it closed"}, "highlight1": {"Raced"}}
		},
		stored:  func(w writeRace) string { return w.listingRow(w.product("retailflow-footfall")) },
		refused: http.StatusNotFound,
	},
	{
		name: "listing unpublish, Solutions Hub", module: "solutions_hub",
		write: func(w writeRace) (string, url.Values) {
			return "/hub/listings/" + w.product("retailflow-footfall") + "/publish", url.Values{"listed": {"false"}}
		},
		stored:  func(w writeRace) string { return w.listingRow(w.product("retailflow-footfall")) },
		refused: http.StatusNotFound,
	},
	{
		name: "hub profile", module: "solutions_hub",
		write: func(w writeRace) (string, url.Values) {
			return "/hub/listings/profile", url.Values{"tagline": {"Changed while it closed"}, "contact_email": {"race@company-b.example"}}
		},
		stored: func(w writeRace) string {
			return w.scalar("SELECT concat_ws('|', hub_tagline, hub_contact_email) FROM partner_companies WHERE name = 'Company B'")
		},
		refused: http.StatusNotFound,
	},
	{
		name: "support ticket", module: "support",
		write: func(w writeRace) (string, url.Values) {
			return "/support/tickets", url.Values{"subject": {"Opened while it closed"}, "priority": {"normal"}, "description": {"Raced"}}
		},
		stored: func(w writeRace) string {
			return w.scalar("SELECT count(*)::text FROM support_tickets WHERE subject = 'Opened while it closed'")
		},
		refused: http.StatusNotFound,
	},
	{
		name: "support reply", module: "support",
		write: func(w writeRace) (string, url.Values) {
			id := w.scalar(`INSERT INTO support_tickets (company_id, subject, priority, opened_by, opened_at, response_due_at, waiting_since, last_reply_at, updated_at)
				SELECT c.id, 'A ticket of Company B', 'normal', u.id, now(), now(), now(), now(), now()
				FROM partner_companies c JOIN users u ON u.company_id = c.id WHERE c.name = 'Company B' LIMIT 1 RETURNING id::text`)
			return "/support/tickets/" + id + "/replies", url.Values{"body": {"Written while it closed"}}
		},
		stored: func(w writeRace) string {
			return w.scalar("SELECT count(*)::text FROM support_messages WHERE body = 'Written while it closed'")
		},
		refused: http.StatusNotFound,
	},
	{
		name: "support resolve", module: "support",
		write: func(w writeRace) (string, url.Values) {
			id := w.scalar(`INSERT INTO support_tickets (company_id, subject, priority, opened_by, opened_at, response_due_at, waiting_since, last_reply_at, updated_at)
				SELECT c.id, 'A ticket to resolve', 'normal', u.id, now(), now(), now(), now(), now()
				FROM partner_companies c JOIN users u ON u.company_id = c.id WHERE c.name = 'Company B' LIMIT 1 RETURNING id::text`)
			return "/support/tickets/" + id + "/resolve", nil
		},
		stored: func(w writeRace) string {
			return w.scalar("SELECT count(*)::text FROM support_tickets WHERE subject = 'A ticket to resolve' AND status = 'resolved'")
		},
		refused: http.StatusNotFound,
	},
}

// TestPartnerWritesSucceedWhileUsable is the control: with nothing in the way, each write of
// writeRaceCases goes through and changes what it stores.
func TestPartnerWritesSucceedWhileUsable(t *testing.T) {
	t.Parallel()
	for _, tc := range writeRaceCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			w := writeRace{t, webtest.New(t)}
			c := w.env.SignedIn(t, webtest.PartnerB)
			before := tc.stored(w)
			path, form := tc.write(w)
			r := c.PostForm(t, path, form)
			if r.StatusCode != http.StatusSeeOther {
				t.Fatalf("POST %s: %d, want 303\n%s", path, r.StatusCode, r.Body)
			}
			if after := tc.stored(w); after == before {
				t.Errorf("POST %s answered 303 but stored nothing new: %s", path, after)
			}
		})
	}
}

// TestPartnerWritesWaitForADeactivation holds the governing service locked and set inactive,
// uncommitted, while the write runs: the write must be seen waiting for that lock, and once
// the deactivation commits it must be refused (404: inactive is hidden) with nothing changed.
func TestPartnerWritesWaitForADeactivation(t *testing.T) {
	t.Parallel()
	for _, tc := range writeRaceCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			w := writeRace{t, webtest.New(t)}
			c := w.env.SignedIn(t, webtest.PartnerB)
			path, form := tc.write(w)
			if form == nil {
				form = url.Values{}
			}
			form.Set("_csrf", c.CSRFToken())
			before := tc.stored(w)
			serviceID := w.scalar(`SELECT s.id::text FROM services s JOIN partner_companies c ON c.id = s.company_id
				WHERE c.name = 'Company B' AND s.module = $1::module_key AND s.environment IS NOT DISTINCT FROM nullif($2, '')::environment`,
				tc.module, tc.environment)

			tx, err := w.env.Pool.Begin(ctx)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = tx.Rollback(ctx) })
			var pid int32
			if err := tx.QueryRow(ctx, "SELECT pg_backend_pid()").Scan(&pid); err != nil {
				t.Fatal(err)
			}
			for _, sql := range []string{
				"SELECT 1 FROM services WHERE id = $1::bigint FOR UPDATE",
				"UPDATE services SET status = 'inactive', version = version + 1 WHERE id = $1::bigint",
			} {
				if _, err := tx.Exec(ctx, sql, serviceID); err != nil {
					t.Fatalf("%s: %v", sql, err)
				}
			}

			answered := make(chan raceAnswer, 1)
			go func() { answered <- w.post(c, path, form) }()
			w.waitBlocked(pid, answered)
			if err := tx.Commit(ctx); err != nil {
				t.Fatal(err)
			}
			var a raceAnswer
			select {
			case a = <-answered:
			case <-time.After(30 * time.Second):
				t.Fatalf("POST %s did not answer after the deactivation committed", path)
			}
			if a.err != nil {
				t.Fatalf("POST %s: %v", path, a.err)
			}
			if a.status != tc.refused || !strings.Contains(a.body, tc.body) {
				t.Errorf("POST %s after the deactivation committed: %d, want %d with %q\n%s", path, a.status, tc.refused, tc.body, a.body)
			}
			if after := tc.stored(w); after != before {
				t.Errorf("the refused POST %s changed stored data:\n  before %s\n  after  %s", path, before, after)
			}
		})
	}
}

type raceAnswer struct {
	status int
	body   string
	err    error
}

// post sends form to path as client c would, but without failing the test: it runs on a
// goroutine of its own.
func (w writeRace) post(c *webtest.Client, path string, form url.Values) raceAnswer {
	req, err := http.NewRequest(http.MethodPost, w.env.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		return raceAnswer{err: err}
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return raceAnswer{err: err}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return raceAnswer{status: resp.StatusCode, body: string(b), err: err}
}

// waitBlocked returns once a backend of the portal waits for a lock that pid holds: the write
// reached the governing service's row and is waiting there. An answer before that means the
// write never asked for the lock.
func (w writeRace) waitBlocked(pid int32, answered <-chan raceAnswer) {
	t := w.t
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		var waiting int
		if err := w.env.Pool.QueryRow(context.Background(),
			"SELECT count(*) FROM pg_stat_activity WHERE $1::integer = ANY (pg_blocking_pids(pid))", pid).Scan(&waiting); err != nil {
			t.Fatal(err)
		}
		if waiting > 0 {
			return
		}
		select {
		case a := <-answered:
			t.Fatalf("the write answered %d (%v) while the deactivation was still open: it did not wait for the service's lock",
				a.status, a.err)
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatal("the write never waited for the service's lock")
		}
	}
}
