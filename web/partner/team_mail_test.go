package partner_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"partnerportal/web/jobs"
	"partnerportal/web/mail"
	"partnerportal/web/webtest"
)

// sentMail is a mail server that keeps what it is given.
type sentMail struct {
	mu   sync.Mutex
	sent []mail.Message
}

func (s *sentMail) Send(_ context.Context, m mail.Message) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sent = append(s.sent, m)
	return nil
}

func (s *sentMail) to(address string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, m := range s.sent {
		if m.To == address {
			n++
		}
	}
	return n
}

// TestInvitationIsMailedWhenMailIsConfigured: with a mail server the invitation leaves by
// e-mail and the page says so, without showing the link.
func TestInvitationIsMailedWhenMailIsConfigured(t *testing.T) {
	t.Parallel()
	server := &sentMail{}
	env := webtest.NewWithJobs(t, jobs.Config{Mail: server})
	owner := env.SignedIn(t, ownerC)
	owner.Get(t, "/team")
	r := owner.PostForm(t, "/team/invitations", url.Values{"email": {"mailed@company-c.example"}})
	if r.StatusCode != http.StatusOK || !strings.Contains(r.Text("#invite-link-title + *"), "We have e-mailed them") {
		t.Fatalf("invite: %d %q", r.StatusCode, r.Text("main"))
	}
	if r.Doc.Find("#invite-link").Length() != 0 {
		t.Error("the page shows the link although it was mailed")
	}
	for deadline := time.Now().Add(10 * time.Second); server.to("mailed@company-c.example") == 0; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the invitation was not sent")
		}
	}
}
