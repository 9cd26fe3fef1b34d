// Package mail sends the portal's e-mail over SMTP. A job renders a mail with Render, stores
// it, and hands it to a Sender; Permanent tells the job whether a failure is worth a retry.
package mail

import (
	"context"
	"fmt"
	netmail "net/mail"
	"net/url"
	"strings"

	gomail "github.com/wneessen/go-mail"
)

// Message is one mail to one person, as stored before it is sent.
type Message struct {
	// ID identifies the stored message ("42"): letters, digits, '.', '-' and '_'. The
	// Message-ID header is made from it, so a resend after a crash is recognisably the same
	// mail to the receiving side.
	ID string
	// To is the recipient's bare address; ToName, when set, is shown with it.
	To     string
	ToName string
	// Subject may hold any text; non-ASCII is encoded as RFC 2047 words.
	Subject string
	// Text is the plain-text body, always sent; HTML, when set, is its alternative.
	Text string
	HTML string
	// Unsubscribe, when set, is an absolute URL sent as List-Unsubscribe.
	Unsubscribe string
}

// Sender sends one message. Implementations are safe for concurrent use.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// messageID is the Message-ID header's value without brackets: the same for the same stored
// message, and unique across senders through the domain of the From address.
func messageID(id string, from netmail.Address) string {
	domain := from.Address[strings.LastIndexByte(from.Address, '@')+1:]
	return "portal-mail-" + id + "@" + domain
}

// compose checks m and builds the go-mail message. Every refusal here is permanent: sending
// the same message again cannot make it valid.
func compose(m Message, from netmail.Address) (*gomail.Msg, error) {
	if m.ID == "" || strings.TrimLeft(m.ID, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_") != "" {
		return nil, invalid(m.ID, "ID %q must be letters, digits, '.', '-' or '_'", m.ID)
	}
	to, err := netmail.ParseAddress(m.To)
	if err != nil || to.Name != "" {
		return nil, invalid(m.ID, "recipient %q is not a bare e-mail address", m.To)
	}
	if strings.TrimSpace(m.Subject) == "" || m.Text == "" {
		return nil, invalid(m.ID, "subject and text are required")
	}
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	msg.FromMailAddress(&from)
	msg.ToMailAddress(&netmail.Address{Name: m.ToName, Address: to.Address})
	msg.Subject(m.Subject)
	msg.SetMessageIDWithValue(messageID(m.ID, from))
	msg.SetDate()
	// RFC 3834: tells auto-responders (out-of-office) not to answer a machine.
	msg.SetGenHeader("Auto-Submitted", "auto-generated")
	if m.Unsubscribe != "" {
		u, err := url.Parse(m.Unsubscribe)
		if err != nil || !u.IsAbs() || strings.ContainsAny(m.Unsubscribe, "<> \t") {
			return nil, invalid(m.ID, "unsubscribe link %q is not an absolute URL", m.Unsubscribe)
		}
		msg.SetListUnsubscribe(m.Unsubscribe)
	}
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	return msg, nil
}

// invalid makes the error of a message that no server will ever take.
func invalid(id, format string, args ...any) error {
	return &invalidError{fmt.Sprintf("mail: message %s: "+format, append([]any{id}, args...)...)}
}

// invalidError marks a refusal by the portal itself, before any server was asked.
type invalidError struct{ msg string }

func (e *invalidError) Error() string { return e.msg }
