package db

import (
	"errors"
	"io"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// Unavailable reports whether err means the database cannot be reached or is going away — it
// refuses connections, is shutting down or restarting, or a connection broke mid-query — as
// opposed to a query that failed. Such a request may well work again shortly, and is answered
// as "unavailable, retry", not as a bug.
func Unavailable(err error) bool {
	if err == nil {
		return false
	}
	var connect *pgconn.ConnectError
	var netErr net.Error
	if errors.As(err, &connect) || errors.As(err, &netErr) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return true
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		// Class 08 is a connection exception; 57P01–57P03 an administrator's or a crash's
		// shutdown, or a server that cannot take connections yet; 53300 too many connections.
		return strings.HasPrefix(pgErr.Code, "08") || pgErr.Code == "57P01" || pgErr.Code == "57P02" ||
			pgErr.Code == "57P03" || pgErr.Code == "53300"
	}
	// A connection that died under the pool, or one the pool closed as it broke.
	return pgconn.Timeout(err) || strings.Contains(err.Error(), "conn closed")
}
