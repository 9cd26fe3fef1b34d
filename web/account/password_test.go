package account_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"partnerportal/db/seed"
	"partnerportal/web/webtest"
)

// TestChangePasswordSaysWhatIsWrong: each mistake comes back with 422 and its message under
// its field, and the password stays as it was.
func TestChangePasswordSaysWhatIsWrong(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerB)
	for _, tt := range []struct {
		name                  string
		current, new, confirm string
		field, want           string
	}{
		{"a wrong current password", "not my password", "a new long password", "a new long password", "current_password", "That is not your current password."},
		{"no current password", "", "a new long password", "a new long password", "current_password", "This field is required."},
		{"a short new password", seed.DemoPassword, "short", "short", "new_password", "Use at least 10 characters."},
		{"two different new ones", seed.DemoPassword, "a new long password", "another long password", "new_password_confirm", "The two new passwords differ; type the same one twice."},
		{"the same as now", seed.DemoPassword, seed.DemoPassword, seed.DemoPassword, "new_password", "Choose a password other than your current one."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c.Get(t, "/account")
			r := post(t, c, "/account/password", url.Values{"current_password": {tt.current}, "new_password": {tt.new}, "new_password_confirm": {tt.confirm}})
			if r.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422", r.StatusCode)
			}
			if got := r.Text("#f-" + tt.field + "-error"); got != tt.want {
				t.Errorf("under %s: %q, want %q", tt.field, got, tt.want)
			}
		})
	}
	other := env.Client(t)
	other.SignIn(t, webtest.PartnerB, seed.DemoPassword) // the password did not change
}

// TestChangePasswordEndsEveryOtherSession: with two browsers signed in, the one that changes
// the password stays signed in; the other gets the sign-in page at once. The old password no
// longer signs in, the new one does, the owner gets a mail, and the trail has the change.
func TestChangePasswordEndsEveryOtherSession(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	here := signedInWith(t, env, webtest.PartnerA, firefoxLinux)
	there := signedInWith(t, env, webtest.PartnerA, chromeWindows)
	if !isSignedIn(t, there) {
		t.Fatal("the second browser is not signed in to begin with")
	}
	here.Get(t, "/account")
	const password = "correct horse battery staple"
	r := post(t, here, "/account/password", url.Values{"current_password": {seed.DemoPassword}, "new_password": {password}, "new_password_confirm": {password}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/account#password" {
		t.Fatalf("change: %d to %q, want 303 to /account#password\n%s", r.StatusCode, r.Header.Get("Location"), r.Text("main"))
	}
	page := here.Get(t, "/account")
	if !strings.Contains(page.Text("#flash"), "Your password is changed") || page.Doc.Find("#profile").Length() != 1 {
		t.Errorf("the changing browser: %d, flash %q; want the account page with the news", page.StatusCode, page.Text("#flash"))
	}
	if rows := page.Doc.Find(".sessions-table tbody tr").Length(); rows != 1 {
		t.Errorf("the sessions list shows %d sessions after the change, want 1", rows)
	}
	if r := there.Get(t, "/services"); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/login") {
		t.Errorf("the other browser: %d to %q, want the sign-in page", r.StatusCode, r.Header.Get("Location"))
	}
	old := env.Client(t)
	old.Get(t, "/login")
	if r := old.PostForm(t, "/login", url.Values{"email": {webtest.PartnerA}, "password": {seed.DemoPassword}}); r.StatusCode != http.StatusUnauthorized {
		t.Errorf("sign in with the old password: %d, want 401", r.StatusCode)
	}
	env.Client(t).SignIn(t, webtest.PartnerA, password)
	if n := mails(t, env, webtest.PartnerA, "account", "Your Partner Portal password was changed"); n != 1 {
		t.Errorf("%d mails telling of the change, want 1", n)
	}
	if n := auditCount(t, env, userID(t, env, webtest.PartnerA), "user.password_change"); n != 1 {
		t.Errorf("%d audit events of the change, want 1", n)
	}
}
