package mail

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// TestSendFailures: each way a send can fail ends in an error, promptly, that says what
// happened and whether a retry may help.
func TestSendFailures(t *testing.T) {
	t.Parallel()
	// sender reaches addr over STARTTLS with AUTH, as smtp://user:pass@addr says.
	sender := func(t *testing.T, addr string, opts ...Option) *SMTP {
		cfg, err := ParseURL("smtp://user:pass@" + addr)
		if err != nil {
			t.Fatal(err)
		}
		return NewSMTP(cfg, append([]Option{WithTimeout(500 * time.Millisecond)}, opts...)...)
	}
	tests := []struct {
		name      string
		send      func(t *testing.T) error
		permanent bool
		mention   string // a piece of the error's text
	}{{
		name: "451 at DATA is temporary",
		send: func(t *testing.T) error {
			s, srv := newTestSender(t)
			srv.FailNext(1)
			err := s.Send(context.Background(), expiring("1"))
			if again := s.Send(context.Background(), expiring("1")); again != nil {
				t.Errorf("the send after the refusal: %v, want it to go through", again)
			}
			return err
		},
		mention: "451",
	}, {
		name: "550 for the recipient is permanent",
		send: func(t *testing.T) error {
			s, srv := newTestSender(t)
			srv.RejectRecipient("anna@partner.example")
			return s.Send(context.Background(), expiring("2"))
		},
		permanent: true, mention: "550",
	}, {
		name: "nothing listens",
		send: func(t *testing.T) error {
			return sender(t, closedPort(t)).Send(context.Background(), expiring("3"))
		},
		mention: "connection refused",
	}, {
		name: "a server that never answers is given up on",
		send: func(t *testing.T) error {
			return sender(t, fakeServer(t, silent)).Send(context.Background(), expiring("4"))
		},
		mention: "gave up after 500ms",
	}, {
		name: "a server without STARTTLS gets nothing in clear",
		send: func(t *testing.T) error {
			return sender(t, fakeServer(t, noStartTLS)).Send(context.Background(), expiring("5"))
		},
		mention: "STARTTLS",
	}, {
		name: "a certificate nobody vouches for is refused",
		send: func(t *testing.T) error {
			_, srv := newTestSender(t)
			cfg, err := ParseURL(srv.URL())
			if err != nil {
				t.Fatal(err)
			}
			return NewSMTP(cfg).Send(context.Background(), expiring("6"))
		},
		mention: "certificate",
	}, {
		name: "a wrong password waits for the configuration to be fixed",
		send: func(t *testing.T) error {
			_, srv := newTestSender(t)
			s := sender(t, srv.Addr(), WithTLSConfig(srv.TLSConfig()))
			return s.Send(context.Background(), expiring("7"))
		},
		mention: "AUTH",
	}, {
		name: "a malformed recipient is refused before any server is asked",
		send: func(t *testing.T) error {
			m := expiring("8")
			m.To = "anna at partner"
			return sender(t, closedPort(t)).Send(context.Background(), m)
		},
		permanent: true, mention: `recipient "anna at partner"`,
	}, {
		name: "a hand-made Config does not get round the clear-text rule",
		send: func(t *testing.T) error {
			cfg := Config{Host: "192.0.2.1", Port: 25, Security: NoTLS}
			return NewSMTP(cfg).Send(context.Background(), expiring("10"))
		},
		mention: "refusing to send in clear",
	}, {
		name: "a cancelled job stops the send",
		send: func(t *testing.T) error {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			err := sender(t, fakeServer(t, silent)).Send(ctx, expiring("9"))
			if !errors.Is(err, context.Canceled) {
				t.Errorf("error %v does not wrap context.Canceled", err)
			}
			return err
		},
		mention: "context canceled",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			err := tt.send(t)
			if err == nil {
				t.Fatal("Send succeeded, want an error")
			}
			t.Logf("error: %v", err)
			if took := time.Since(start); took > 5*time.Second {
				t.Errorf("Send took %s to fail", took)
			}
			if got := Permanent(err); got != tt.permanent {
				t.Errorf("Permanent(%v) = %v, want %v", err, got, tt.permanent)
			}
			if !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("error %q does not mention %q", err, tt.mention)
			}
		})
	}
}
