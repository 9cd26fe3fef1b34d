package partner_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"partnerportal/web/webtest"
)

// TestTeamChangesAreThrottled: an owner's invitations and role changes share a budget; past
// it the answer is 429 with how long to wait, and nothing is stored.
func TestTeamChangesAreThrottled(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	owner := env.SignedIn(t, ownerC)
	owner.Get(t, "/team")
	var last *webtest.Response
	for i := range 8 {
		last = owner.PostForm(t, "/team/invitations", url.Values{"email": {"colleague" + webtest.Itoa(int64(i)) + "@company-c.example"}})
		if last.StatusCode == http.StatusTooManyRequests {
			if i < 5 {
				t.Errorf("throttled after %d invitations", i)
			}
			break
		}
	}
	if last.StatusCode != http.StatusTooManyRequests || !strings.Contains(last.Text("main"), "Too many team changes") || last.Header.Get("Retry-After") == "" {
		t.Fatalf("past the budget: %d %q, Retry-After %q", last.StatusCode, last.Text("main"), last.Header.Get("Retry-After"))
	}
	r := owner.PostForm(t, "/team/members/"+webtest.Itoa(userID(t, env, memberC))+"/role", url.Values{"role": {"owner"}})
	if r.StatusCode != http.StatusTooManyRequests || teamRole(t, env, memberC) != "member" {
		t.Errorf("a role change past the budget: %d, role %s", r.StatusCode, teamRole(t, env, memberC))
	}
	var n int
	if err := env.Pool.QueryRow(context.Background(), "SELECT count(*) FROM team_invitations").Scan(&n); err != nil || n != 5 {
		t.Errorf("%d invitations stored (%v), want the 5 allowed", n, err)
	}
}
