package api

import (
	_ "embed"
	"net/http"

	"github.com/labstack/echo/v4"
)

// OpenAPI is the API's OpenAPI 3.1 document, written by hand next to the handlers it
// describes; a test checks every documented response against them.
//
//go:embed openapi.json
var OpenAPI []byte

// HandleOpenAPI serves the document at /api/openapi.json.
func HandleOpenAPI() echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set("Cache-Control", "no-cache")
		return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, OpenAPI)
	}
}
