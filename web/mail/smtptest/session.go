package smtptest

import (
	"io"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// backend opens a session per connection. go-smtp itself offers AUTH only once TLS is up,
// unless the server allows it in clear (the local relay).
type backend struct{ s *Server }

func (b backend) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{s: b.s}, nil }

// session is one client connection: whether it signed in, and the envelope of the message
// under way.
type session struct {
	s      *Server
	authed bool
	from   string
	to     []string
}

func (ss *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (ss *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != ss.s.user || pass != ss.s.password {
			return smtp.ErrAuthFailed
		}
		ss.authed = true
		return nil
	}), nil
}

func (ss *session) Mail(from string, _ *smtp.MailOptions) error {
	if !ss.authed {
		return smtp.ErrAuthRequired
	}
	ss.from = from
	return nil
}

func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if !ss.authed {
		return smtp.ErrAuthRequired
	}
	ss.s.mu.Lock()
	rejected := ss.s.rejected[to]
	ss.s.mu.Unlock()
	if rejected {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1},
			Message: "No such user here"}
	}
	ss.to = append(ss.to, to)
	return nil
}

func (ss *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	ss.s.mu.Lock()
	defer ss.s.mu.Unlock()
	if ss.s.failNext > 0 {
		ss.s.failNext--
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0},
			Message: "Temporary failure, try again later"}
	}
	m, err := parse(ss.from, ss.to, raw)
	if err != nil {
		// Refused so that the sender's test fails with the reason, rather than a test
		// later finding no message.
		return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 6, 0},
			Message: "smtptest cannot parse the message: " + oneLine(err)}
	}
	ss.s.received = append(ss.s.received, m)
	return nil
}

func (ss *session) Reset() { ss.from, ss.to = "", nil }

func (ss *session) Logout() error { return nil }

// oneLine keeps an error fit for an SMTP reply, which ends at the first line break.
func oneLine(err error) string {
	msg := err.Error()
	for i, r := range msg {
		if r == '\r' || r == '\n' {
			return msg[:i]
		}
	}
	return msg
}

var _ smtp.AuthSession = (*session)(nil)
