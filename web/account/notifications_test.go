package account_test

import (
	"context"
	"testing"
	"time"

	"partnerportal/web/jobs"
	"partnerportal/web/webtest"
)

// TestBellCountsUnreadNotices: whatever page a partner opens, the bell in the header shows how
// many notices are unread ("99+" past 99, nothing when none), and showing it costs the page no
// query it did not make before the notices existed.
func TestBellCountsUnreadNotices(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	pages := []string{"/services", "/account", "/notifications"}
	for _, tt := range []struct {
		name, email string
		notices     int
		want        string
	}{
		{"none", webtest.PartnerA, 0, ""},
		{"three", webtest.PartnerB, 3, "3 unread"},
		{"more than 99", webtest.PartnerC, 120, "99+ unread"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := env.SignedIn(t, tt.email)
			before := map[string]int{}
			for _, path := range pages {
				c.Get(t, path) // the first view after sign-in may carry a flash
				before[path] = env.Stats(t, c.Get(t, path)).Queries
			}
			if tt.notices > 0 {
				addNotices(t, env, tt.email, tt.notices)
			}
			for _, path := range pages {
				r := c.Get(t, path)
				if got := r.Text("#bell .bell__count"); got != tt.want {
					t.Errorf("GET %s: the bell shows %q, want %q", path, got, tt.want)
				}
				if got := r.Doc.Find(`header a#bell[href="/notifications"]`).Length(); got != 1 {
					t.Errorf("GET %s: %d bells linking /notifications in the header, want 1", path, got)
				}
				if got := env.Stats(t, r).Queries; got != before[path] {
					t.Errorf("GET %s: %d queries with the count, %d without", path, got, before[path])
				}
			}
		})
	}
}

// TestNoticesAreListedNewestFirst: an account manager turns Company A's support off and, an
// hour later, on again; the partner's list shows both, the newer on top, each with its title
// linking the services page, its sentence and its time.
func TestNoticesAreListedNewestFirst(t *testing.T) {
	t.Parallel()
	env := webtest.NewWithJobs(t, jobs.Config{})
	env.Sweep(t)
	am := env.SignedIn(t, webtest.AccountManager)
	setStatus(t, env, am, "support", "inactive")
	env.Settle(t)
	env.Clock.Advance(time.Hour)
	setStatus(t, env, am, "support", "active")
	env.Settle(t)

	page := env.SignedIn(t, webtest.PartnerA).Get(t, "/notifications")
	want := []struct{ title, body, when string }{
		{"Support is active again", "It is back in the portal with everything made in it.", "25 Nov 2026, 10:00"},
		{"Support is deactivated", "It no longer appears in the portal. Everything made in it is kept. Ask your account manager to reactivate it.", "25 Nov 2026, 09:00"},
	}
	items := page.Doc.Find("ol.notices > li.notice")
	if items.Length() < len(want) {
		t.Fatalf("%d notices listed, want at least %d", items.Length(), len(want))
	}
	for i, w := range want {
		li := items.Eq(i)
		if got := text(li.Find(".notice__title a")); got != w.title {
			t.Errorf("notice %d: title %q, want %q", i+1, got, w.title)
		}
		if got := li.Find(".notice__title a").AttrOr("href", ""); got != "/services" {
			t.Errorf("notice %d: links %q, want /services", i+1, got)
		}
		if got := text(li.Find(".notice__body")); got != w.body {
			t.Errorf("notice %d: body %q, want %q", i+1, got, w.body)
		}
		if got := text(li.Find(".notice__when")); got != w.when {
			t.Errorf("notice %d: time %q, want %q", i+1, got, w.when)
		}
		if !li.HasClass("notice--unread") {
			t.Errorf("notice %d (%s) is not marked unread", i+1, w.title)
		}
	}
	var n int
	if err := env.Pool.QueryRow(context.Background(), `SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id
		WHERE u.email = $1 AND n.title LIKE '%Support is%'`, webtest.AccountManager).Scan(&n); err != nil || n != 0 {
		t.Errorf("the account manager who made the changes has %d notices of them (%v), want 0", n, err)
	}
}
