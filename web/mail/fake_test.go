package mail

import (
	"net"
	"net/textproto"
	"strings"
	"testing"
)

// fakeServer listens on 127.0.0.1 and lets talk play a server's side of each connection, for
// the misbehaviour a real server does not offer. It returns host:port.
func fakeServer(t *testing.T, talk func(c *textproto.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				talk(textproto.NewConn(conn))
			}()
		}
	}()
	return ln.Addr().String()
}

// silent accepts and then never says a word, like a server stuck behind a firewall that
// drops packets after the handshake.
func silent(c *textproto.Conn) {
	for {
		if _, err := c.ReadLine(); err != nil {
			return
		}
	}
}

// noStartTLS greets and answers EHLO without offering STARTTLS, as a downgrading attacker
// in the middle would.
func noStartTLS(c *textproto.Conn) {
	_ = c.PrintfLine("220 fake ESMTP")
	for {
		line, err := c.ReadLine()
		if err != nil {
			return
		}
		verb, _, _ := strings.Cut(strings.ToUpper(line), " ")
		switch verb {
		case "EHLO":
			_ = c.PrintfLine("250-fake")
			_ = c.PrintfLine("250 AUTH PLAIN")
		case "QUIT":
			_ = c.PrintfLine("221 bye")
			return
		default:
			_ = c.PrintfLine("502 not here")
		}
	}
}

// closedPort is a port on 127.0.0.1 that nothing listens on any more.
func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	return addr
}
