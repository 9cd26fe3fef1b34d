package mail

import (
	netmail "net/mail"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestParseURL covers the forms of PORTAL_SMTP_URL the portal accepts and the mistakes it
// refuses, each with a message that names the variable and never the password.
func TestParseURL(t *testing.T) {
	t.Parallel()
	portal := func(addr string) netmail.Address { return netmail.Address{Name: "Partner Portal", Address: addr} }
	tests := []struct {
		name    string
		raw     string
		want    Config
		wantErr string // a piece of the error; empty when the URL is good
	}{
		{name: "STARTTLS with auth", raw: "smtp://user:pass@mail.example.com:587",
			want: Config{Host: "mail.example.com", Port: 587, Security: StartTLS, Username: "user", Password: "pass", From: portal("no-reply@example.com")}},
		{name: "STARTTLS on its default port", raw: "smtp://user:pass@smtp.example.com",
			want: Config{Host: "smtp.example.com", Port: 587, Security: StartTLS, Username: "user", Password: "pass", From: portal("no-reply@example.com")}},
		{name: "implicit TLS on its default port", raw: "smtps://user:pass@smtp.example.com",
			want: Config{Host: "smtp.example.com", Port: 465, Security: ImplicitTLS, Username: "user", Password: "pass", From: portal("no-reply@example.com")}},
		{name: "another port", raw: "smtps://user:pass@relay.example.net:2465",
			want: Config{Host: "relay.example.net", Port: 2465, Security: ImplicitTLS, Username: "user", Password: "pass", From: portal("no-reply@relay.example.net")}},
		{name: "no auth and a bare from", raw: "smtp://relay.example.net:2525?from=portal@example.com",
			want: Config{Host: "relay.example.net", Port: 2525, Security: StartTLS, From: portal("portal@example.com")}},
		{name: "from with a name", raw: "smtp://relay.example.net?from=Acme%20Portal%20%3Cportal@acme.example%3E",
			want: Config{Host: "relay.example.net", Port: 587, Security: StartTLS, From: netmail.Address{Name: "Acme Portal", Address: "portal@acme.example"}}},
		{name: "percent-encoded user and password", raw: "smtp://user%40corp:p%40ss%2Fw%3Ard%25@smtp.example.com",
			want: Config{Host: "smtp.example.com", Port: 587, Security: StartTLS, Username: "user@corp", Password: "p@ss/w:rd%", From: portal("no-reply@example.com")}},
		{name: "an IP address sends as localhost", raw: "smtp://192.0.2.1",
			want: Config{Host: "192.0.2.1", Port: 587, Security: StartTLS, From: portal("no-reply@localhost")}},
		{name: "local relay in clear", raw: "smtp://127.0.0.1?tls=none",
			want: Config{Host: "127.0.0.1", Port: 25, Security: NoTLS, From: portal("no-reply@localhost")}},
		{name: "local relay by name", raw: "smtp://u:p@localhost:1025?tls=none",
			want: Config{Host: "localhost", Port: 1025, Security: NoTLS, Username: "u", Password: "p", From: portal("no-reply@localhost")}},
		{name: "local relay on IPv6", raw: "smtp://[::1]:2525?tls=none",
			want: Config{Host: "::1", Port: 2525, Security: NoTLS, From: portal("no-reply@localhost")}},

		{name: "empty", raw: "", wantErr: "PORTAL_SMTP_URL is empty"},
		{name: "another scheme", raw: "https://smtp.example.com", wantErr: `scheme "https" is not supported`},
		{name: "no scheme", raw: "smtp.example.com:587", wantErr: "PORTAL_SMTP_URL"},
		{name: "no host", raw: "smtp://user:pass@", wantErr: "names no host"},
		{name: "port zero", raw: "smtp://smtp.example.com:0", wantErr: `port "0"`},
		{name: "port too large", raw: "smtp://smtp.example.com:99999", wantErr: `port "99999"`},
		{name: "port not a number", raw: "smtp://user:s3cret@smtp.example.com:abc", wantErr: "not a valid URL"},
		{name: "implicit-TLS port with smtp", raw: "smtp://smtp.example.com:465", wantErr: "use smtps://host:465"},
		{name: "STARTTLS port with smtps", raw: "smtps://smtp.example.com:587", wantErr: "use smtp://host:587"},
		{name: "clear text to a remote host", raw: "smtp://smtp.example.com:25?tls=none", wantErr: "only for a relay on a loopback address"},
		{name: "clear text with smtps", raw: "smtps://127.0.0.1?tls=none", wantErr: "tls=none goes with smtp:// only"},
		{name: "unknown tls mode", raw: "smtp://127.0.0.1?tls=off", wantErr: `tls="off"`},
		{name: "misspelt parameter", raw: "smtp://smtp.example.com?form=portal@example.com", wantErr: `parameter "form"`},
		{name: "from not an address", raw: "smtp://smtp.example.com?from=portal", wantErr: `from="portal"`},
		{name: "user without password", raw: "smtp://user@smtp.example.com", wantErr: "both a user name and a password"},
		{name: "password without user", raw: "smtp://:s3cret@smtp.example.com", wantErr: "both a user name and a password"},
		{name: "a path", raw: "smtp://smtp.example.com/mail", wantErr: "no path"},
		{name: "a bad escape in the password", raw: "smtp://user:s3cret%zz@smtp.example.com", wantErr: "%25"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := ParseURL(tt.raw)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("ParseURL(%q): %v", tt.raw, err)
				}
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("ParseURL(%q) (-want +got):\n%s", tt.raw, diff)
				}
				return
			}
			switch {
			case err == nil:
				t.Fatalf("ParseURL(%q) = %+v, want an error mentioning %q", tt.raw, got, tt.wantErr)
			case !strings.Contains(err.Error(), tt.wantErr):
				t.Errorf("ParseURL(%q) error %q, want it to mention %q", tt.raw, err, tt.wantErr)
			case !strings.Contains(err.Error(), "PORTAL_SMTP_URL"):
				t.Errorf("ParseURL(%q) error %q does not name PORTAL_SMTP_URL", tt.raw, err)
			case strings.Contains(err.Error(), "s3cret"):
				t.Errorf("ParseURL(%q) error %q gives the password away", tt.raw, err)
			}
		})
	}
}

// TestConfigStringHidesPassword: a Config is safe to log.
func TestConfigStringHidesPassword(t *testing.T) {
	t.Parallel()
	cfg, err := ParseURL("smtps://user:s3cret@smtp.example.com?from=portal@example.com")
	if err != nil {
		t.Fatal(err)
	}
	got := cfg.String()
	if strings.Contains(got, "s3cret") || got != `smtps://user:xxxxx@smtp.example.com:465 (implicit TLS, from "Partner Portal" <portal@example.com>)` {
		t.Errorf("String() = %q, want the URL with the password masked", got)
	}
}
