package partner_test

import (
	"context"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"partnerportal/web/webtest"
)

// TestConcurrentDemotionsWaitForTheTeamLock: two owners demoting each other, both past the
// owner check while the team lock is held elsewhere, are made one after the other: the second
// counts no other owner and is refused with 409.
func TestConcurrentDemotionsWaitForTheTeamLock(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ctx := context.Background()
	env.Exec(t, "UPDATE users SET team_role = 'owner' WHERE email = $1", memberC)
	a, b := env.SignedIn(t, ownerC), env.SignedIn(t, memberC)
	a.Get(t, "/team")
	b.Get(t, "/team")
	tx, err := env.Pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // released below; this covers a failed test
	if _, err := tx.Exec(ctx, "SELECT id FROM partner_companies WHERE id = $1 FOR NO KEY UPDATE", env.CompanyID(t, "Company C")); err != nil {
		t.Fatal(err)
	}
	answers := make([]int, 2)
	var wg sync.WaitGroup
	for i, tt := range []struct {
		c      *webtest.Client
		target string
	}{{a, webtest.Itoa(userID(t, env, memberC))}, {b, webtest.Itoa(userID(t, env, ownerC))}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			answers[i] = tt.c.PostForm(t, "/team/members/"+tt.target+"/role", url.Values{"role": {"member"}}).StatusCode
		}()
	}
	// both wait for the lock before it is released
	for waiting := 0; waiting < 2; time.Sleep(10 * time.Millisecond) {
		if err := env.Pool.QueryRow(ctx, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()").Scan(&waiting); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	if !((answers[0] == http.StatusSeeOther && answers[1] == http.StatusConflict) || (answers[1] == http.StatusSeeOther && answers[0] == http.StatusConflict)) {
		t.Errorf("answers %v, want one 303 and one 409", answers)
	}
	var owners int
	if err := env.Pool.QueryRow(ctx, "SELECT count(*) FROM users WHERE email IN ($1, $2) AND team_role = 'owner'", ownerC, memberC).Scan(&owners); err != nil || owners != 1 {
		t.Errorf("%d owners left (%v), want 1", owners, err)
	}
}
