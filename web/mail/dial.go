package mail

import (
	"context"
	"crypto/tls"
	"net"
)

// dialer opens the one connection of a Send and ties it to the Send's context. go-mail
// honours the context only while dialling; closing the connection when the context ends is
// what stops a server that goes quiet halfway from holding a job.
type dialer struct {
	ctx      context.Context
	security Security
	tls      *tls.Config
	conn     net.Conn
	stop     func() bool
}

// dial is go-mail's DialContextFunc. Given one, go-mail no longer wraps the connection in TLS
// for smtps://, so the handshake is done here; smtp:// leaves STARTTLS to go-mail.
func (d *dialer) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	var nd net.Dialer
	conn, err := nd.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	d.conn = conn
	d.stop = context.AfterFunc(d.ctx, func() { _ = conn.Close() })
	if d.security != ImplicitTLS {
		return conn, nil
	}
	tc := tls.Client(conn, d.tls)
	if err := tc.HandshakeContext(ctx); err != nil {
		return nil, err
	}
	return tc, nil
}

// close releases the connection whatever state go-mail left it in (it does not close it
// when the greeting, STARTTLS or AUTH fails).
func (d *dialer) close() {
	if d.stop != nil {
		d.stop()
	}
	if d.conn != nil {
		_ = d.conn.Close()
	}
}
