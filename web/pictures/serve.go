package pictures

import (
	"errors"
	"net/http"
	"regexp"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
)

var fileName = regexp.MustCompile(`^([0-9a-f]{64})\.(jpg|png)$`)

// HandleRendition serves a rendition by its address. The address is the hash of the bytes,
// so what it names never changes: browsers and proxies may keep it for a year without asking.
func HandleRendition(pool *pgxpool.Pool) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		m := fileName.FindStringSubmatch(c.Param("file"))
		if m == nil {
			return echo.ErrNotFound
		}
		etag := `"` + m[1] + `"`
		if c.Request().Header.Get("If-None-Match") == etag {
			return c.NoContent(http.StatusNotModified)
		}
		r, err := q.GetRendition(c.Request().Context(), m[1])
		if errors.Is(err, pgx.ErrNoRows) {
			return echo.ErrNotFound
		}
		if c.Request().Context().Err() != nil {
			// the browser stopped waiting (a page left while its pictures load): no one to answer
			return nil
		}
		if err != nil {
			return err
		}
		h := c.Response().Header()
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
		h.Set("ETag", etag)
		h.Set("X-Content-Type-Options", "nosniff")
		return c.Blob(http.StatusOK, r.ContentType, r.Data)
	}
}
