package partner_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"partnerportal/web/webtest"
)

// The demo's Company C has an owner and a member.
const (
	ownerC  = webtest.PartnerC
	memberC = "c2@company-c.example"
)

// invite has owner invite email on the team page and returns the path of the link the page
// shows (no mail server in tests, so the owner gets it).
func invite(t *testing.T, env *webtest.Env, owner *webtest.Client, email string) string {
	t.Helper()
	owner.Get(t, "/team")
	r := owner.PostForm(t, "/team/invitations", url.Values{"email": {email}})
	if r.StatusCode != http.StatusOK {
		t.Fatalf("invite %s: status %d\n%s", email, r.StatusCode, r.Text("main"))
	}
	link, _ := r.Doc.Find("#invite-link").Attr("value")
	if !strings.HasPrefix(link, env.URL+"/invite/") {
		t.Fatalf("invite %s: the page shows no link (%q)", email, link)
	}
	return strings.TrimPrefix(link, env.URL)
}

// join opens an invitation's link as a visitor and sets name and password; it returns the
// visitor, signed in when it worked, and the answer.
func join(t *testing.T, env *webtest.Env, link, name string) (*webtest.Client, *webtest.Response) {
	t.Helper()
	c := env.Client(t)
	if r := c.Get(t, link); r.StatusCode != http.StatusOK {
		t.Fatalf("open %s: status %d\n%s", link, r.StatusCode, r.Text("main"))
	}
	return c, c.PostForm(t, link, url.Values{"name": {name}, "password": {"a long enough password"}})
}

// userID is the id of the account with address email.
func userID(t *testing.T, env *webtest.Env, email string) int64 {
	t.Helper()
	var id int64
	if err := env.Pool.QueryRow(context.Background(), "SELECT id FROM users WHERE lower(email) = lower($1)", email).Scan(&id); err != nil {
		t.Fatalf("user %s: %v", email, err)
	}
	return id
}

// teamRole is the team role of the account with address email ("" for none).
func teamRole(t *testing.T, env *webtest.Env, email string) string {
	t.Helper()
	var role string
	if err := env.Pool.QueryRow(context.Background(), "SELECT coalesce(team_role::text, '') FROM users WHERE lower(email) = lower($1)", email).Scan(&role); err != nil {
		t.Fatalf("user %s: %v", email, err)
	}
	return role
}

// teamAuditCount is how many audit events of action concern subject (a user's address or an
// invited address).
func teamAuditCount(t *testing.T, env *webtest.Env, action, subject string) int {
	t.Helper()
	var n int
	if err := env.Pool.QueryRow(context.Background(), "SELECT count(*) FROM audit_events WHERE action = $1 AND subject LIKE '%' || $2 || '%'",
		action, subject).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
