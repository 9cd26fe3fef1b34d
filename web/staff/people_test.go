package staff_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"partnerportal/db/seed"
	"partnerportal/web/webtest"
)

func TestCreatingAndEditingCompanies(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	admin := env.SignedIn(t, webtest.Admin)
	admin.Get(t, "/admin/companies")
	var am2 int64
	_ = env.Pool.QueryRow(context.Background(), "SELECT id FROM users WHERE email = $1", webtest.AccountManager2).Scan(&am2)

	for _, tt := range []struct {
		name  string
		form  map[string]string
		field string
	}{
		{"no name", map[string]string{"name": ""}, "name"},
		{"no partner type", map[string]string{"is_hardware": "", "is_software": ""}, "types"},
		{"a name taken", map[string]string{"name": "company a"}, "name"},
		{"a manager who is not one", map[string]string{"account_manager": "1"}, "account_manager"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := form("name", "Company D", "is_hardware", "1", "account_manager", webtest.Itoa(am2))
			for k, v := range tt.form {
				f.Set(k, v)
			}
			r := admin.PostForm(t, "/admin/companies", f)
			if r.StatusCode != http.StatusUnprocessableEntity || r.Text("#f-"+tt.field+"-error") == "" {
				t.Errorf("%d, error under %s %q (errors %q)", r.StatusCode, tt.field, r.Text("#f-"+tt.field+"-error"), r.Text(".field__error"))
			}
		})
	}

	r := admin.PostForm(t, "/admin/companies", form("name", "Company D", "is_hardware", "1", "account_manager", webtest.Itoa(am2)))
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d %q", r.StatusCode, r.Text(".field__error"))
	}
	d := env.CompanyID(t, "Company D")
	if r.Header.Get("Location") != "/admin/partners/"+webtest.Itoa(d) {
		t.Errorf("after creating: to %q", r.Header.Get("Location"))
	}
	if got := env.SignedIn(t, webtest.AccountManager2).Get(t, "/admin/partners/"+webtest.Itoa(d)).StatusCode; got != http.StatusOK {
		t.Errorf("its account manager opens the new company: %d", got)
	}

	// Reassign it to am@ and make it a software partner too.
	var am int64
	_ = env.Pool.QueryRow(context.Background(), "SELECT id FROM users WHERE email = $1", webtest.AccountManager).Scan(&am)
	edit := admin.Get(t, "/admin/companies/"+webtest.Itoa(d)+"/edit")
	if edit.Doc.Find("input[name=is_hardware][checked]").Length() != 1 || edit.Doc.Find("select[name=account_manager] option[selected]").AttrOr("value", "") != webtest.Itoa(am2) {
		t.Error("the edit form does not show the company as it is")
	}
	r = admin.PostForm(t, "/admin/companies/"+webtest.Itoa(d), form("name", "Company D", "is_hardware", "1", "is_software", "1", "account_manager", webtest.Itoa(am)))
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d %q", r.StatusCode, r.Text(".field__error"))
	}
	if got := env.SignedIn(t, webtest.AccountManager2).Get(t, "/admin/partners/"+webtest.Itoa(d)).StatusCode; got != http.StatusNotFound {
		t.Errorf("the former account manager opens the company: %d, want 404", got)
	}
	timeline := env.SignedIn(t, webtest.AccountManager).Get(t, "/admin/partners/"+webtest.Itoa(d)).Text("#timeline")
	for _, want := range []string{"Company created", "Company changed", "Software partner: no → yes", "Account manager assigned", "Alice Manager <am2@example.com> → Amir Manager <am@example.com>"} {
		if !strings.Contains(timeline, want) {
			t.Errorf("timeline %q lacks %q", timeline, want)
		}
	}
}

// TestNewUsersAndForgottenPasswordsGetAOneTimeLink: the link is shown once, only its hash is
// stored, it sets a password once, and a newer link replaces it.
func TestNewUsersAndForgottenPasswordsGetAOneTimeLink(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	admin := env.SignedIn(t, webtest.Admin)
	admin.Get(t, "/admin/users")
	b := env.CompanyID(t, "Company B")

	r := admin.PostForm(t, "/admin/users", form("name", "Bea Baker", "email", "bea@company-b.example", "role", "partner"))
	if r.StatusCode != http.StatusUnprocessableEntity || r.Text("#f-company-error") == "" {
		t.Errorf("a partner user without a company: %d %q", r.StatusCode, r.Text(".field__error"))
	}
	r = admin.PostForm(t, "/admin/users", form("name", "Bea Baker", "email", "b@company-b.example", "role", "partner", "company", webtest.Itoa(b)))
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Text("#f-email-error"), "exists already") {
		t.Errorf("an e-mail taken: %d %q", r.StatusCode, r.Text(".field__error"))
	}
	r = admin.PostForm(t, "/admin/users", form("name", "Bea Baker", "email", "bea@company-b.example", "role", "partner", "company", webtest.Itoa(b)))
	if r.StatusCode != http.StatusOK {
		t.Fatalf("create: %d %q", r.StatusCode, r.Text(".field__error"))
	}
	link := r.Doc.Find(".link-box").AttrOr("value", "")
	if !strings.HasPrefix(link, env.URL+"/reset/") {
		t.Fatalf("link %q", link)
	}
	token := strings.TrimPrefix(link, env.URL+"/reset/")
	var hashed, plain int
	_ = env.Pool.QueryRow(context.Background(), `SELECT count(*) FILTER (WHERE token_hash = sha256(convert_to($1, 'UTF8'))),
		count(*) FILTER (WHERE position(convert_to($1, 'UTF8') IN token_hash) > 0) FROM password_reset_tokens`, token).Scan(&hashed, &plain)
	if hashed != 1 || plain != 0 {
		t.Errorf("%d rows hold the token's hash and %d the token itself, want 1 and 0", hashed, plain)
	}
	if strings.Contains(admin.Get(t, "/admin/users").Body, token) {
		t.Error("the link is shown again")
	}

	// The link sets a password once; then Bea signs in with it.
	bea := env.Client(t)
	page := bea.Get(t, "/reset/"+token)
	if page.StatusCode != http.StatusOK || !strings.Contains(page.Text("main"), "bea@company-b.example") {
		t.Fatalf("reset page: %d", page.StatusCode)
	}
	if r := bea.PostForm(t, "/reset/"+token, form("password", "short", "password_confirm", "short")); r.StatusCode != http.StatusUnprocessableEntity || r.Text("#f-password-error") == "" {
		t.Errorf("a short password: %d", r.StatusCode)
	}
	if r := bea.PostForm(t, "/reset/"+token, form("password", "a long new password", "password_confirm", "another one")); r.StatusCode != http.StatusUnprocessableEntity || r.Text("#f-password_confirm-error") == "" {
		t.Errorf("two different passwords: %d", r.StatusCode)
	}
	if r := bea.PostForm(t, "/reset/"+token, form("password", "a long new password", "password_confirm", "a long new password")); r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/login" {
		t.Fatalf("set password: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	if r := bea.Get(t, "/reset/"+token); r.StatusCode != http.StatusNotFound || !strings.Contains(r.Text("main"), "used already") {
		t.Errorf("the used link: %d", r.StatusCode)
	}
	if r := bea.PostForm(t, "/reset/"+token, form("password", "yet another password", "password_confirm", "yet another password")); r.StatusCode != http.StatusNotFound {
		t.Errorf("setting a password with the used link again: %d", r.StatusCode)
	}
	bea.SignIn(t, "bea@company-b.example", "a long new password")
	if got := bea.Get(t, "/services").StatusCode; got != http.StatusOK {
		t.Errorf("Bea on My Services: %d", got)
	}

	// A new link replaces the unused one, and expires after three days.
	var beaID int64
	_ = env.Pool.QueryRow(context.Background(), "SELECT id FROM users WHERE email = 'bea@company-b.example'").Scan(&beaID)
	first := admin.PostForm(t, "/admin/users/"+webtest.Itoa(beaID)+"/reset-link", nil).Doc.Find(".link-box").AttrOr("value", "")
	second := admin.PostForm(t, "/admin/users/"+webtest.Itoa(beaID)+"/reset-link", nil).Doc.Find(".link-box").AttrOr("value", "")
	if first == "" || first == second {
		t.Fatalf("links %q and %q", first, second)
	}
	if got := bea.Get(t, strings.TrimPrefix(first, env.URL)).StatusCode; got != http.StatusNotFound {
		t.Errorf("the replaced link: %d, want 404", got)
	}
	env.Clock.Advance(73 * time.Hour)
	if got := bea.Get(t, strings.TrimPrefix(second, env.URL)).StatusCode; got != http.StatusNotFound {
		t.Errorf("the expired link: %d, want 404", got)
	}
	for _, action := range []string{"user.create", "user.reset_link", "user.password_reset"} {
		if auditRows(t, env, action, 0) == 0 {
			t.Errorf("no %s in the audit trail", action)
		}
	}
}

// TestDisablingAUserEndsTheirSessions: a signed-in user's cookie stops working at once.
func TestDisablingAUserEndsTheirSessions(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	admin := env.SignedIn(t, webtest.Admin)
	partner := env.SignedIn(t, webtest.PartnerB)
	if got := partner.Get(t, "/services").StatusCode; got != http.StatusOK {
		t.Fatalf("before: %d", got)
	}
	var id int64
	_ = env.Pool.QueryRow(context.Background(), "SELECT id FROM users WHERE email = $1", webtest.PartnerB).Scan(&id)
	admin.Get(t, "/admin/users")
	r := admin.PostForm(t, "/admin/users/"+webtest.Itoa(id)+"/status", form("status", "disabled"))
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("disable: %d", r.StatusCode)
	}
	if got := partner.Get(t, "/services"); got.StatusCode != http.StatusSeeOther || !strings.HasPrefix(got.Header.Get("Location"), "/login") {
		t.Errorf("the disabled user's session: %d to %q, want sent to sign in", got.StatusCode, got.Header.Get("Location"))
	}
	again := env.Client(t)
	again.Get(t, "/login")
	if r := again.PostForm(t, "/login", form("email", webtest.PartnerB, "password", seed.DemoPassword)); r.StatusCode != http.StatusUnauthorized {
		t.Errorf("signing in while disabled: %d", r.StatusCode)
	}
	var self int64
	_ = env.Pool.QueryRow(context.Background(), "SELECT id FROM users WHERE email = $1", webtest.Admin).Scan(&self)
	if r := admin.PostForm(t, "/admin/users/"+webtest.Itoa(self)+"/status", form("status", "disabled")); r.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("disabling oneself: %d, want 422", r.StatusCode)
	}
	if r := admin.PostForm(t, "/admin/users/"+webtest.Itoa(id)+"/status", form("status", "enabled")); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("enable: %d", r.StatusCode)
	}
	env.SignedIn(t, webtest.PartnerB)
	if auditRows(t, env, "user.disable", 0) != 1 || auditRows(t, env, "user.enable", 0) != 1 {
		t.Error("disable and enable not recorded once each")
	}
}

// TestANewPasswordOrADisableEndsEverySessionMadeBefore: a session signed in before the password
// was set anew (or before the account was disabled and enabled again) no longer works, even if
// it made no request in between.
func TestANewPasswordOrADisableEndsEverySessionMadeBefore(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	admin := env.SignedIn(t, webtest.Admin)
	admin.Get(t, "/admin/users")
	var id int64
	_ = env.Pool.QueryRow(context.Background(), "SELECT id FROM users WHERE email = $1", webtest.PartnerB).Scan(&id)
	signedOut := func(c *webtest.Client) bool {
		r := c.Get(t, "/services")
		return r.StatusCode == http.StatusSeeOther && strings.HasPrefix(r.Header.Get("Location"), "/login")
	}

	old := env.SignedIn(t, webtest.PartnerB)
	link := admin.PostForm(t, "/admin/users/"+webtest.Itoa(id)+"/reset-link", nil).Doc.Find(".link-box").AttrOr("value", "")
	path := strings.TrimPrefix(link, env.URL)
	other := env.Client(t)
	other.Get(t, path)
	if r := other.PostForm(t, path, form("password", "a brand new password", "password_confirm", "a brand new password")); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("set password: %d", r.StatusCode)
	}
	if !signedOut(old) {
		t.Error("a session from before the new password still works")
	}
	fresh := env.Client(t)
	fresh.SignIn(t, webtest.PartnerB, "a brand new password")
	if signedOut(fresh) {
		t.Fatal("signing in with the new password does not work")
	}

	idle := env.Client(t)
	idle.SignIn(t, webtest.PartnerB, "a brand new password")
	for _, status := range []string{"disabled", "enabled"} {
		if r := admin.PostForm(t, "/admin/users/"+webtest.Itoa(id)+"/status", form("status", status)); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: %d", status, r.StatusCode)
		}
	}
	if !signedOut(idle) {
		t.Error("a session that slept through disable and enable works again")
	}
}
