package mail

import (
	"errors"
	"fmt"
	"net"
	netmail "net/mail"
	"net/url"
	"strconv"
	"strings"
)

// Security is how the connection to the SMTP server is protected.
type Security int

const (
	// StartTLS (smtp://) connects in clear and upgrades with STARTTLS before anything else is
	// said; a server that does not offer it is refused, so credentials and mail never travel
	// in clear. It is the zero value, so a Config built by hand is safe by default.
	StartTLS Security = iota
	// ImplicitTLS (smtps://) speaks TLS from the first byte.
	ImplicitTLS
	// NoTLS (?tls=none) sends in clear, which ParseURL allows only to a loopback relay.
	NoTLS
)

// Config is where and how the portal sends mail, parsed from PORTAL_SMTP_URL.
type Config struct {
	Host     string
	Port     int
	Security Security
	// Username and Password are for SMTP AUTH; an empty Username means no AUTH.
	Username string
	Password string
	// From is the sender of every mail; its domain also names the Message-ID.
	From netmail.Address
}

// Addr is the server's host:port.
func (c Config) Addr() string { return net.JoinHostPort(c.Host, strconv.Itoa(c.Port)) }

// String describes the configuration for logs, with the password masked.
func (c Config) String() string {
	scheme := "smtp"
	if c.Security == ImplicitTLS {
		scheme = "smtps"
	}
	u := url.URL{Scheme: scheme, Host: c.Addr()}
	if c.Username != "" {
		u.User = url.UserPassword(c.Username, "xxxxx")
	}
	return fmt.Sprintf("%s (%s, from %s)", u.String(), c.Security, c.From.String())
}

// String names the mode for logs.
func (s Security) String() string {
	switch s {
	case StartTLS:
		return "STARTTLS"
	case ImplicitTLS:
		return "implicit TLS"
	case NoTLS:
		return "no TLS"
	}
	return fmt.Sprintf("Security(%d)", int(s))
}

// defaultFromName is the display name of the sender when ?from= gives a bare address.
const defaultFromName = "Partner Portal"

// defaultFrom is the sender when PORTAL_SMTP_URL names none: no-reply at the SMTP server's
// domain, its first label dropped when that is "smtp" or "mail" (smtp.example.com sends as
// no-reply@example.com), and "localhost" for an IP address. It is a guess that suits a
// company's own server; with a mail provider, set ?from= to an address of the portal's
// domain, or the receiving side's SPF and DMARC checks will not line up.
func defaultFrom(host string) netmail.Address {
	domain := strings.ToLower(host)
	if net.ParseIP(domain) != nil {
		domain = "localhost"
	}
	for _, label := range []string{"smtp.", "mail."} {
		if rest, ok := strings.CutPrefix(domain, label); ok && strings.Contains(rest, ".") {
			domain = rest
			break
		}
	}
	return netmail.Address{Name: defaultFromName, Address: "no-reply@" + domain}
}

// isLoopback reports whether host is this machine, the one place mail may go in clear.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// urlError explains why PORTAL_SMTP_URL did not parse without repeating it: the URL holds
// the password, and url.Parse's own error quotes the whole URL.
func urlError(err error) error {
	var uerr *url.Error
	if errors.As(err, &uerr) {
		err = uerr.Err
	}
	var esc url.EscapeError
	if errors.As(err, &esc) {
		return errors.New("PORTAL_SMTP_URL has a bad %-escape; write a % in the user name or password as %25")
	}
	return fmt.Errorf("PORTAL_SMTP_URL is not a valid URL: %v", err)
}
