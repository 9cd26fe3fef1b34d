// Package web is the portal's HTTP application: the router, its middleware and handlers.
package web

import (
	"context"
	"encoding/gob"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/alexedwards/scs/pgxstore"
	"github.com/alexedwards/scs/v2"
	"github.com/go-playground/validator/v10"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/auth"
	"partnerportal/web/clock"
)

// Config is what the server takes from the environment.
type Config struct {
	// CookieSecure marks cookies Secure and gives them the __Host- prefix (HTTPS only).
	CookieSecure bool
	// Location is the portal's time zone: the one dates and terms are evaluated in.
	Location *time.Location
	// TrustedProxies are the addresses whose X-Forwarded-For is believed; empty means the
	// direct peer is the client.
	TrustedProxies []*net.IPNet
	// ObserveQueries, when set, is told the database work of every request (tests hold pages
	// to a budget with it).
	ObserveQueries func(QueryStats)
}

// Server is the portal's HTTP handler with its dependencies.
type Server struct {
	echo     *echo.Echo
	cfg      Config
	logger   *slog.Logger
	pool     *pgxpool.Pool
	clock    clock.Clock
	hasher   *auth.Hasher
	throttle *auth.Throttle
	sessions *scs.SessionManager
	validate *validator.Validate
	// moduleRoutes are the routes registered with their module area.
	moduleRoutes []ModuleRoute
}

// NewServer builds the router. pool must have been opened with the tracer from
// NewQueryTracer for per-request query counts to work.
func NewServer(cfg Config, logger *slog.Logger, pool *pgxpool.Pool, clk clock.Clock, hasher *auth.Hasher) *Server {
	if cfg.Location == nil {
		cfg.Location = time.UTC
	}
	gob.Register([]views.Flash{})
	s := &Server{
		echo:     echo.New(),
		cfg:      cfg,
		logger:   logger,
		pool:     pool,
		clock:    clk,
		hasher:   hasher,
		throttle: auth.NewThrottle(5, 10, 30*time.Second),
		validate: newValidator(),
	}
	// The store's own cleanup goroutine races with stopping it; CleanSessions does that work.
	s.sessions = newSessionManager(pgxstore.NewWithCleanupInterval(pool, 0), cfg.CookieSecure)

	e := s.echo
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = s.handleError
	e.IPExtractor = ipExtractor(cfg.TrustedProxies)

	e.Use(middleware.RequestID())
	e.Use(countQueries(cfg.ObserveQueries))
	e.Use(requestLogger(logger))
	e.Use(middleware.RecoverWithConfig(middleware.RecoverConfig{
		LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
			logger.Error("panic", "err", err, "stack", string(stack), "request_id", requestID(c))
			return err
		},
	}))
	e.Use(securityHeaders(cfg.CookieSecure))
	e.Use(middleware.GzipWithConfig(middleware.GzipConfig{MinLength: 1024}))
	e.Use(s.loadSession)
	e.Use(csrf(cfg.CookieSecure))
	e.Use(s.loadUser)
	s.routes()
	return s
}

// ServeHTTP makes the server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.echo.ServeHTTP(w, r) }

// CleanSessions deletes expired sessions, and visitors' carts whose sessions are gone, every
// interval until ctx ends.
func CleanSessions(ctx context.Context, pool *pgxpool.Pool, interval time.Duration, logger *slog.Logger) {
	q := db.New(pool)
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			for what, del := range map[string]func(context.Context) (int64, error){
				"expired sessions": q.DeleteExpiredSessions, "stale visitor carts": q.DeleteStaleVisitorCarts} {
				if n, err := del(ctx); err != nil && ctx.Err() == nil {
					logger.Warn("delete "+what, "err", err)
				} else if n > 0 {
					logger.Debug("deleted "+what, "count", n)
				}
			}
		}
	}
}

func ipExtractor(trusted []*net.IPNet) echo.IPExtractor {
	if len(trusted) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, p := range trusted {
		opts = append(opts, echo.TrustIPRange(p))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}
