package api

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"partnerportal/web/ui"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/web/metering"
)

// The JSON API lives under /api: no session, no CSRF token, a bearer API key instead, and
// errors as JSON with a stable code (never the HTML error page).

// maxAPIBody bounds a request body: a full batch of reports fits with room to spare.
const maxAPIBody = 2 << 20

// apiError is an error of the JSON API, answered as {code, message, fields}.
type apiError struct {
	Status  int
	Code    string
	Message string
	Fields  metering.FieldErrors
	// RetryAfter, when set, is sent as Retry-After (whole seconds).
	RetryAfter time.Duration
}

func (e *apiError) Error() string { return strconv.Itoa(e.Status) + " " + e.Code + ": " + e.Message }

var errUnauthorized = &apiError{Status: http.StatusUnauthorized, Code: "unauthorized",
	Message: "A valid API key is required, sent as: Authorization: Bearer followed by the key."}

// IsAPI reports a request of the JSON API, which answers errors as JSON.
func IsAPI(c echo.Context) bool { return strings.HasPrefix(c.Request().URL.Path, "/api/") }

// SmallAPIAnswer skips gzip for a single report's answer: a few hundred bytes that would only
// pay for setting up a compressor.
func SmallAPIAnswer(c echo.Context) bool { return c.Request().URL.Path == "/api/v1/usage" }

// HandleError is the error handler's JSON side. Unknown errors are logged and answered as 500
// without detail.
func HandleError(logger *slog.Logger, err error, c echo.Context) {
	ae := &apiError{Status: http.StatusInternalServerError, Code: "internal",
		Message: "Something went wrong on our side. Please try again."}
	var he *echo.HTTPError
	var pe *ui.Error
	switch {
	case errors.As(err, &ae):
	case db.Unavailable(err):
		logger.Warn("database unavailable", "err", err, "request_id", ui.RequestID(c), "path", c.Request().URL.Path)
		ae = errUnavailable
	case errors.As(err, &pe):
		ae = &apiError{Status: pe.Code, Code: statusCode(pe.Code), Message: pe.Message}
	case errors.As(err, &he):
		ae = &apiError{Status: he.Code, Code: statusCode(he.Code), Message: http.StatusText(he.Code) + "."}
	}
	if ae.Status >= 500 && ae != errUnavailable {
		logger.Error("api request failed", "err", err, "request_id", ui.RequestID(c), "path", c.Request().URL.Path)
	}
	h := c.Response().Header()
	if ae.Status == http.StatusUnauthorized {
		h.Set("WWW-Authenticate", `Bearer realm="partner-portal"`)
	}
	if ae.RetryAfter > 0 {
		h.Set("Retry-After", strconv.Itoa(int((ae.RetryAfter+time.Second-1)/time.Second)))
	}
	if c.Request().Method == http.MethodHead {
		_ = c.NoContent(ae.Status)
		return
	}
	if werr := writeJSON(c, ae.Status, metering.Problem{Code: ae.Code, Message: ae.Message, Fields: ae.Fields}); werr != nil {
		logger.Error("write api error", "err", werr, "request_id", ui.RequestID(c))
	}
}

// statusCode is the stable code of an answer that has no more particular one: the status
// text in snake case ("bad_request").
func statusCode(status int) string {
	return strings.ReplaceAll(strings.ToLower(http.StatusText(status)), " ", "_")
}

// writeJSON answers v as JSON.
func writeJSON(c echo.Context, status int, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return writeJSONBytes(c, status, b)
}

// writeJSONBytes answers with body exactly as given (stored answers are replayed byte for byte).
func writeJSONBytes(c echo.Context, status int, body []byte) error {
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, echo.MIMEApplicationJSON)
	h.Set("Cache-Control", "no-store")
	return c.Blob(status, echo.MIMEApplicationJSON, body)
}

// readAPIBody reads the whole body, refusing more than maxAPIBody.
func readAPIBody(c echo.Context) ([]byte, error) {
	b, err := io.ReadAll(http.MaxBytesReader(c.Response(), c.Request().Body, maxAPIBody))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return nil, &apiError{Status: http.StatusRequestEntityTooLarge, Code: "too_large",
			Message: "The request body is larger than " + strconv.Itoa(maxAPIBody>>20) + " MiB."}
	}
	if err != nil {
		return nil, &apiError{Status: http.StatusBadRequest, Code: "malformed", Message: "The request body could not be read."}
	}
	return b, nil
}

// errUnavailable answers a request the database could not serve because it cannot be reached:
// an outage, not a bug, so the client is told to retry (with the same idempotency key, a
// report is never counted twice).
var errUnavailable = &apiError{Status: http.StatusServiceUnavailable, Code: "unavailable", RetryAfter: 5 * time.Second,
	Message: "The service cannot reach its database just now. Retry after the time in Retry-After, with the same idempotency key: a report is never counted twice."}

var errMalformed = &apiError{Status: http.StatusBadRequest, Code: "malformed", Message: "The request body is not a JSON object."}

// APIKey is the key a request of the API was made with.
type APIKey struct {
	ID          int64
	CompanyID   int64
	Environment db.Environment
}

type apiKeyKey struct{}

func apiKeyFrom(c echo.Context) APIKey {
	k, _ := c.Request().Context().Value(apiKeyKey{}).(APIKey)
	return k
}

type apiKeyHashKey struct{}

// RequireAPIKey authenticates the bearer key and applies its rate limit. Whatever is wrong
// with a key (unknown, revoked, malformed) gets the same 401, so the answer tells nothing.
// With a cache (the usage routes, whose statement checks revocation itself) a key seen in the
// last minute needs no query; without one the key is read and its last use noted here.
func RequireAPIKey(q *db.Queries, limits *KeyLimiter, cache *KeyCache) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			scheme, secret, ok := strings.Cut(c.Request().Header.Get(echo.HeaderAuthorization), " ")
			if !ok || !strings.EqualFold(scheme, "Bearer") || secret == "" {
				return errUnauthorized
			}
			hash := sha256.Sum256([]byte(strings.TrimSpace(secret)))
			ctx := c.Request().Context()
			key, cached := APIKey{}, false
			if cache != nil {
				key, cached = cache.get(hash)
			}
			if !cached {
				row, err := q.GetAPIKeyByHash(ctx, hash[:])
				if errors.Is(err, pgx.ErrNoRows) {
					return errUnauthorized
				}
				if err != nil {
					return err
				}
				key = APIKey{ID: row.ID, CompanyID: row.CompanyID, Environment: row.Environment}
				if cache != nil {
					cache.put(hash, key)
				} else if now := ui.When(c).Now; row.LastUsedAt == nil || now.Sub(*row.LastUsedAt) >= time.Minute {
					if err := q.TouchAPIKey(ctx, db.TouchAPIKeyParams{ID: key.ID, Now: now}); err != nil {
						return err
					}
				}
			}
			if wait := limits.wait(key.ID); wait > 0 {
				return &apiError{Status: http.StatusTooManyRequests, Code: "rate_limited", RetryAfter: wait,
					Message: "Too many requests with this API key. Retry after the time in Retry-After, or send reports in batches."}
			}
			ctx = context.WithValue(ctx, apiKeyKey{}, key)
			ctx = context.WithValue(ctx, apiKeyHashKey{}, hash)
			c.SetRequest(c.Request().WithContext(ctx))
			return next(c)
		}
	}
}
