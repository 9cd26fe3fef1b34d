package account_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"partnerportal/web/webtest"
)

// TestForgotPasswordRefusesWhatIsNotAnAddress: whatever is typed or sent instead of an
// address, the form comes back with 422 and a message under it, never a server error, and no
// e-mail is written.
func TestForgotPasswordRefusesWhatIsNotAnAddress(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	for _, tt := range []struct{ name, email string }{
		{"empty", ""},
		{"not an address", "not-an-address"},
		{"a NUL byte", "a\x00b@example.com"},
		{"invalid UTF-8", "\xff@example.com"},
		{"a control character", "a\tb@example.com"},
		{"with a display name", "Anna <" + webtest.PartnerA + ">"},
		{"two addresses", webtest.PartnerA + ", " + webtest.PartnerB},
		{"too long", strings.Repeat("a", 250) + "@example.com"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := askForLink(t, env, tt.email)
			if r.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("status %d, want 422", r.StatusCode)
			}
			if got := r.Text(".form__error"); got != "Enter the e-mail address you sign in with, like name@example.com." {
				t.Errorf("the form says %q", got)
			}
			if r.Doc.Find(`form[action="/password/forgot"] input[name=email]`).Length() != 1 {
				t.Error("the form is not shown again")
			}
		})
	}
	t.Cleanup(func() {
		var n int
		if err := env.Pool.QueryRow(context.Background(), "SELECT count(*) FROM mail_messages").Scan(&n); err != nil || n != 0 {
			t.Errorf("%d e-mails written (%v), want 0", n, err)
		}
	})
}

// TestSignInPageLinksForgotPassword: the sign-in page offers "Forgot your password?", carrying
// the address already typed when a sign-in failed, and the page it opens asks for the address
// with that one filled in.
func TestSignInPageLinksForgotPassword(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	for _, tt := range []struct {
		name, email string // email: typed into a failed sign-in first, "" for none
		href        string
	}{
		{"a fresh sign-in page", "", "/password/forgot"},
		{"after a failed sign-in", webtest.PartnerA, "/password/forgot?email=a%40company-a.example"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := env.Client(t)
			page := c.Get(t, "/login")
			if tt.email != "" {
				page = c.PostForm(t, "/login", url.Values{"email": {tt.email}, "password": {"not the password"}})
			}
			link := page.Doc.Find("main a").FilterFunction(func(_ int, s *goquery.Selection) bool {
				return text(s) == "Forgot your password?"
			})
			if got := link.AttrOr("href", ""); link.Length() != 1 || got != tt.href {
				t.Fatalf("%d links \"Forgot your password?\" to %q, want one to %q", link.Length(), got, tt.href)
			}
			forgot := c.Get(t, tt.href)
			if forgot.StatusCode != http.StatusOK || forgot.Text("main h1") != "Forgot your password?" {
				t.Errorf("GET %s: %d with heading %q", tt.href, forgot.StatusCode, forgot.Text("main h1"))
			}
			if got := forgot.Doc.Find("#f-email").AttrOr("value", ""); got != tt.email {
				t.Errorf("the address field holds %q, want %q", got, tt.email)
			}
		})
	}
}
