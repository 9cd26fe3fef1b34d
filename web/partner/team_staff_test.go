package partner_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"partnerportal/web/webtest"
)

// TestStaffMakeSomeoneOwner: a company's account manager sees its team with roles and pending
// invitations, and makes a member owner; the change is audited with them as its author.
func TestStaffMakeSomeoneOwner(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	invite(t, env, env.SignedIn(t, ownerC), "pending@company-c.example")
	am := env.SignedIn(t, webtest.AccountManager2)
	page := "/admin/partners/" + webtest.Itoa(env.CompanyID(t, "Company C"))
	team := am.Get(t, page).Text("#team")
	for _, want := range []string{"Chloe Chen", "Owner", "Carl Carter", "Member", "pending@company-c.example"} {
		if !strings.Contains(team, want) {
			t.Errorf("the staff team section lacks %q: %q", want, team)
		}
	}
	member := webtest.Itoa(userID(t, env, memberC))
	am.HTMX(func() {
		r := am.PostForm(t, page+"/team/"+member+"/owner", nil)
		if r.StatusCode != http.StatusOK || !strings.Contains(r.Text("#team"), "Carl Carter is now an owner") {
			t.Errorf("make owner: %d %q", r.StatusCode, r.Text("#team"))
		}
	})
	if teamRole(t, env, memberC) != "owner" {
		t.Fatal("Carl Carter is not an owner")
	}
	var actor string
	if err := env.Pool.QueryRow(context.Background(), `SELECT u.email FROM audit_events e JOIN users u ON u.id = e.actor_id
		WHERE e.action = 'team.role' AND e.subject LIKE '%' || $1 || '%'`, memberC).Scan(&actor); err != nil || actor != webtest.AccountManager2 {
		t.Errorf("the audit names %q (%v) as the author", actor, err)
	}
	if r := env.SignedIn(t, memberC).Get(t, "/team"); r.StatusCode != http.StatusOK {
		t.Errorf("the new owner's team page: %d", r.StatusCode)
	}
}
