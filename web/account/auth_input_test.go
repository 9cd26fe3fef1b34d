package account_test

import (
	"net/http"
	"net/url"
	"testing"

	"partnerportal/web/webtest"
)

// TestSignInAndSignUpRefuseUnreadableText: an address or a name holding a NUL byte, another
// control character or bytes that are not UTF-8 (a mistyped or forged request) gets the form
// back with 422 and a message, never a server error, and creates no account.
func TestSignInAndSignUpRefuseUnreadableText(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	const password = "long enough password"
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
		{"sign up, NUL in the name", "/signup", url.Values{"name": {"Da\x00na"}, "email": {"dana1@example.org"}, "password": {password}},
			"#f-name-error", "Use letters, digits, spaces and punctuation only."},
		{"sign up, invalid UTF-8 name", "/signup", url.Values{"name": {"Da\xffna"}, "email": {"dana2@example.org"}, "password": {password}},
			"#f-name-error", "Use letters, digits, spaces and punctuation only."},
		{"sign up, line break in the name", "/signup", url.Values{"name": {"Dana\r\nBcc: x@example.org"}, "email": {"dana3@example.org"}, "password": {password}},
			"#f-name-error", "Use letters, digits, spaces and punctuation only."},
		{"sign up, invalid UTF-8 address", "/signup", url.Values{"name": {"Dana"}, "email": {"\xff@example.org"}, "password": {password}},
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
