package webtest

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"testing"
)

// File is a file a form posts: the form field, the name the browser sends, the bytes.
type File struct {
	Field, Name string
	Data        []byte
}

// PostMultipart posts fields and files to path as multipart/form-data, as a browser posts a
// form that carries files. The CSRF token goes in the X-CSRF-Token header (as htmx sends it),
// so the portal need not read the body to check it.
func (c *Client) PostMultipart(t testing.TB, path string, fields url.Values, files ...File) *Response {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, vs := range fields {
		for _, v := range vs {
			if err := w.WriteField(k, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, f := range files {
		part, err := w.CreateFormFile(f.Field, f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := part.Write(f.Data); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return c.PostBody(t, path, w.FormDataContentType(), &body)
}

// PostBody posts body, of content type contentType, with the CSRF token in the header.
func (c *Client) PostBody(t testing.TB, path, contentType string, body io.Reader) *Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, c.env.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("X-CSRF-Token", c.CSRFToken())
	return c.Do(t, req)
}
