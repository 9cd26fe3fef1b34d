package partner_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"partnerportal/web/webtest"
)

// TestTicketInputIsCheckedAtTheEdge: files of the wrong kind (HTML and SVG whatever their
// names), too large, too many or empty, and text that is not plain text, are each answered
// with the form and a message under the field (422), never a 5xx, and nothing is stored.
func TestTicketInputIsCheckedAtTheEdge(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerA)
	c.Get(t, "/support/new")
	html := []byte("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>")
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>`)
	big := bytes.Repeat([]byte("a log line that repeats\n"), 11<<20/24+1)
	small := webtest.File{Field: "files", Name: "a.log", Data: []byte("fine\n")}
	tests := []struct {
		name         string
		form         url.Values
		files        []webtest.File
		field, words string
	}{
		{"an HTML page named as an image", ticketForm(), []webtest.File{{Field: "files", Name: "photo.png", Data: html}}, "files", "not a file we take"},
		{"an HTML page as a log", ticketForm(), []webtest.File{{Field: "files", Name: "server.log", Data: html}}, "files", "not a file we take"},
		{"an SVG image", ticketForm(), []webtest.File{{Field: "files", Name: "chart.svg", Data: svg}}, "files", "not a file we take"},
		{"a zip archive", ticketForm(), []webtest.File{{Field: "files", Name: "logs.zip", Data: []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00")}}, "files", "not a file we take"},
		{"a file over 10 MB", ticketForm(), []webtest.File{{Field: "files", Name: "huge.log", Data: big}}, "files", "larger than 10 MB"},
		{"six files", ticketForm(), []webtest.File{small, small, small, small, small, small}, "files", "attach at most 5"},
		{"an empty file", ticketForm(), []webtest.File{{Field: "files", Name: "empty.txt"}}, "files", "is empty"},
		{"a NUL in the description", ticketForm("description", "broken\x00text"), nil, "description", "plain text"},
		{"a control character in the subject", ticketForm("subject", "bell\arings"), nil, "subject", "plain text"},
		{"a line break in the subject", ticketForm("subject", "two\nlines"), nil, "subject", "plain text"},
		{"invalid UTF-8 in the description", ticketForm("description", "caf\xe9"), nil, "description", "plain text"},
		{"a subject too long", ticketForm("subject", strings.Repeat("x", 151)), nil, "subject", "at most 150"},
		{"a module the company does not hold", ticketForm("module", "appconnect"), nil, "module", "one of your modules"},
		{"a module that does not exist", ticketForm("module", "x\x00"), nil, "module", "one of your modules"},
		{"no priority", ticketForm("priority", ""), nil, "priority", "required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.PostMultipart(t, "/support/tickets", tt.form, tt.files...)
			if r.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422\n%s", r.StatusCode, r.Body)
			}
			if got := r.Text("#f-" + tt.field + "-error"); !strings.Contains(got, tt.words) {
				t.Errorf("the %s field says %q, want %q", tt.field, got, tt.words)
			}
		})
	}
	if n := countRows(t, env, "SELECT count(*) FROM support_tickets WHERE subject LIKE 'Sensor%' OR subject LIKE 'bell%'"); n != 0 {
		t.Errorf("%d refused tickets were stored", n)
	}
}

// TestAnOversizeRequestGetsAFieldMessage: a body past what a ticket can take at once (a
// 70 MB file) is answered with the form and a message under the files, the typed text kept.
func TestAnOversizeRequestGetsAFieldMessage(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerA)
	c.Get(t, "/support/new")
	pr, pw := io.Pipe()
	w := multipart.NewWriter(pw)
	go func() {
		for k, v := range ticketForm("subject", "Typed before the files") {
			_ = w.WriteField(k, v[0])
		}
		part, _ := w.CreateFormFile("files", "capture.log")
		line := bytes.Repeat([]byte("x"), 1<<20)
		for i := 0; i < 70; i++ {
			if _, err := part.Write(line); err != nil {
				pw.CloseWithError(err)
				return
			}
		}
		_ = w.Close()
		_ = pw.Close()
	}()
	r := c.PostBody(t, "/support/tickets", w.FormDataContentType(), pr)
	_ = pr.Close()
	if r.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", r.StatusCode)
	}
	if got := r.Text("#f-files-error"); !strings.Contains(got, "at most 5 files of up to 10 MB each") {
		t.Errorf("the files field says %q", got)
	}
	if v, _ := r.Doc.Find("#f-subject").Attr("value"); v != "Typed before the files" {
		t.Errorf("the subject came back as %q", v)
	}
}

// TestAFormReadWholeForItsTokenIsCheckedAlike: a client that sends no CSRF header (nor
// Sec-Fetch-Site) has its form read whole for the token in it; its files are checked the same.
func TestAFormReadWholeForItsTokenIsCheckedAlike(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerA)
	c.Get(t, "/support/new")
	post := func(subject string, file webtest.File) *webtest.Response {
		t.Helper()
		var body bytes.Buffer
		w := multipart.NewWriter(&body)
		for k, v := range ticketForm("subject", subject, "_csrf", c.CSRFToken()) {
			_ = w.WriteField(k, v[0])
		}
		part, _ := w.CreateFormFile(file.Field, file.Name)
		_, _ = part.Write(file.Data)
		_ = w.Close()
		req, err := http.NewRequest(http.MethodPost, env.URL+"/support/tickets", &body)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", w.FormDataContentType())
		return c.Do(t, req)
	}
	if r := post("Read whole", webtest.File{Field: "files", Name: "a.log", Data: []byte("fine\n")}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("a good form: %d\n%s", r.StatusCode, r.Body)
	}
	if n := countRows(t, env, "SELECT count(*) FROM support_attachments a JOIN support_tickets t ON t.id = a.ticket_id WHERE t.subject = 'Read whole'"); n != 1 {
		t.Errorf("%d files stored, want 1", n)
	}
	r := post("Read whole, with a page", webtest.File{Field: "files", Name: "a.png", Data: []byte("<html><script>alert(1)</script></html>")})
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Text("#f-files-error"), "not a file we take") {
		t.Errorf("an HTML file: %d %q", r.StatusCode, r.Text("#f-files-error"))
	}
}
