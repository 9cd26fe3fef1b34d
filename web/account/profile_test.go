package account_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"partnerportal/web/webtest"
)

// TestChangeName: a new name shows in the header at once and is in the trail; a name that is
// not one comes back in place with 422 and its message, as typed.
func TestChangeName(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerA)
	for _, tt := range []struct{ name, value, want string }{
		{"empty", "   ", "Enter your name."},
		{"too long", strings.Repeat("n", 201), "Use at most 200 characters."},
		{"a control character", "Anna\x1b[2J", "Use plain text on one line, without control characters."},
	} {
		c.Get(t, "/account")
		r := c.PostForm(t, "/account/name", url.Values{"name": {tt.value}})
		if r.StatusCode != http.StatusUnprocessableEntity || r.Text("#f-name-error") != tt.want {
			t.Errorf("%s: %d %q, want 422 %q", tt.name, r.StatusCode, r.Text("#f-name-error"), tt.want)
		}
	}
	c.Get(t, "/account")
	r := c.PostForm(t, "/account/name", url.Values{"name": {"  Anna Andersen-Berg "}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/account#profile" {
		t.Fatalf("save: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	page := c.Get(t, "/account")
	if got := page.Text(".account__name"); got != "Anna Andersen-Berg" {
		t.Errorf("the header shows %q", got)
	}
	if got := page.Doc.Find("#f-name").AttrOr("value", ""); got != "Anna Andersen-Berg" {
		t.Errorf("the field holds %q", got)
	}
	if n := auditCount(t, env, userID(t, env, webtest.PartnerA), "user.name_change"); n != 1 {
		t.Errorf("%d audit events, want 1", n)
	}
}
