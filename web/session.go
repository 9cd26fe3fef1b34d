package web

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"partnerportal/web/ui"
	"slices"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/labstack/echo/v4"
)

func newSessionManager(store scs.Store, secure bool) *scs.SessionManager {
	sm := scs.New()
	sm.Store = store
	sm.Codec = scs.GobCodec{}
	// An absolute lifetime of a working day and no idle timeout: an idle timeout would make
	// every page view write the session to extend it.
	sm.Lifetime = 12 * time.Hour
	sm.Cookie.Name = "session"
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Path = "/"
	sm.Cookie.Secure = secure
	if secure {
		sm.Cookie.Name = "__Host-session"
	}
	return sm
}

// loadSession is scs's LoadAndSave for echo. The response is buffered so the session can be
// saved before anything reaches the client: a failed save is logged and answered with 500
// rather than a page that silently lost its change.
func (s *Server) loadSession(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if sessionless(c) {
			return next(c)
		}
		r := c.Request()
		var token string
		if ck, err := r.Cookie(s.sessions.Cookie.Name); err == nil {
			token = ck.Value
		}
		// The store reads the session's user and access with it (sessionStore.FindCtx).
		// what the account page's list of sessions says of this one: its browser and address
		ua := r.UserAgent()
		if len(ua) > 512 || !ui.CleanText(ua, false) {
			ua = ""
		}
		ip := c.RealIP()
		if len(ip) > 64 || !ui.CleanText(ip, false) {
			ip = ""
		}
		rs := &requestSession{today: ui.When(c).Today, now: ui.When(c).Now, userAgent: ua, ip: ip}
		ctx := context.WithValue(r.Context(), requestSessionKey{}, rs)
		ctx, err := s.sessions.Load(ctx, token)
		if err != nil {
			return errors.Join(errors.New("load session"), err)
		}
		c.SetRequest(r.WithContext(ui.WithSessions(ctx, s.sessions)))

		res := c.Response()
		orig := res.Writer
		buf := &bufferedWriter{ResponseWriter: orig}
		res.Writer = buf
		if err := next(c); err != nil {
			c.Error(err)
		}
		res.Writer = orig

		switch s.sessions.Status(ctx) {
		case scs.Modified:
			token, expiry, err := s.sessions.Commit(ctx)
			if err != nil {
				s.logger.Error("save session", "err", err, "request_id", ui.RequestID(c))
				orig.Header().Set("Content-Type", "text/plain; charset=utf-8")
				orig.WriteHeader(http.StatusInternalServerError)
				_, _ = orig.Write([]byte("Something went wrong on our side. Please try again.\n"))
				return nil
			}
			s.sessions.WriteSessionCookie(ctx, orig, token, expiry)
		case scs.Destroyed:
			s.sessions.WriteSessionCookie(ctx, orig, "", time.Time{})
		}
		if !slices.Contains(orig.Header().Values("Vary"), "Cookie") {
			orig.Header().Add("Vary", "Cookie")
		}
		if buf.code != 0 {
			orig.WriteHeader(buf.code)
		}
		_, err = orig.Write(buf.body.Bytes())
		return err
	}
}

type bufferedWriter struct {
	http.ResponseWriter
	body bytes.Buffer
	code int
}

func (b *bufferedWriter) Write(p []byte) (int, error) { return b.body.Write(p) }
func (b *bufferedWriter) WriteHeader(code int)        { b.code = code }

// Flush is a no-op: the response leaves only once the session is saved.
func (b *bufferedWriter) Flush() {}

// Hijack is not supported while the session is pending.
func (b *bufferedWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	return nil, nil, errors.New("hijack not supported")
}

// sessionless reports requests that need no session: probes, assets, pictures (public, and
// addressed by their content: a Hub page's pictures would otherwise each read the signed-in
// session again) and the JSON API (which authenticates each request with an API key, so it
// needs neither a session nor CSRF tokens).
func sessionless(c echo.Context) bool {
	p := c.Request().URL.Path
	return p == "/healthz" || p == "/readyz" || strings.HasPrefix(p, "/static/") || strings.HasPrefix(p, "/pictures/") ||
		strings.HasPrefix(p, "/api/")
}
