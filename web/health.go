package web

import (
	"context"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"
)

// handleHealthz answers as long as the process serves requests.
func handleHealthz() echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set("Cache-Control", "no-store")
		return c.String(http.StatusOK, "ok\n")
	}
}

// handleReadyz answers 200 only while the database is reachable, so a load balancer stops
// sending traffic to a server that cannot do anything useful with it.
func handleReadyz(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set("Cache-Control", "no-store")
		ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
		defer cancel()
		if err := pool.Ping(ctx); err != nil {
			return c.String(http.StatusServiceUnavailable, "database unreachable\n")
		}
		return c.String(http.StatusOK, "ready\n")
	}
}
