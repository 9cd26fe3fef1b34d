package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"partnerportal/web/ui"
	"partnerportal/web/webtest"
)

// setAreaState gives a company's services of the area's modules the wanted state, replacing
// what it had. Metered modules get a production plan.
func setAreaState(t *testing.T, env *webtest.Env, companyID int64, area *ui.Area, state string) {
	t.Helper()
	for _, m := range area.Modules {
		env.SetModuleState(t, companyID, string(m), state)
	}
}

func TestEveryModuleRouteDeclaresItsArea(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	declared := map[string]bool{}
	for _, r := range env.App.ModuleRoutes() {
		declared[r.Method+" "+r.Path] = true
	}
	for _, route := range env.App.Routes() {
		_, path, _ := strings.Cut(route, " ")
		for _, a := range ui.Areas {
			if (path == a.Path || strings.HasPrefix(path, a.Path+"/")) && !declared[route] {
				t.Errorf("%s is under %s but does not declare its module area", route, a.Name)
			}
		}
	}
	for _, a := range ui.Areas {
		if !declared["GET "+a.Path] {
			t.Errorf("area %s has no landing page at %s", a.Name, a.Path)
		}
	}
}

// TestModuleRoutesFollowTheState walks every declared module route in every state.
func TestModuleRoutesFollowTheState(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ctx := context.Background()
	var companyB int64
	if err := env.Pool.QueryRow(ctx, "SELECT id FROM partner_companies WHERE name = 'Company B'").Scan(&companyB); err != nil {
		t.Fatal(err)
	}
	c := env.SignedIn(t, webtest.PartnerB)
	// Routes about one thing (/products/:id) are walked with Company B's production software
	// product: the plan setAreaState changes.
	product := webtest.Itoa(env.ProductID(t, "Company B", "retailflow-footfall"))
	// Support's routes about a ticket (:tid) and its file (:aid) are walked with a ticket of
	// Company B's that has a file.
	var ticket, file string
	if err := env.Pool.QueryRow(ctx, `WITH t AS (
			INSERT INTO support_tickets (company_id, subject, priority, opened_by, opened_at, response_due_at, waiting_since, last_reply_at, updated_at)
			SELECT $1, 'Gated ticket', 'normal', u.id, now(), now(), now(), now(), now() FROM users u WHERE u.company_id = $1 LIMIT 1
			RETURNING id, opened_by),
		m AS (INSERT INTO support_messages (ticket_id, author_id, body, created_at) SELECT id, opened_by, 'Help', now() FROM t RETURNING id, ticket_id)
		INSERT INTO support_attachments (message_id, ticket_id, filename, content_type, size, data, created_at)
		SELECT id, ticket_id, 'note.txt', 'text/plain; charset=utf-8', 5, 'hello', now() FROM m
		RETURNING ticket_id::text, id::text`, companyB).Scan(&ticket, &file); err != nil {
		t.Fatal(err)
	}
	// ExpressConnect's routes about one design are walked with a design of Company B's.
	var design int64
	if err := env.Pool.QueryRow(ctx, `WITH d AS (
			INSERT INTO device_designs (company_id, name, created_at, updated_at) VALUES ($1, 'Gate sensor', now(), now()) RETURNING id)
		INSERT INTO device_design_versions (design_id, version, name, protocol, authentication, model, saved_at)
		SELECT id, 1, 'Gate sensor', 'mqtt', 'x509', '{"attributes": [], "commands": [], "properties": [], "flows": []}', now() FROM d
		RETURNING design_id`, companyB).Scan(&design); err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{"expressconnect": webtest.Itoa(design)}
	// a picture of the product, for the routes about one picture (:pid)
	var picture string
	if err := env.Pool.QueryRow(ctx, "SELECT min(id)::text FROM pictures WHERE product_id::text = $1", product).Scan(&picture); err != nil {
		t.Fatal(err)
	}
	// AppConnect's routes are walked with Company B's demo deployment, a draft of its own that
	// has reached the review (put back before each route: deploying or discarding it uses it
	// up) and the cold chain template.
	var deployment, draft int64
	if err := env.Pool.QueryRow(ctx, `SELECT id FROM app_deployments WHERE company_id = $1 AND name = 'Riverside cold store'`, companyB).Scan(&deployment); err != nil {
		t.Fatal(err)
	}
	if err := env.Pool.QueryRow(ctx, `INSERT INTO app_drafts (company_id, template_id, name, environment, features, reached, created_at, updated_at)
		SELECT $1, id, 'Gate deployment', 'sandbox', '{temperature_log,excursion_alerts}', 4, now(), now() FROM app_templates WHERE slug = 'cold-chain'
		RETURNING id`, companyB).Scan(&draft); err != nil {
		t.Fatal(err)
	}
	ids["appconnect"] = webtest.Itoa(deployment)
	resetAppConnect := func() {
		env.Exec(t, `INSERT INTO app_drafts (id, company_id, template_id, name, environment, features, reached, created_at, updated_at)
			OVERRIDING SYSTEM VALUE
			SELECT $1, $2, id, 'Gate deployment', 'sandbox', '{temperature_log,excursion_alerts}', 4, now(), now() FROM app_templates WHERE slug = 'cold-chain'
			ON CONFLICT (id) DO UPDATE SET applied_at = NULL, applied_deployment_id = NULL, applied_revision = NULL`, draft, companyB)
		env.Exec(t, "UPDATE app_deployments SET deleted_at = NULL WHERE id = $1", deployment)
	}
	// what a write could touch, to show a refused one changed nothing
	stored := func() string {
		var s string
		if err := env.Pool.QueryRow(ctx, `SELECT concat_ws('|', c.hub_tagline, c.hub_contact_email,
			(SELECT count(*) FROM renewal_requests), (SELECT string_agg(s.version::text, ',' ORDER BY s.id) FROM services s),
			(SELECT string_agg(concat_ws(',', p.id, p.revision, p.archived_at), ';' ORDER BY p.id) FROM products p),
			(SELECT string_agg(concat_ws(',', l.product_id, l.tagline, l.highlights::text, l.listed_at, l.updated_at), ';' ORDER BY l.product_id) FROM listings l),
			(SELECT string_agg(concat_ws(',', t.id, t.status, t.updated_at), ';' ORDER BY t.id) FROM support_tickets t),
			(SELECT count(*) FROM support_messages), (SELECT count(*) FROM support_attachments),
			(SELECT string_agg(concat_ws(',', d.id, d.name, d.version, (SELECT count(*) FROM device_design_versions v WHERE v.design_id = d.id)), ';' ORDER BY d.id)
				FROM device_designs d),
			(SELECT string_agg(concat_ws(',', d.id, d.status, d.revision, d.deleted_at, d.product_id), ';' ORDER BY d.id) FROM app_deployments d),
			(SELECT string_agg(concat_ws(',', d.id, d.reached, d.applied_at), ';' ORDER BY d.id) FROM app_drafts d),
			(SELECT count(*) FROM app_runs), (SELECT count(*) FROM app_deployment_log))
			FROM partner_companies c WHERE c.id = $1`, companyB).Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	states := []string{"none", "inactive", "scheduled", "active", "grace", "expired", "exhausted"}
	for _, area := range ui.Areas {
		for _, state := range states {
			metered := area.Modules[0] == "software" || area.Modules[0] == "hardware"
			if state == "exhausted" && !metered {
				continue // only plans have quotas
			}
			t.Run(area.Key+"/"+state, func(t *testing.T) {
				setAreaState(t, env, companyB, area, state)
				hidden := state == "none" || state == "inactive" || state == "scheduled"
				readOnly := state == "expired" || state == "exhausted"
				nav := c.Get(t, "/services").Text("nav.main-nav")
				if strings.Contains(nav, area.Name) == hidden {
					t.Errorf("navigation %q: %s shown=%v, want %v", nav, area.Name, !hidden, !hidden)
				}
				for _, route := range env.App.ModuleRoutes() {
					if route.Area != area {
						continue
					}
					id := product
					if v, ok := ids[area.Key]; ok {
						id = v
					}
					path := strings.NewReplacer(":id", id, ":tid", ticket, ":aid", file, ":draft", webtest.Itoa(draft), ":tpl", "cold-chain", ":pid", picture).Replace(route.Path)
					resetAppConnect()
					// a usable state may have archived the product, or taken it back to draft, on an
					// earlier route; the Hub listing routes need it published
					if _, err := env.Pool.Exec(ctx, "UPDATE products SET archived_at = NULL, status = 'published' WHERE id = $1", product); err != nil {
						t.Fatal(err)
					}
					if route.Method == http.MethodGet {
						checkGet(t, c, path, hidden, readOnly)
						continue
					}
					// an area names itself in the message; a product names its plan
					readOnlyText := area.Name + " is read-only"
					if route.PerPlan {
						readOnlyText = "plan is read-only"
					}
					before := stored()
					form := url.Values{"tagline": {"Changed by a refused write"}, "name": {"Changed by a refused write"}, "status": {"draft"},
						"highlight1": {"Changed by a refused write"}, "listed": {"false"}}
					plain := c.PostForm(t, path, form)
					c.Header.Set("HX-Request", "true")
					htmx := c.PostForm(t, path, form)
					c.Header.Del("HX-Request")
					switch {
					case hidden:
						if plain.StatusCode != http.StatusNotFound || htmx.StatusCode != http.StatusNotFound {
							t.Errorf("%s %s: %d / htmx %d, want 404", route.Method, route.Path, plain.StatusCode, htmx.StatusCode)
						}
					case readOnly:
						if htmx.StatusCode != http.StatusForbidden || !strings.Contains(htmx.Body, readOnlyText) {
							t.Errorf("htmx %s %s: %d %q, want 403 with the read-only message", route.Method, route.Path, htmx.StatusCode, htmx.Body)
						}
						if plain.StatusCode != http.StatusSeeOther {
							t.Errorf("%s %s: %d, want a redirect with the message", route.Method, route.Path, plain.StatusCode)
						}
						if flash := c.Get(t, plain.Header.Get("Location")).Text("#flash"); !strings.Contains(flash, readOnlyText) {
							t.Errorf("after the refused %s %s the flash says %q", route.Method, route.Path, flash)
						}
					default:
						if plain.StatusCode == http.StatusNotFound || plain.StatusCode == http.StatusForbidden {
							t.Errorf("%s %s while %s: %d", route.Method, route.Path, state, plain.StatusCode)
						}
					}
					if hidden || readOnly {
						if after := stored(); after != before {
							t.Errorf("a refused %s %s changed stored data: %s → %s", route.Method, route.Path, before, after)
						}
					}
				}
			})
		}
	}
	t.Run("devlab/sandbox plan exhausted", func(t *testing.T) {
		env.SetModuleState(t, companyB, "devlab", "active")
		// the walk above left Company B one software plan, used up; DevLab sends to sandbox plans
		env.SetModuleState(t, companyB, "software", "exhausted")
		env.Exec(t, `UPDATE services SET environment = 'sandbox' WHERE company_id = $1 AND module = 'software'`, companyB)
		r := c.Get(t, "/devlab")
		checkDisabledControlsSayWhy(t, "/devlab", r)
		for _, button := range []string{"Send", "Register device"} {
			b := r.Doc.Find(`main button:contains("` + button + `")`)
			field := b.ParentsFiltered("fieldset[disabled]")
			if b.Length() != 1 || field.Length() != 1 {
				t.Errorf("%s on an exhausted sandbox plan: %d buttons, in a disabled fieldset: %v", button, b.Length(), field.Length() == 1)
				continue
			}
			why := r.Text("#" + field.AttrOr("aria-describedby", "-"))
			if !strings.Contains(why, "Quota used up") || !strings.Contains(why, "renewal") {
				t.Errorf("%s is disabled because %q", button, why)
			}
		}
	})
}

// checkDisabledControlsSayWhy: every control a page renders disabled says why, through
// aria-describedby (on it or its fieldset) or a read-only banner on the page.
func checkDisabledControlsSayWhy(t *testing.T, path string, r *webtest.Response) {
	t.Helper()
	if r.Doc.Find(".banner--readonly").Length() > 0 {
		return
	}
	r.Doc.Find("main button[disabled], main fieldset[disabled]").Each(func(_ int, s *goquery.Selection) {
		if s.ParentsFiltered("fieldset[disabled]").Length() > 0 {
			return // its fieldset says why
		}
		ref := s.AttrOr("aria-describedby", "")
		if ref == "" || strings.TrimSpace(r.Doc.Find("#"+ref).Text()) == "" {
			t.Errorf("GET %s: disabled %s %q does not say why", path, goquery.NodeName(s), strings.Join(strings.Fields(s.Text()), " "))
		}
	})
}

func checkGet(t *testing.T, c *webtest.Client, path string, hidden, readOnly bool) {
	t.Helper()
	r := c.Get(t, path)
	if hidden {
		if r.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", path, r.StatusCode)
		}
		return
	}
	if r.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d, want 200", path, r.StatusCode)
	}
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") {
		return // a download (a file, an export, a schema): no page to carry a banner
	}
	checkDisabledControlsSayWhy(t, path, r)
	banner := r.Doc.Find(".banner--readonly")
	if readOnly != (banner.Length() == 1) {
		t.Errorf("GET %s: read-only banner shown=%v, want %v", path, banner.Length() == 1, readOnly)
	}
	if readOnly {
		if !strings.Contains(banner.Text(), "read-only") || banner.Find(`a[href^="/services#service-"]`).Text() != "Request renewal" {
			t.Errorf("GET %s: banner %q lacks the reason or the Request renewal link", path, banner.Text())
		}
		// forms that change something; a search form stays usable
		r.Doc.Find("main form[method=post]").Find("input:not([type=hidden]), select, textarea, button").Each(func(_ int, s *goquery.Selection) {
			_, disabled := s.Attr("disabled")
			inDisabledFieldset := s.ParentsFiltered("fieldset[disabled]").Length() > 0
			if !disabled && !inDisabledFieldset {
				name, _ := s.Attr("name")
				t.Errorf("GET %s: control %s %q is not disabled in read-only mode", path, goquery.NodeName(s), name)
			}
		})
	}
}
