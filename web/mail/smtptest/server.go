// Package smtptest runs a real SMTP server inside a test: STARTTLS with a certificate made
// for the test, AUTH PLAIN after TLS only, as a mail provider would, and every accepted
// message parsed with the standard library so a test can check what a mail client would see.
// Variants serve the other forms of PORTAL_SMTP_URL: implicit TLS and a local relay in clear.
package smtptest

import (
	"crypto/rand"
	"crypto/tls"
	"errors"
	"io"
	"log"
	"net"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// From is the sender address that URL asks the portal to use.
const From = "portal@example.test"

// Server is an SMTP server on 127.0.0.1. It is safe for concurrent use.
type Server struct {
	mode      string // the URL scheme it serves: "smtp", "smtps", or "relay" for smtp without TLS
	addr      string
	user      string
	password  string
	clientTLS *tls.Config

	mu       sync.Mutex
	received []Received
	failNext int
	rejected map[string]bool
}

// Start starts a server on a free port of 127.0.0.1 that offers STARTTLS and takes AUTH
// only after it, as smtp:// expects. It stops when the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	return start(t, "smtp")
}

// StartImplicitTLS starts a server that speaks TLS from the first byte, as smtps:// expects.
func StartImplicitTLS(t testing.TB) *Server {
	t.Helper()
	return start(t, "smtps")
}

// StartLocalRelay starts a server without TLS that takes AUTH in clear, like a relay on the
// same machine, which smtp://...?tls=none reaches.
func StartLocalRelay(t testing.TB) *Server {
	t.Helper()
	return start(t, "relay")
}

// start listens, serves in the background, and arranges the stop. The certificate is made
// for every mode, so TLSConfig always answers.
func start(t testing.TB, mode string) *Server {
	t.Helper()
	serverTLS, clientTLS, err := newCertificate()
	if err != nil {
		t.Fatalf("smtptest: make a certificate: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("smtptest: listen: %v", err)
	}
	s := &Server{
		mode: mode,
		addr: ln.Addr().String(),
		user: "portal-" + rand.Text()[:8],
		// The password holds characters that must be percent-encoded in a URL, so every test
		// that sends through the server also proves ParseURL decodes them.
		password:  rand.Text() + "/@:%",
		clientTLS: clientTLS,
		rejected:  map[string]bool{},
	}
	srv := smtp.NewServer(backend{s})
	switch mode {
	case "smtp":
		srv.TLSConfig = serverTLS
	case "smtps":
		ln = tls.NewListener(ln, serverTLS)
	case "relay":
		srv.AllowInsecureAuth = true
	}
	srv.Domain = "localhost"
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	srv.MaxMessageBytes = 10 << 20
	srv.ErrorLog = log.New(io.Discard, "", 0) // clients that hang up are a test's business
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := srv.Serve(ln); err != nil && !errors.Is(err, smtp.ErrServerClosed) {
			t.Errorf("smtptest: serve: %v", err)
		}
	}()
	t.Cleanup(func() {
		_ = srv.Close()
		<-done
	})
	return s
}

// URL is a PORTAL_SMTP_URL that reaches the server with its user, password and From.
func (s *Server) URL() string {
	q := url.Values{"from": {From}}
	scheme := s.mode
	if s.mode == "relay" {
		scheme = "smtp"
		q.Set("tls", "none")
	}
	u := url.URL{Scheme: scheme, User: url.UserPassword(s.user, s.password), Host: s.addr, RawQuery: q.Encode()}
	return u.String()
}

// Addr is the server's host:port.
func (s *Server) Addr() string { return s.addr }

// TLSConfig trusts the server's certificate, and nothing else.
func (s *Server) TLSConfig() *tls.Config { return s.clientTLS.Clone() }
