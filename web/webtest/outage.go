package webtest

import (
	"io"
	"net"
	"net/url"
	"sync"
	"testing"

	"partnerportal/web"
)

// NewCuttable is New with the portal's connections to its database running through a relay
// the test can cut (CutDatabase) and mend (RestoreDatabase), as a network failure or a
// database restart would. Env.DBURL still reaches the database directly.
func NewCuttable(t testing.TB, options ...func(*web.Config)) *Env {
	t.Helper()
	return start(t, nil, options, true)
}

// relay forwards TCP connections to the database; cut, it refuses new ones and drops those open.
type relay struct {
	target string
	mu     sync.Mutex
	ln     net.Listener
	addr   string
	conns  map[net.Conn]bool
	down   bool
}

// newRelay starts a relay to the database of dbURL and returns the URL that goes through it.
func newRelay(t testing.TB, dbURL string) (*relay, string) {
	t.Helper()
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	r := &relay{target: u.Host, conns: map[net.Conn]bool{}}
	r.listen(t, "127.0.0.1:0")
	t.Cleanup(r.cut)
	u.Host = r.addr
	return r, u.String()
}

func (r *relay) listen(t testing.TB, addr string) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatalf("relay to the database: %v", err)
	}
	r.mu.Lock()
	r.ln, r.addr, r.down = ln, ln.Addr().String(), false
	r.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return // cut
			}
			go r.forward(c)
		}
	}()
}

func (r *relay) forward(c net.Conn) {
	db, err := net.Dial("tcp", r.target)
	if err != nil {
		_ = c.Close()
		return
	}
	r.mu.Lock()
	if r.down { // cut while this one was being connected
		r.mu.Unlock()
		_, _ = c.Close(), db.Close()
		return
	}
	r.conns[c], r.conns[db] = true, true
	r.mu.Unlock()
	go func() { _, _ = io.Copy(db, c); _ = db.Close() }()
	_, _ = io.Copy(c, db)
	_ = c.Close()
}

// cut stops accepting and drops every open connection.
func (r *relay) cut() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.down = true
	if r.ln != nil {
		_ = r.ln.Close()
		r.ln = nil
	}
	for c := range r.conns {
		_ = c.Close()
	}
	clear(r.conns)
}

// CutDatabase makes the database unreachable for the portal: open connections break and new
// ones are refused. The portal's server errors from then on are expected.
func (e *Env) CutDatabase(t testing.TB) {
	t.Helper()
	if e.relay == nil {
		t.Fatal("webtest: CutDatabase needs a portal made by NewCuttable")
	}
	e.ExpectServerErrors()
	e.relay.cut()
}

// RestoreDatabase makes the database reachable again, at the same address.
func (e *Env) RestoreDatabase(t testing.TB) {
	t.Helper()
	e.relay.listen(t, e.relay.addr)
}
