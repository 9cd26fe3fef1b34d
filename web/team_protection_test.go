package web_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"partnerportal/web/auth"
	"partnerportal/web/webtest"
)

// TestTeamRoutesAnswerOnlyTheirAudience walks every /team route: a visitor is sent to sign in,
// a consumer and staff find nothing (404), a member is refused with the owners to ask (403),
// a post without the CSRF token is refused, and the owner's request is handled. The
// invitation's own page answers whoever holds the link.
func TestTeamRoutesAnswerOnlyTheirAudience(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ctx := context.Background()
	var member, invitation int64
	if err := env.Pool.QueryRow(ctx, "SELECT id FROM users WHERE email = 'c2@company-c.example'").Scan(&member); err != nil {
		t.Fatal(err)
	}
	token := auth.NewToken()
	if err := env.Pool.QueryRow(ctx, `INSERT INTO team_invitations (company_id, email, token_hash, invited_by, created_at, expires_at)
		SELECT company_id, 'guarded@company-c.example', $1, id, $2::timestamptz, $2::timestamptz + interval '72 hours' FROM users WHERE email = $3 RETURNING id`,
		auth.TokenHash(token), env.Clock.Now(), webtest.PartnerC).Scan(&invitation); err != nil {
		t.Fatal(err)
	}
	params := strings.NewReplacer(":uid", webtest.Itoa(member), ":id", webtest.Itoa(invitation), ":token", token)
	visitor := env.Client(t)
	visitor.Get(t, "/login")
	callers := []struct {
		name string
		c    *webtest.Client
		want int
	}{
		{"visitor", visitor, http.StatusSeeOther},
		{"consumer", env.SignedIn(t, webtest.Consumer), http.StatusNotFound},
		{"account manager", env.SignedIn(t, webtest.AccountManager2), http.StatusNotFound},
		{"admin", env.SignedIn(t, webtest.Admin), http.StatusNotFound},
		{"member", env.SignedIn(t, "c2@company-c.example"), http.StatusForbidden},
	}
	owner := env.SignedIn(t, webtest.PartnerC)
	checked := 0
	for _, route := range env.App.Routes() {
		method, path, _ := strings.Cut(route, " ")
		if path != "/team" && !strings.HasPrefix(path, "/team/") {
			continue
		}
		checked++
		target := params.Replace(path)
		do := func(c *webtest.Client, form url.Values) *webtest.Response {
			if method == http.MethodGet {
				return c.Get(t, target)
			}
			return c.PostForm(t, target, form)
		}
		for _, caller := range callers {
			r := do(caller.c, url.Values{"email": {"x@company-c.example"}, "role": {"owner"}})
			switch {
			case r.StatusCode != caller.want:
				t.Errorf("%s %s as %s: %d, want %d", method, path, caller.name, r.StatusCode, caller.want)
			case caller.want == http.StatusSeeOther && !strings.HasPrefix(r.Header.Get("Location"), "/login?next="):
				t.Errorf("%s %s as a visitor: sent to %q", method, path, r.Header.Get("Location"))
			case caller.want == http.StatusForbidden && !strings.Contains(r.Text("main"), "Only an owner of Company C can"):
				t.Errorf("%s %s as a member: %q", method, path, r.Text("main"))
			}
		}
		if method == http.MethodPost {
			if r := owner.PostRaw(t, target, url.Values{"role": {"owner"}}); r.StatusCode != http.StatusForbidden {
				t.Errorf("%s %s without the CSRF token: %d, want 403", method, path, r.StatusCode)
			}
			continue // the owner's posts are the team tests' (web/partner/team*_test.go)
		}
		if r := owner.Get(t, target); r.StatusCode != http.StatusOK || r.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("%s %s as the owner: %d, Cache-Control %q", method, path, r.StatusCode, r.Header.Get("Cache-Control"))
		}
	}
	if checked < 5 {
		t.Errorf("only %d /team routes checked", checked)
	}
	link := params.Replace("/invite/:token")
	for _, caller := range append(slices.Clone(callers), struct {
		name string
		c    *webtest.Client
		want int
	}{"owner", owner, http.StatusOK}) {
		if r := caller.c.Get(t, link); r.StatusCode != http.StatusOK || !strings.Contains(r.Text("h1"), "Join Company C") {
			t.Errorf("the invitation's page for %s: %d %q", caller.name, r.StatusCode, r.Text("h1"))
		}
	}
	if r := visitor.PostRaw(t, link, url.Values{"name": {"Guarded"}, "password": {"a long enough password"}}); r.StatusCode != http.StatusForbidden {
		t.Errorf("accepting without the CSRF token: %d, want 403", r.StatusCode)
	}
}
