package smtptest

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestParse: the encodings and structures a sender may choose all come out as a mail client
// would show them.
func TestParse(t *testing.T) {
	t.Parallel()
	crlf := func(s string) []byte { return []byte(strings.ReplaceAll(s, "\n", "\r\n")) }
	tests := []struct {
		name    string
		raw     []byte
		subject string
		parts   []Part
	}{{
		name:    "no Content-Type is US-ASCII text",
		raw:     crlf("Subject: Hi\n\nHello\n"),
		subject: "Hi",
		parts:   []Part{{MediaType: "text/plain", Charset: "us-ascii", Body: "Hello\n"}},
	}, {
		name: "quoted-printable text, Q-encoded subject",
		raw: crlf("Subject: =?UTF-8?q?Ihr_Zugang_l=C3=A4uft_ab?=\nContent-Type: text/plain; charset=UTF-8\n" +
			"Content-Transfer-Encoding: quoted-printable\n\nl=C3=A4uft und eine sehr lange Zeile, die wei=\nterl=C3=A4uft\n"),
		subject: "Ihr Zugang läuft ab",
		parts: []Part{{MediaType: "text/plain", Charset: "UTF-8", Encoding: "quoted-printable",
			Body: "läuft und eine sehr lange Zeile, die weiterläuft\n"}},
	}, {
		name: "base64 parts in nested multiparts, B-encoded subject",
		raw: crlf("Subject: =?utf-8?b?R3LDvMOfZQ==?=\nContent-Type: multipart/mixed; boundary=out\n\n" +
			"--out\nContent-Type: multipart/alternative; boundary=in\n\n" +
			"--in\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\nR3LDvMOf\nZQ==\n" +
			"--in\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\nPHA+R3LDvMOfZTwvcD4=\n" +
			"--in--\n--out\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\nJVBERg==\n--out--\n"),
		subject: "Grüße",
		parts: []Part{
			{MediaType: "text/plain", Charset: "utf-8", Encoding: "base64", Body: "Grüße"},
			{MediaType: "text/html", Charset: "utf-8", Encoding: "base64", Body: "<p>Grüße</p>"},
			{MediaType: "application/pdf", Encoding: "base64", Body: "%PDF"},
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := parse("a@example.test", []string{"b@example.test"}, tt.raw)
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			if got.Subject != tt.subject {
				t.Errorf("Subject = %q, want %q", got.Subject, tt.subject)
			}
			if diff := cmp.Diff(tt.parts, got.Parts); diff != "" {
				t.Errorf("parts (-want +got):\n%s", diff)
			}
			if want := tt.parts[0].Body; got.Text != want {
				t.Errorf("Text = %q, want the first part's %q", got.Text, want)
			}
			if len(tt.parts) > 1 && got.HTML != tt.parts[1].Body {
				t.Errorf("HTML = %q, want the second part's %q", got.HTML, tt.parts[1].Body)
			}
		})
	}
}
