package ui

import (
	"errors"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"
)

// ParseID reads an id from a path parameter; anything else names nothing.
func ParseID(s string) (int64, bool) {
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil && id > 0
}

// NotFoundIfNone turns a query's "no row" into 404: what the request names does not exist, or
// is not the user's to see.
func NotFoundIfNone[T any](v T, err error) (T, error) {
	if errors.Is(err, pgx.ErrNoRows) {
		return v, echo.ErrNotFound
	}
	return v, err
}
