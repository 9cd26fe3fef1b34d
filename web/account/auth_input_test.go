package account_test

import (
	"net/http"
	"net/url"
	"testing"

	"partnerportal/web/webtest"
)

// TestSignInAndSignUpRefuseUnreadableText: an address or a name holding a NUL byte, another
// control character or bytes that are not UTF-8 (a mistyped or forged request) gets the form
// back with 422 and a message, never a server error, and creates no account. The name is asked
// on the page the sign-up link opens.
func TestSignInAndSignUpRefuseUnreadableText(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	const password = "long enough password"
	asker := env.Client(t)
	asker.Get(t, "/signup")
	asker.PostForm(t, "/signup", url.Values{"email": {"dana@example.org"}})
	link := env.MailLink(t, "dana@example.org", "/signup/")
	for _, tt := range []struct {
		name, path string
		form       url.Values
		errorAt    string // where the message shows
		message    string
	}{
		{"sign in, NUL in the address", "/login", url.Values{"email": {"a\x00b@example.com"}, "password": {password}},
			".form__error", "Enter the e-mail address you sign in with, like name@example.com."},
		{"sign in, invalid UTF-8 address", "/login", url.Values{"email": {"\xff@example.com"}, "password": {password}},
			".form__error", "Enter the e-mail address you sign in with, like name@example.com."},
		{"sign up, NUL in the name", link, url.Values{"name": {"Da\x00na"}, "password": {password}},
			"#f-name-error", "Use plain text on one line, without control characters."},
		{"sign up, invalid UTF-8 name", link, url.Values{"name": {"Da\xffna"}, "password": {password}},
			"#f-name-error", "Use plain text on one line, without control characters."},
		{"sign up, line break in the name", link, url.Values{"name": {"Dana\r\nBcc: x@example.org"}, "password": {password}},
			"#f-name-error", "Use plain text on one line, without control characters."},
		{"sign up, invalid UTF-8 address", "/signup", url.Values{"email": {"\xff@example.org"}},
			"#f-email-error", "Enter an e-mail address like name@example.com."},
		{"sign up, NUL in the address", "/signup", url.Values{"email": {"a\x00b@example.org"}},
			"#f-email-error", "Enter an e-mail address like name@example.com."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := env.Client(t)
			c.Get(t, tt.path)
			r := c.PostForm(t, tt.path, tt.form)
			if r.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("status %d, want 422", r.StatusCode)
			}
			if got := r.Text(tt.errorAt); got != tt.message {
				t.Errorf("%s says %q, want %q", tt.errorAt, got, tt.message)
			}
			if got := c.Get(t, "/hub").Text(".account__name"); got != "" {
				t.Errorf("the refused form signed in %q", got)
			}
		})
	}
}
