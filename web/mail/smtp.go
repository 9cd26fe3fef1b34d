package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// DefaultTimeout bounds one Send from dialling to QUIT.
const DefaultTimeout = 30 * time.Second

// SMTP is the Sender that talks to an SMTP server.
//
// Each Send dials, sends one message and quits. At the portal's volume a connection per mail
// costs nothing that matters, and it means no pool to keep alive: no half-dead connection
// after the server's idle timeout, no lock shared between concurrent jobs, and a failure
// never carries over to the next message.
type SMTP struct {
	cfg     Config
	tls     *tls.Config
	timeout time.Duration
}

// Option changes how an SMTP sender connects.
type Option func(*SMTP)

// WithTLSConfig sets the TLS configuration, for example to trust a test server's own
// certificate. Its ServerName defaults to the configured host.
func WithTLSConfig(c *tls.Config) Option { return func(s *SMTP) { s.tls = c } }

// WithTimeout replaces DefaultTimeout.
func WithTimeout(d time.Duration) Option { return func(s *SMTP) { s.timeout = d } }

// NewSMTP returns a Sender for cfg, usually the result of ParseURL. A Config without From
// gets the same default sender as a URL without from=.
func NewSMTP(cfg Config, opts ...Option) *SMTP {
	if cfg.From.Address == "" {
		cfg.From = defaultFrom(cfg.Host)
	}
	s := &SMTP{cfg: cfg, timeout: DefaultTimeout}
	for _, o := range opts {
		o(s)
	}
	if s.tls == nil {
		s.tls = &tls.Config{}
	}
	s.tls = s.tls.Clone()
	if s.tls.ServerName == "" {
		s.tls.ServerName = cfg.Host
	}
	if s.tls.MinVersion == 0 {
		s.tls.MinVersion = tls.VersionTLS12
	}
	return s
}

// Send delivers m. Once the server has accepted the message, a failure to say goodbye is
// ignored: reporting it would make the caller send the mail a second time.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	if s.cfg.Security == NoTLS && !isLoopback(s.cfg.Host) {
		// ParseURL refuses this already; a Config built by hand must not get round it.
		return fmt.Errorf("mail: refusing to send in clear to %s, which is not a loopback address", s.cfg.Host)
	}
	msg, err := compose(m, s.cfg.From)
	if err != nil {
		return err
	}
	late := fmt.Errorf("gave up after %s: %w", s.timeout, context.DeadlineExceeded)
	ctx, cancel := context.WithTimeoutCause(ctx, s.timeout, late)
	defer cancel()
	d := &dialer{ctx: ctx, security: s.cfg.Security, tls: s.tls}
	defer d.close()
	client, err := gomail.NewClient(s.cfg.Host, s.clientOptions(d)...)
	if err != nil {
		return fmt.Errorf("mail: %w", err)
	}
	conn, err := client.DialToSMTPClientWithContext(ctx)
	if err != nil {
		return s.failed(ctx, late, "connect to", err)
	}
	err = client.SendWithSMTPClient(conn, msg)
	_ = client.CloseWithSMTPClient(conn)
	if msg.IsDelivered() {
		return nil
	}
	return s.failed(ctx, late, fmt.Sprintf("send message %s to %s via", m.ID, m.To), err)
}

// failed words an error. When the deadline or the caller's cancellation cut the connection,
// that cause comes first, since the network error it provoked says little. go-mail's own
// per-command deadline can fire a moment before the Send's, so a timeout counts as late too.
func (s *SMTP) failed(ctx context.Context, late error, doing string, err error) error {
	cause := context.Cause(ctx)
	var ne net.Error
	if cause == nil && errors.As(err, &ne) && ne.Timeout() {
		cause = late
	}
	if cause != nil {
		return fmt.Errorf("mail: %s %s: %w (%w)", doing, s.cfg.Addr(), cause, err)
	}
	return fmt.Errorf("mail: %s %s: %w", doing, s.cfg.Addr(), err)
}

// clientOptions configures go-mail for one connection.
func (s *SMTP) clientOptions(d *dialer) []gomail.Option {
	opts := []gomail.Option{
		gomail.WithPort(s.cfg.Port),
		gomail.WithTimeout(s.timeout),
		gomail.WithTLSConfig(s.tls),
		gomail.WithDialContextFunc(d.dial),
		// One message per connection: the NOOP before it and the RSET after it are wasted trips.
		gomail.WithoutNoop(),
		gomail.WithoutRset(),
	}
	switch s.cfg.Security {
	case StartTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	case ImplicitTLS:
		opts = append(opts, gomail.WithSSL())
	case NoTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	}
	if s.cfg.Username != "" {
		// PLAIN and LOGIN between them cover the servers we know; go-mail refuses both
		// without TLS, so the loopback relay needs their -NOENC forms.
		mechs := []gomail.SMTPAuthType{gomail.SMTPAuthPlain, gomail.SMTPAuthLogin}
		if s.cfg.Security == NoTLS {
			mechs = []gomail.SMTPAuthType{gomail.SMTPAuthPlainNoEnc, gomail.SMTPAuthLoginNoEnc}
		}
		opts = append(opts, gomail.WithOpportunisticSMTPAuth(mechs...),
			gomail.WithUsername(s.cfg.Username), gomail.WithPassword(s.cfg.Password))
	}
	return opts
}

var _ Sender = (*SMTP)(nil)
