package support

import (
	"mime"
	"net/http"

	"github.com/labstack/echo/v4"
)

// Serve answers with a stored file as a download, never as a page: Content-Disposition
// attachment under its stored name, its stored type only when it is a kind tickets take
// (anything else goes as bytes), no sniffing, and a policy that would run nothing even if a
// browser rendered it.
func Serve(c echo.Context, name, contentType string, data []byte) error {
	if _, ok := kindOf(contentType); !ok {
		contentType = echo.MIMEOctetStream
	}
	disposition := mime.FormatMediaType("attachment", map[string]string{"filename": name})
	if disposition == "" {
		disposition = `attachment; filename="attachment"`
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentDisposition, disposition)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, contentType, data)
}
