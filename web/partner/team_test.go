package partner_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"partnerportal/web/webtest"
)

// TestInvitedColleagueJoinsAsMember: an owner invites an address; the mail goes to the outbox
// in the same transaction, the page shows the link; the colleague sets name and password and
// is signed in as a member of the company, and each step is in the audit trail.
func TestInvitedColleagueJoinsAsMember(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	owner := env.SignedIn(t, ownerC)
	team := owner.Get(t, "/team")
	if team.StatusCode != http.StatusOK || !strings.Contains(team.Text("main"), "Carl Carter") {
		t.Fatalf("team page: %d %q", team.StatusCode, team.Text("main"))
	}
	link := invite(t, env, owner, "dana@company-c.example")
	if got := env.MailLink(t, "dana@company-c.example", "/invite/"); got != link {
		t.Errorf("the e-mail links %s, the page %s", got, link)
	}
	if pending := owner.Get(t, "/team").Text("#invitations-title + *"); !strings.Contains(pending, "dana@company-c.example") {
		t.Errorf("pending invitations: %q", pending)
	}
	page := env.Client(t).Get(t, link)
	if !strings.Contains(page.Text("main"), "Company C") || !strings.Contains(page.Text("main"), "Chloe Chen") {
		t.Errorf("the accept page does not say who invites to what: %q", page.Text("main"))
	}
	dana, r := join(t, env, link, "Dana Diaz")
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/services" {
		t.Fatalf("join: %d → %q\n%s", r.StatusCode, r.Header.Get("Location"), r.Text("main"))
	}
	home := dana.Get(t, "/services")
	if home.StatusCode != http.StatusOK || !strings.Contains(home.Text(".account"), "Dana Diaz") || !strings.Contains(home.Text(".account"), "Company C") {
		t.Errorf("after joining: %d, header %q", home.StatusCode, home.Text(".account"))
	}
	if role := teamRole(t, env, "dana@company-c.example"); role != "member" {
		t.Errorf("team role %q, want member", role)
	}
	if nav := home.Text("nav.main-nav"); strings.Contains(nav, "Team") || strings.Contains(nav, "API keys") {
		t.Errorf("a member's navigation offers %q", nav)
	}
	if again := env.Client(t).Get(t, link); again.StatusCode != http.StatusGone || !strings.Contains(again.Text("main"), "used already") {
		t.Errorf("the used link: %d %q", again.StatusCode, again.Text("main"))
	}
	if pending := owner.Get(t, "/team").Text("#invitations-title + *"); strings.Contains(pending, "dana@company-c.example") {
		t.Errorf("an accepted invitation is still pending: %q", pending)
	}
	for _, action := range []string{"team.invite", "team.join"} {
		if n := teamAuditCount(t, env, action, "dana@company-c.example"); n != 1 {
			t.Errorf("%d audit events %s, want 1", n, action)
		}
	}
}

// TestInvitationRefusals: an address with an account, a link that expired and one revoked
// each say what happened.
func TestInvitationRefusals(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	owner := env.SignedIn(t, ownerC)
	owner.Get(t, "/team")
	r := owner.PostForm(t, "/team/invitations", url.Values{"email": {webtest.Consumer}})
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Text(".field__error"), "already has a Partner Portal account") {
		t.Errorf("inviting an account's address: %d %q", r.StatusCode, r.Text(".field__error"))
	}

	expiring := invite(t, env, owner, "late@company-c.example")
	env.Clock.Advance(72*time.Hour + time.Minute)
	for _, r := range []*webtest.Response{env.Client(t).Get(t, expiring), func() *webtest.Response {
		c := env.Client(t)
		c.Get(t, "/login")
		return c.PostForm(t, expiring, url.Values{"name": {"Late"}, "password": {"a long enough password"}})
	}()} {
		if r.StatusCode != http.StatusGone || !strings.Contains(r.Text("main"), "expired on") {
			t.Errorf("expired link: %d %q", r.StatusCode, r.Text("main"))
		}
	}

	revoked := invite(t, env, owner, "gone@company-c.example")
	var id int64
	if err := env.Pool.QueryRow(context.Background(), "SELECT id FROM team_invitations WHERE email = 'gone@company-c.example'").Scan(&id); err != nil {
		t.Fatal(err)
	}
	if r := owner.PostForm(t, "/team/invitations/"+webtest.Itoa(id)+"/revoke", nil); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("revoke: %d", r.StatusCode)
	}
	if r := env.Client(t).Get(t, revoked); r.StatusCode != http.StatusGone || !strings.Contains(r.Text("main"), "revoked") {
		t.Errorf("revoked link: %d %q", r.StatusCode, r.Text("main"))
	}
	if n := teamAuditCount(t, env, "team.invitation_revoke", "gone@company-c.example"); n != 1 {
		t.Errorf("%d audit events of the revocation", n)
	}
	if r := env.Client(t).Get(t, "/invite/not-a-real-token"); r.StatusCode != http.StatusNotFound {
		t.Errorf("an unknown token: %d", r.StatusCode)
	}
}

// TestMembersAreRefusedWithTheReason: the team page, API keys and the request forms answer a
// member 403 with the owners to ask; My Services shows the request buttons disabled, with why.
func TestMembersAreRefusedWithTheReason(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	owner := env.SignedIn(t, ownerC)
	secret := owner.CreateAPIKey(t, "Owner's key", "sandbox")
	var key int64
	if err := env.Pool.QueryRow(context.Background(), "SELECT id FROM api_keys WHERE name = $1", "Owner's key").Scan(&key); err != nil || secret == "" {
		t.Fatal(err)
	}
	hardware, _ := env.Service(t, "Company C", "hardware", "production")
	stored := func() (n int) {
		if err := env.Pool.QueryRow(context.Background(), "SELECT (SELECT count(*) FROM renewal_requests) + (SELECT count(*) FROM topup_requests) + (SELECT count(*) FROM api_keys WHERE revoked_at IS NULL)").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := stored()
	member := env.SignedIn(t, memberC)
	services := member.Get(t, "/services")
	const reason = "Only an owner of Company C can"
	checks := []struct {
		name string
		do   func() *webtest.Response
	}{
		{"team page", func() *webtest.Response { return member.Get(t, "/team") }},
		{"invite", func() *webtest.Response {
			return member.PostForm(t, "/team/invitations", url.Values{"email": {"x@company-c.example"}})
		}},
		{"API keys", func() *webtest.Response { return member.Get(t, "/api-keys") }},
		{"create a key", func() *webtest.Response {
			return member.PostForm(t, "/api-keys", url.Values{"name": {"Mine"}, "environment": {"sandbox"}})
		}},
		{"revoke a key", func() *webtest.Response { return member.PostForm(t, "/api-keys/"+webtest.Itoa(key)+"/revoke", nil) }},
		{"renewal request", func() *webtest.Response {
			return member.PostForm(t, "/services/"+webtest.Itoa(hardware)+"/renewal-requests", url.Values{"term_months": {"6"}})
		}},
		{"top-up request", func() *webtest.Response {
			return member.PostForm(t, "/services/"+webtest.Itoa(hardware)+"/topup-requests", url.Values{"metric": {"devices"}, "amount": {"5"}})
		}},
	}
	for _, tt := range checks {
		r := tt.do()
		if r.StatusCode != http.StatusForbidden || !strings.Contains(r.Text("main"), reason) || !strings.Contains(r.Text("main"), "ask Chloe Chen") {
			t.Errorf("%s: %d %q, want 403 with the reason", tt.name, r.StatusCode, r.Text("main"))
		}
	}
	member.HTMX(func() {
		r := member.PostForm(t, "/services/"+webtest.Itoa(hardware)+"/renewal-requests", url.Values{"term_months": {"6"}})
		if r.StatusCode != http.StatusForbidden || !strings.Contains(r.Body, reason) {
			t.Errorf("htmx renewal request: %d %q", r.StatusCode, r.Body)
		}
	})
	buttons := services.Doc.Find("main button[disabled]")
	if buttons.Length() == 0 {
		t.Fatal("My Services shows a member no disabled request button")
	}
	if services.Doc.Find(`main form[action$="-requests"]`).Length() != 0 {
		t.Error("My Services offers a member a request form")
	}
	buttons.Each(func(_ int, b *goquery.Selection) {
		why := services.Text("#" + b.AttrOr("aria-describedby", "-"))
		if !strings.Contains(why, reason) {
			t.Errorf("%q is disabled because %q", b.Text(), why)
		}
	})
	if after := stored(); after != before {
		t.Errorf("refused requests changed stored rows: %d → %d", before, after)
	}
}
