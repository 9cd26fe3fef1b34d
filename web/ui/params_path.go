package ui

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
)

// PathID reads a numeric path parameter; anything else is a page that does not exist.
func PathID(c echo.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, echo.ErrNotFound
	}
	return id, nil
}

// SafeNext keeps a post-sign-in destination only when it is a path on this site, in text a
// link could hold.
func SafeNext(next string) string {
	if next == "" || len(next) > 2000 || !CleanText(next, false) || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return ""
	}
	u, err := url.Parse(next)
	if err != nil || u.Host != "" || u.Scheme != "" {
		return ""
	}
	return next
}
