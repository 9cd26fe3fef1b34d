package web

import (
	"log/slog"
	"net/http"
	"partnerportal/web/clock"
	"partnerportal/web/ui"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// contentSecurityPolicy allows nothing inline and nothing from elsewhere: scripts and styles
// come from our own fingerprinted files only.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'"

func securityHeaders(secure bool) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			h := c.Response().Header()
			h.Set("Content-Security-Policy", contentSecurityPolicy)
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
			h.Set("X-Frame-Options", "DENY")
			h.Set("Cross-Origin-Opener-Policy", "same-origin")
			h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
			if secure {
				h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
			}
			return next(c)
		}
	}
}

// noStore keeps pages with private data out of every cache.
func noStore(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set("Cache-Control", "no-store")
		return next(c)
	}
}

func requestLogger(logger *slog.Logger) echo.MiddlewareFunc {
	return middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		LogStatus:    true,
		LogURI:       true,
		LogMethod:    true,
		LogLatency:   true,
		LogRequestID: true,
		LogRemoteIP:  true,
		LogError:     true,
		Skipper: func(c echo.Context) bool {
			return c.Path() == "/healthz" || strings.HasPrefix(c.Request().URL.Path, "/static/")
		},
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			uri := v.URI
			// A one-time password or sign-up link is a credential until used: keep it out of
			// the logs.
			for _, p := range []string{"/reset/", "/signup/"} {
				if strings.HasPrefix(uri, p) {
					uri = p + "…"
				}
			}
			attrs := []slog.Attr{
				slog.String("method", v.Method),
				slog.String("uri", uri),
				slog.Int("status", v.Status),
				slog.Duration("latency", v.Latency),
				slog.String("request_id", v.RequestID),
				slog.String("remote_ip", v.RemoteIP),
			}
			if st := queryStatsFrom(c.Request().Context()); st != nil {
				attrs = append(attrs, slog.Int64("queries", st.queries.Load()))
			}
			level := slog.LevelInfo
			if v.Status >= http.StatusInternalServerError {
				level = slog.LevelError
			}
			logger.LogAttrs(c.Request().Context(), level, "request", attrs...)
			return nil
		},
	})
}

// stampMoment reads the clock once per request, in the portal's time zone: every rule and
// every date of the request is evaluated at this one moment (ui.When).
func stampMoment(clk clock.Clock, loc *time.Location) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			now := clk.Now()
			m := ui.Moment{Now: now, Today: clock.Date(now, loc), Loc: loc}
			c.SetRequest(c.Request().WithContext(ui.WithMoment(c.Request().Context(), m)))
			return next(c)
		}
	}
}
