package account_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"partnerportal/web/webtest"
)

// sessionsOf reads the sessions list of c's account page: one line per row, and the id in the
// path of each "Sign out" button, by browser.
func sessionsOf(t *testing.T, c *webtest.Client) (rows []string, ids map[string]string, page *webtest.Response) {
	t.Helper()
	page = c.Get(t, "/account")
	ids = map[string]string{}
	page.Doc.Find(".sessions-table tbody tr").Each(func(_ int, tr *goquery.Selection) {
		browser := text(tr.Find("th").Contents().First())
		rows = append(rows, browser+" | "+text(tr.Find(`td[data-label="Address"]`))+" | "+text(tr.Find(".session-current")))
		if action, ok := tr.Find("form").Attr("action"); ok {
			ids[browser] = strings.TrimSuffix(strings.TrimPrefix(action, "/account/sessions/"), "/sign-out")
		}
	})
	return rows, ids, page
}

// TestSessionsListShowsEveryBrowser: two browsers signed in to one account each see both, by
// browser and address, with their own marked and offering no button; no token is on the page.
func TestSessionsListShowsEveryBrowser(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	firefox := signedInWith(t, env, webtest.PartnerA, firefoxLinux)
	chrome := signedInWith(t, env, webtest.PartnerA, chromeWindows)
	rows, ids, page := sessionsOf(t, firefox)
	want := []string{"Firefox on Linux | 127.0.0.1 | This browser", "Chrome on Windows | 127.0.0.1 | "}
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Errorf("Firefox's list:\n%s\nwant\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
	if len(ids) != 1 || ids["Chrome on Windows"] == "" {
		t.Errorf("sign-out buttons %v, want one for Chrome", ids)
	}
	for _, c := range []*webtest.Client{firefox, chrome} {
		if token := c.Cookie("session"); token == "" || strings.Contains(page.Body, token) {
			t.Errorf("a session token is on the page (or the client has none: %q)", token)
		}
	}
	if got := page.Text(`.sessions-table tbody tr:first-child td[data-label="Signed in"]`); got != "25 Nov 2026, 09:00" {
		t.Errorf("signed in %q, want 25 Nov 2026, 09:00", got)
	}
	if rows, _, _ := sessionsOf(t, chrome); len(rows) != 2 || !strings.HasPrefix(rows[0], "Chrome on Windows") || !strings.HasSuffix(rows[0], "This browser") {
		t.Errorf("Chrome's list %q, want its own first and marked", rows)
	}
}

// TestSignOutOneSession: "Sign out" ends that browser's session at once and no other; a
// session of another account, this browser's own, or none at all answer 404.
func TestSignOutOneSession(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	firefox := signedInWith(t, env, webtest.PartnerA, firefoxLinux)
	chrome := signedInWith(t, env, webtest.PartnerA, chromeWindows)
	stranger := signedInWith(t, env, webtest.PartnerB, safariOnIPhone)
	_, strangerIDs, _ := sessionsOf(t, signedInWith(t, env, webtest.PartnerB, chromeWindows))
	_, ids, _ := sessionsOf(t, firefox)

	for _, id := range []string{strangerIDs["Safari on iPhone"], "999999999"} {
		if r := firefox.PostForm(t, "/account/sessions/"+id+"/sign-out", nil); r.StatusCode != http.StatusNotFound {
			t.Errorf("sign out session %s of another account: %d, want 404", id, r.StatusCode)
		}
	}
	if !isSignedIn(t, stranger) {
		t.Error("the other account's browser was signed out")
	}
	_, own, _ := sessionsOf(t, chrome)
	if r := chrome.PostForm(t, "/account/sessions/"+own["Firefox on Linux"]+"/sign-out", nil); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign out Firefox from Chrome: %d", r.StatusCode)
	}
	if got := chrome.Get(t, "/account").Text("#flash"); !strings.Contains(got, "Signed out Firefox on Linux at 127.0.0.1.") {
		t.Errorf("the flash says %q", got)
	}
	if isSignedIn(t, firefox) {
		t.Error("Firefox is still signed in")
	}
	// Firefox's id now names nothing; Chrome's own row has a button nowhere
	if r := chrome.PostForm(t, "/account/sessions/"+ids["Chrome on Windows"]+"/sign-out", nil); r.StatusCode != http.StatusNotFound {
		t.Errorf("sign out this browser's own session by id: %d, want 404", r.StatusCode)
	}
	if !isSignedIn(t, chrome) {
		t.Error("Chrome signed itself out")
	}
	if n := auditCount(t, env, userID(t, env, webtest.PartnerA), "user.session_end"); n != 1 {
		t.Errorf("%d audit events, want 1", n)
	}
}

// TestSignOutEverywhereElse ends every other session of the account and keeps this one.
func TestSignOutEverywhereElse(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	here := signedInWith(t, env, webtest.Consumer, firefoxLinux)
	others := []*webtest.Client{signedInWith(t, env, webtest.Consumer, chromeWindows), signedInWith(t, env, webtest.Consumer, safariOnIPhone)}
	here.Get(t, "/account")
	if r := here.PostForm(t, "/account/sessions/sign-out-others", nil); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign out everywhere else: %d", r.StatusCode)
	}
	rows, _, page := sessionsOf(t, here)
	if got := page.Text("#flash"); !strings.Contains(got, "Signed out 2 other browsers.") {
		t.Errorf("the flash says %q", got)
	}
	if len(rows) != 1 || page.Doc.Find(`form[action="/account/sessions/sign-out-others"]`).Length() != 0 {
		t.Errorf("after: %q, and the button shown %d times; want this browser alone and no button", rows, page.Doc.Find(`form[action="/account/sessions/sign-out-others"]`).Length())
	}
	for i, c := range others {
		if isSignedIn(t, c) {
			t.Errorf("other browser %d is still signed in", i+1)
		}
	}
	if n := auditCount(t, env, userID(t, env, webtest.Consumer), "user.sessions_end"); n != 1 {
		t.Errorf("%d audit events, want 1", n)
	}
}

// TestLastSeenCostsNoRoundTrip: pages right after sign-in do not write; once the session has
// not been noted for 5 minutes, the next page notes it in the round trip that reads the
// session (still at most 2), and the list shows when.
func TestLastSeenCostsNoRoundTrip(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := signedInWith(t, env, webtest.PartnerA, firefoxLinux)
	other := signedInWith(t, env, webtest.PartnerA, chromeWindows)
	c.Get(t, "/services")
	if st := env.Stats(t, c.Get(t, "/services")); st.Wrote || st.Queries > 2 {
		t.Errorf("a page right after sign-in: %d round trips, wrote %v", st.Queries, st.Wrote)
	}
	env.Clock.Advance(6 * time.Minute)
	r := other.Get(t, "/services")
	if st := env.Stats(t, r); !st.Wrote || st.Queries > 2 {
		t.Errorf("6 minutes later: %d round trips, wrote %v; want the note in at most 2", st.Queries, st.Wrote)
	}
	var seen time.Time
	if err := env.Pool.QueryRow(context.Background(), `SELECT max(last_seen_at) FROM sessions WHERE user_agent = $1`, chromeWindows).Scan(&seen); err != nil {
		t.Fatal(err)
	}
	if want := webtest.Start.Add(6 * time.Minute); !seen.Equal(want) {
		t.Errorf("last seen %v, want %v", seen, want)
	}
	if st := env.Stats(t, other.Get(t, "/services")); st.Wrote {
		t.Error("the page after that wrote again")
	}
	rows := c.Get(t, "/account").Doc.Find(`.sessions-table tbody tr:nth-child(2) td[data-label="Last seen"]`)
	if got := text(rows); got != "Now" {
		t.Errorf("Chrome last seen %q, want Now", got)
	}
}
