package partner_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"partnerportal/web/webtest"
)

// TestRemovedMemberIsSignedOutAtOnce: removing a colleague closes the account (kept, with its
// history) and ends its sessions: its next request is sent to sign in.
func TestRemovedMemberIsSignedOutAtOnce(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	member := env.SignedIn(t, memberC)
	if r := member.Get(t, "/services"); r.StatusCode != http.StatusOK {
		t.Fatalf("member's My Services: %d", r.StatusCode)
	}
	owner := env.SignedIn(t, ownerC)
	owner.Get(t, "/team")
	id := userID(t, env, memberC)
	r := owner.PostForm(t, "/team/members/"+webtest.Itoa(id)+"/remove", nil)
	if r.StatusCode != http.StatusSeeOther || !strings.Contains(owner.Get(t, "/team").Text("#flash"), "Carl Carter is no longer on the team") {
		t.Fatalf("remove: %d", r.StatusCode)
	}
	next := member.Get(t, "/services")
	if next.StatusCode != http.StatusSeeOther || !strings.HasPrefix(next.Header.Get("Location"), "/login") {
		t.Errorf("the removed member's next request: %d → %q, want the sign-in page", next.StatusCode, next.Header.Get("Location"))
	}
	var sessions int
	var disabled bool
	if err := env.Pool.QueryRow(context.Background(), `SELECT (SELECT count(*) FROM sessions WHERE user_id = $1), disabled_at IS NOT NULL FROM users WHERE id = $1`,
		id).Scan(&sessions, &disabled); err != nil {
		t.Fatal(err)
	}
	if sessions != 0 || !disabled {
		t.Errorf("after removal: %d sessions, disabled %v", sessions, disabled)
	}
	if strings.Contains(owner.Get(t, "/team").Text("main table"), "Carl Carter") {
		t.Error("the removed member is still listed")
	}
	if n := teamAuditCount(t, env, "team.remove", memberC); n != 1 {
		t.Errorf("%d audit events of the removal", n)
	}
	again := env.Client(t)
	again.Get(t, "/login")
	if r := again.PostForm(t, "/login", url.Values{"email": {memberC}, "password": {"portal-demo"}}); r.StatusCode == http.StatusSeeOther {
		t.Error("the removed member signed in again")
	}
}

// TestTeamIDsOfAnotherCompanyAre404: an owner of Company B acting on Company C's user and
// invitation ids, and an account manager on a company outside their portfolio, get 404 and
// change nothing.
func TestTeamIDsOfAnotherCompanyAre404(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	link := invite(t, env, env.SignedIn(t, ownerC), "eve@company-c.example")
	_ = link
	var invitation int64
	if err := env.Pool.QueryRow(context.Background(), "SELECT id FROM team_invitations WHERE email = 'eve@company-c.example'").Scan(&invitation); err != nil {
		t.Fatal(err)
	}
	member, owner := webtest.Itoa(userID(t, env, memberC)), webtest.Itoa(userID(t, env, ownerC))
	b := env.SignedIn(t, webtest.PartnerB)
	b.Get(t, "/team")
	for _, tt := range []struct{ path, role string }{
		{"/team/members/" + member + "/role", "owner"},
		{"/team/members/" + owner + "/role", "member"},
		{"/team/members/" + member + "/remove", ""},
		{"/team/invitations/" + webtest.Itoa(invitation) + "/revoke", ""},
	} {
		if r := b.PostForm(t, tt.path, url.Values{"role": {tt.role}}); r.StatusCode != http.StatusNotFound {
			t.Errorf("Company B's owner: POST %s: %d, want 404", tt.path, r.StatusCode)
		}
	}
	companyA, companyC := webtest.Itoa(env.CompanyID(t, "Company A")), webtest.Itoa(env.CompanyID(t, "Company C"))
	am := env.SignedIn(t, webtest.AccountManager) // Company A's and B's
	am.Get(t, "/admin")
	for _, path := range []string{"/admin/partners/" + companyC + "/team/" + member + "/owner", "/admin/partners/" + companyA + "/team/" + member + "/owner"} {
		if r := am.PostForm(t, path, nil); r.StatusCode != http.StatusNotFound {
			t.Errorf("account manager outside their portfolio: POST %s: %d, want 404", path, r.StatusCode)
		}
	}
	if r := am.Get(t, "/admin/partners/"+companyC); r.StatusCode != http.StatusNotFound {
		t.Errorf("Company C's page for another account manager: %d", r.StatusCode)
	}
	if teamRole(t, env, memberC) != "member" || teamRole(t, env, ownerC) != "owner" {
		t.Error("a refused request changed a role")
	}
	var open bool
	if err := env.Pool.QueryRow(context.Background(), "SELECT revoked_at IS NULL FROM team_invitations WHERE id = $1", invitation).Scan(&open); err != nil || !open {
		t.Errorf("a refused revocation revoked the invitation (%v)", err)
	}
}

// TestTheLastOwnerStays: the only owner can neither step down nor leave; of two owners
// demoting each other at the same moment, one is refused, so the company keeps an owner.
func TestTheLastOwnerStays(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	owner := env.SignedIn(t, ownerC)
	page := owner.Get(t, "/team")
	if page.Doc.Find(`main button[disabled][aria-describedby="last-owner-why"]`).Length() != 2 || !strings.Contains(page.Text("#last-owner-why"), "only owner") {
		t.Errorf("the last owner's own buttons: %q", page.Text("#member-"+webtest.Itoa(userID(t, env, ownerC))))
	}
	self := webtest.Itoa(userID(t, env, ownerC))
	for _, tt := range []struct{ path, role, want string }{
		{"/team/members/" + self + "/role", "member", "cannot step down to member"},
		{"/team/members/" + self + "/remove", "", "cannot leave the team"},
	} {
		r := owner.PostForm(t, tt.path, url.Values{"role": {tt.role}})
		if r.StatusCode != http.StatusConflict || !strings.Contains(r.Text("[role=alert]"), tt.want) {
			t.Errorf("POST %s: %d %q, want 409 saying %q", tt.path, r.StatusCode, r.Text("[role=alert]"), tt.want)
		}
	}
	if teamRole(t, env, ownerC) != "owner" {
		t.Fatal("the last owner was demoted")
	}

	// Two owners, each demoting the other at once, a few times over (within the throttle's
	// budget). The one that loses is refused: 409 when both got past the owner check before
	// the first committed, 403 when it found itself a member already.
	member := webtest.Itoa(userID(t, env, memberC))
	other := env.SignedIn(t, memberC)
	for round := range 3 {
		env.Exec(t, "UPDATE users SET team_role = 'owner' WHERE email IN ($1, $2)", ownerC, memberC)
		owner.Get(t, "/team")
		other.Get(t, "/team")
		var wg sync.WaitGroup
		answers := make([]int, 2)
		for i, tt := range []struct {
			c      *webtest.Client
			target string
		}{{owner, member}, {other, self}} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				answers[i] = tt.c.PostForm(t, "/team/members/"+tt.target+"/role", url.Values{"role": {"member"}}).StatusCode
			}()
		}
		wg.Wait()
		var owners int
		if err := env.Pool.QueryRow(context.Background(), "SELECT count(*) FROM users WHERE email IN ($1, $2) AND team_role = 'owner'", ownerC, memberC).Scan(&owners); err != nil {
			t.Fatal(err)
		}
		if owners != 1 {
			t.Fatalf("round %d: concurrent demotions answered %v and left %d owners, want 1", round, answers, owners)
		}
		refused := func(code int) bool { return code == http.StatusConflict || code == http.StatusForbidden }
		if !((answers[0] == http.StatusSeeOther && refused(answers[1])) || (answers[1] == http.StatusSeeOther && refused(answers[0]))) {
			t.Errorf("round %d: answers %v, want one done (303) and one refused (409 or 403)", round, answers)
		}
	}
}
