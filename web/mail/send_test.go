package mail

import (
	"context"
	"strings"
	"testing"
	"time"

	"partnerportal/web/mail/smtptest"
)

// newTestSender starts a test server and returns a sender that reaches it over STARTTLS
// with AUTH, configured from the server's PORTAL_SMTP_URL as production would be.
func newTestSender(t *testing.T) (*SMTP, *smtptest.Server) {
	t.Helper()
	srv := smtptest.Start(t)
	cfg, err := ParseURL(srv.URL())
	if err != nil {
		t.Fatalf("ParseURL(%q): %v", srv.URL(), err)
	}
	return NewSMTP(cfg, WithTLSConfig(srv.TLSConfig()), WithTimeout(10*time.Second)), srv
}

// expiring is a message with both parts, a non-ASCII subject and an unsubscribe link.
func expiring(id string) Message {
	return Message{
		ID: id, To: "anna@partner.example", ToName: "Anna Schäfer",
		Subject:     "Ihr Zugang läuft ab",
		Text:        "Hallo Anna,\nIhr Zugang läuft am 30. Juni ab.\n",
		HTML:        "<p>Hallo Anna,</p><p>Ihr Zugang läuft am 30. Juni ab.</p>",
		Unsubscribe: "https://portal.example/preferences/mail?t=abc",
	}
}

// TestSendOverStartTLS checks what a mail client would see of a sent message.
func TestSendOverStartTLS(t *testing.T) {
	t.Parallel()
	s, srv := newTestSender(t)
	if err := s.Send(context.Background(), expiring("42")); err != nil {
		t.Fatalf("Send: %v", err)
	}
	got := srv.WaitFor(t, 1, 5*time.Second)[0]
	from, err := got.Header.AddressList("From")
	if err != nil || len(from) != 1 {
		t.Fatalf("From header %q: %v", got.Header.Get("From"), err)
	}
	to, err := got.Header.AddressList("To")
	if err != nil || len(to) != 1 {
		t.Fatalf("To header %q: %v", got.Header.Get("To"), err)
	}
	contentType := got.Header.Get("Content-Type")
	var parts []string
	for _, p := range got.Parts {
		parts = append(parts, p.MediaType)
	}
	checks := []struct{ name, got, want string }{
		{"envelope from", got.From, smtptest.From},
		{"envelope to", strings.Join(got.To, ","), "anna@partner.example"},
		{"From", from[0].String(), `"Partner Portal" <portal@example.test>`},
		{"To name", to[0].Name, "Anna Schäfer"},
		{"To address", to[0].Address, "anna@partner.example"},
		{"Subject", got.Subject, "Ihr Zugang läuft ab"},
		{"Message-ID", got.Header.Get("Message-ID"), "<portal-mail-42@example.test>"},
		{"List-Unsubscribe", got.Header.Get("List-Unsubscribe"), "<https://portal.example/preferences/mail?t=abc>"},
		{"Auto-Submitted", got.Header.Get("Auto-Submitted"), "auto-generated"},
		{"Content-Type", contentType[:min(len(contentType), len("multipart/alternative;"))], "multipart/alternative;"},
		{"parts in order", strings.Join(parts, ","), "text/plain,text/html"},
		{"text", got.Text, "Hallo Anna,\nIhr Zugang läuft am 30. Juni ab.\n"},
		{"html", got.HTML, "<p>Hallo Anna,</p><p>Ihr Zugang läuft am 30. Juni ab.</p>"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	for _, p := range got.Parts {
		if !strings.EqualFold(p.Charset, "utf-8") {
			t.Errorf("%s part has charset %q, want UTF-8", p.MediaType, p.Charset)
		}
	}
	if got.Header.Get("Date") == "" {
		t.Error("no Date header")
	}
}

// TestSendTextOnly: without HTML the mail is a single text/plain part.
func TestSendTextOnly(t *testing.T) {
	t.Parallel()
	s, srv := newTestSender(t)
	m := Message{ID: "7", To: "bob@partner.example", Subject: "Plain", Text: "Just text.\n"}
	if err := s.Send(context.Background(), m); err != nil {
		t.Fatalf("Send: %v", err)
	}
	got := srv.WaitFor(t, 1, 5*time.Second)[0]
	if len(got.Parts) != 1 || got.Parts[0].MediaType != "text/plain" || got.Text != "Just text.\n" {
		t.Errorf("parts %+v, want one text/plain part %q", got.Parts, "Just text.\n")
	}
	if h := got.Header.Get("List-Unsubscribe"); h != "" {
		t.Errorf("List-Unsubscribe = %q without a link, want none", h)
	}
}

// TestResendKeepsMessageID: a retry after a crash carries the Message-ID of the first try, so
// the receiving side can tell it is the same mail.
func TestResendKeepsMessageID(t *testing.T) {
	t.Parallel()
	s, srv := newTestSender(t)
	for range 2 {
		if err := s.Send(context.Background(), expiring("43")); err != nil {
			t.Fatalf("Send: %v", err)
		}
	}
	got := srv.WaitFor(t, 2, 5*time.Second)
	first, second := got[0].Header.Get("Message-ID"), got[1].Header.Get("Message-ID")
	if first != second || first != "<portal-mail-43@example.test>" {
		t.Errorf("Message-IDs %q and %q, want both <portal-mail-43@example.test>", first, second)
	}
}

// TestSendEachURLForm: every form of PORTAL_SMTP_URL delivers, with AUTH, to a server of its
// kind.
func TestSendEachURLForm(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		start func(testing.TB) *smtptest.Server
	}{
		{"smtp:// with STARTTLS", smtptest.Start},
		{"smtps:// with TLS from the start", smtptest.StartImplicitTLS},
		{"smtp://...?tls=none to a local relay", smtptest.StartLocalRelay},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := tt.start(t)
			cfg, err := ParseURL(srv.URL())
			if err != nil {
				t.Fatalf("ParseURL(%q): %v", srv.URL(), err)
			}
			s := NewSMTP(cfg, WithTLSConfig(srv.TLSConfig()), WithTimeout(10*time.Second))
			if err := s.Send(context.Background(), expiring("44")); err != nil {
				t.Fatalf("Send: %v", err)
			}
			if got := srv.WaitFor(t, 1, 5*time.Second)[0].Subject; got != "Ihr Zugang läuft ab" {
				t.Errorf("Subject = %q, want %q", got, "Ihr Zugang läuft ab")
			}
		})
	}
}
