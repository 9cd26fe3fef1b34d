package mail

import (
	"errors"
	"fmt"
	netmail "net/mail"
	"net/url"
	"strconv"
)

// ParseURL reads PORTAL_SMTP_URL:
//
//	smtp://user:pass@host:587     STARTTLS, required (port 587 when none is given)
//	smtps://user:pass@host:465    TLS from the first byte (port 465 when none is given)
//	smtp://127.0.0.1:25?tls=none  no TLS, only to a relay on a loopback address (port 25)
//
// The user and password are optional (no AUTH without them) and percent-decoded, so a
// password with "@" or "/" is written with %40 or %2F. The query may set from=, the sender
// (`portal@example.com` or `Name <portal@example.com>`); without it mail goes out as
// "Partner Portal <no-reply@DOMAIN>" with DOMAIN taken from the server's name (see
// defaultFrom). No error repeats the URL, since it holds the password.
func ParseURL(raw string) (Config, error) {
	if raw == "" {
		return Config{}, errors.New("PORTAL_SMTP_URL is empty")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return Config{}, urlError(err)
	}
	var c Config
	switch u.Scheme {
	case "smtp":
		c.Security, c.Port = StartTLS, 587
	case "smtps":
		c.Security, c.Port = ImplicitTLS, 465
	default:
		return Config{}, fmt.Errorf("PORTAL_SMTP_URL: scheme %q is not supported; use smtp:// (STARTTLS) or smtps:// (TLS from the start)", u.Scheme)
	}
	if c.Host = u.Hostname(); c.Host == "" {
		return Config{}, errors.New("PORTAL_SMTP_URL names no host")
	}
	if (u.Path != "" && u.Path != "/") || u.Opaque != "" || u.Fragment != "" {
		return Config{}, errors.New("PORTAL_SMTP_URL: only a host, a port and a query are allowed, no path or fragment")
	}
	if err := c.readQuery(u.Query()); err != nil {
		return Config{}, err
	}
	if err := c.readPort(u.Port(), u.Scheme); err != nil {
		return Config{}, err
	}
	if u.User != nil {
		pass, ok := u.User.Password()
		if c.Username = u.User.Username(); c.Username == "" || !ok {
			return Config{}, errors.New("PORTAL_SMTP_URL: give both a user name and a password (user:pass@host), or neither")
		}
		c.Password = pass
	}
	return c, nil
}

// readQuery takes from= and tls=none, and refuses anything else so a misspelt option does not
// pass unnoticed.
func (c *Config) readQuery(q url.Values) error {
	c.From = defaultFrom(c.Host)
	for key, values := range q {
		v := values[len(values)-1]
		switch key {
		case "from":
			from, err := netmail.ParseAddress(v)
			if err != nil {
				return fmt.Errorf("PORTAL_SMTP_URL: from=%q is not an e-mail address: %v", v, err)
			}
			if from.Name == "" {
				from.Name = defaultFromName
			}
			c.From = *from
		case "tls":
			if v != "none" {
				return fmt.Errorf("PORTAL_SMTP_URL: tls=%q is not known; the only choice is tls=none, for a local relay", v)
			}
			if c.Security == ImplicitTLS {
				return errors.New("PORTAL_SMTP_URL: smtps:// means TLS; tls=none goes with smtp:// only")
			}
			if !isLoopback(c.Host) {
				return fmt.Errorf("PORTAL_SMTP_URL: tls=none would send passwords and mail in clear to %s; it is allowed only for a relay on a loopback address (127.0.0.1, ::1, localhost)", c.Host)
			}
			c.Security, c.Port = NoTLS, 25
		default:
			return fmt.Errorf("PORTAL_SMTP_URL: query parameter %q is not known; use from= or tls=none", key)
		}
	}
	return nil
}

// readPort takes an explicit port, refusing the two well-known ports whose TLS mode
// contradicts the scheme: that mistake otherwise shows as a hang or a TLS handshake error.
func (c *Config) readPort(port, scheme string) error {
	if port == "" {
		return nil
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 1 || n > 65535 {
		return fmt.Errorf("PORTAL_SMTP_URL: port %q is not a number from 1 to 65535", port)
	}
	switch {
	case c.Security == StartTLS && n == 465:
		return errors.New("PORTAL_SMTP_URL: port 465 speaks TLS from the start; use smtps://host:465")
	case c.Security == ImplicitTLS && (n == 587 || n == 25):
		return fmt.Errorf("PORTAL_SMTP_URL: port %d uses STARTTLS; use smtp://host:%d", n, n)
	}
	c.Port = n
	return nil
}
