// Package web is the portal's HTTP server: configuration, every route (routes.go), the
// middleware (request moment, session, CSRF, signed-in user, module gate) and the one error
// handler. The handlers live in the packages by audience beside it.
package web

import (
	"compress/gzip"
	"context"
	"encoding/gob"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/go-playground/validator/v10"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/api"
	"partnerportal/web/auth"
	"partnerportal/web/clock"
	"partnerportal/web/jobs"
	"partnerportal/web/metering"
	"partnerportal/web/ui"
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
	// APIRate and APIBurst limit each API key: APIRate requests a second on average, at most
	// APIBurst at once. Zero means 50 a second and bursts of 100.
	APIRate  float64
	APIBurst int
	// Metrics, when set, times every request and counts usage answers (NewMetrics).
	Metrics *Metrics
	// ClaimTimeout is how long a usage report waits for a concurrent one with the same
	// idempotency key before answering 409. Zero means 5 seconds.
	ClaimTimeout time.Duration
}

// maxRequestBody bounds every request body (413 beyond it).
const maxRequestBody = "100M"

// Server is the portal's HTTP handler with its dependencies.
type Server struct {
	echo     *echo.Echo
	cfg      Config
	logger   *slog.Logger
	pool     *pgxpool.Pool
	clock    clock.Clock
	hasher   *auth.Hasher
	throttle *auth.Throttle
	// forgot and signup limit requests for password and sign-up links, per address and per
	// client.
	forgot *auth.Throttle
	signup *auth.Throttle
	// devices signs and checks the cookies of browsers that signed in before (the throttle's
	// device budgets).
	devices  *auth.Devices
	sessions *scs.SessionManager
	validate *validator.Validate
	// meter counts usage for the API and the DevLab console alike.
	meter  *metering.Meter
	limits *api.KeyLimiter
	// jobs inserts background work in the transaction of the change that causes it.
	jobs *jobs.Queue
	// moduleRoutes are the routes registered with their module area.
	moduleRoutes []ModuleRoute
}

// NewServer builds the router. pool must have been opened with the tracer from
// NewQueryTracer for per-request query counts to work. jobs need not be started for the
// server to insert them (another server may work them).
func NewServer(cfg Config, logger *slog.Logger, pool *pgxpool.Pool, clk clock.Clock, hasher *auth.Hasher, jq *jobs.Queue) *Server {
	if cfg.Location == nil {
		cfg.Location = time.UTC
	}
	if cfg.APIRate <= 0 {
		cfg.APIRate = 50
	}
	if cfg.APIBurst <= 0 {
		cfg.APIBurst = 100
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
		forgot:   auth.NewThrottle(3, 10, 10*time.Minute),
		signup:   auth.NewThrottle(3, 10, 10*time.Minute),
		devices: auth.NewDevices(func(ctx context.Context) ([]byte, error) {
			return db.New(pool).GetServerKey(ctx, "device_cookie")
		}),
		validate: ui.NewValidator(),
		meter:    &metering.Meter{Pool: pool, Clock: clk, Location: cfg.Location, ClaimTimeout: cfg.ClaimTimeout},
		limits:   api.NewKeyLimiter(clk, cfg.APIRate, cfg.APIBurst),
		jobs:     jq,
	}
	// Expired sessions are removed by a periodic job (clean_sessions).
	s.sessions = newSessionManager(&sessionStore{pool: pool, codec: scs.GobCodec{}, seen: newSeenSessions()}, cfg.CookieSecure)

	e := s.echo
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = s.handleError
	e.IPExtractor = ipExtractor(cfg.TrustedProxies)

	e.Use(dropOddRequestID)
	e.Use(middleware.RequestID())
	e.Use(stampMoment(clk, cfg.Location))
	if cfg.Metrics != nil {
		e.Use(cfg.Metrics.observe)
		s.meter.Observe = cfg.Metrics.CountUsage
	}
	e.Use(countQueries(cfg.ObserveQueries))
	e.Use(requestLogger(logger))
	e.Use(middleware.RecoverWithConfig(middleware.RecoverConfig{
		LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
			logger.Error("panic", "err", err, "stack", string(stack), "request_id", ui.RequestID(c))
			return err
		},
	}))
	e.Use(securityHeaders(cfg.CookieSecure))
	// The fastest level: at the default one, compressing a page cost more CPU than rendering
	// it (make bench's profile), for answers a few percent smaller.
	e.Use(middleware.GzipWithConfig(middleware.GzipConfig{Level: gzip.BestSpeed, MinLength: 1024, Skipper: api.SmallAPIAnswer}))
	// No request is read past this, not even by the CSRF check (which reads a form for its
	// token): well above what a ticket's files may come to (support.MaxBody), whose own, lower
	// limit answers with a field message.
	e.Use(middleware.BodyLimit(maxRequestBody))
	e.Use(s.loadSession)
	e.Use(csrf(cfg.CookieSecure))
	e.Use(s.loadUser)
	// After the user is known, so the refusal's page shows who is signed in.
	e.Use(checkAddress)
	s.routes()
	return s
}

// ServeHTTP makes the server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.echo.ServeHTTP(w, r) }

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

// Handle adds a route beside those of routes.go, behind the same middleware: `portal bench`
// serves its reference handlers this way, so they pay what the pages they are compared with pay.
func (s *Server) Handle(method, path string, h echo.HandlerFunc) { s.echo.Add(method, path, h) }
