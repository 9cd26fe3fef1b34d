package support

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"partnerportal/web/ui"
)

// What one message may carry.
const (
	MaxFiles    = 5
	MaxFileSize = 10 << 20
	// MaxBody bounds a request that carries files: five full files, the text, and room to read
	// past a limit far enough to answer with a field message rather than a broken connection.
	MaxBody = 64 << 20
	// maxFieldBytes is as much of one text field as is kept; the form's own length check
	// refuses anything near it.
	maxFieldBytes = 64 << 10
)

// File is an attached file that passed: its name as stored, its type read from its bytes.
type File struct {
	Name, ContentType string
	Data              []byte
}

// Upload is a submitted form that may carry files (multipart, or a plain form without them).
type Upload struct {
	Values url.Values
	Files  []File
	// Problem says what was wrong with the files, as the file field's message; "" when none.
	Problem string
}

// ReadUpload reads the request's form, the files of field among it checked as they arrive: at
// most MaxFiles, each at most MaxFileSize and of a kind tickets take (read from the bytes). A
// refused file is a Problem (a field message), never an error; an error is a body that cannot
// be read as a form at all (400).
func ReadUpload(c echo.Context, field string) (Upload, error) {
	r := c.Request()
	up := Upload{Values: url.Values{}}
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get(echo.HeaderContentType))
	if mediaType != echo.MIMEMultipartForm {
		values, err := c.FormParams()
		if err != nil {
			return up, &ui.Error{Code: http.StatusBadRequest, Message: "The form could not be read.", Err: err}
		}
		up.Values = values
		return up, nil
	}
	if r.MultipartForm != nil {
		// read whole already (the CSRF check looked for its token in it)
		return fromParsed(r.MultipartForm, field), nil
	}
	r.Body = http.MaxBytesReader(c.Response(), r.Body, MaxBody)
	mr, err := r.MultipartReader()
	if err != nil {
		return up, &ui.Error{Code: http.StatusBadRequest, Message: "The form could not be read.", Err: err}
	}
	var problems []string
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if tooBig(err) {
			problems = append(problems, "The files come to more than we can take at once: attach at most 5 files of up to 10 MB each.")
			break
		}
		if err != nil {
			return up, &ui.Error{Code: http.StatusBadRequest, Message: "The form could not be read.", Err: err}
		}
		if part.FileName() == "" {
			b, err := readAtMost(part, maxFieldBytes)
			if tooBig(err) {
				problems = append(problems, "The files come to more than we can take at once: attach at most 5 files of up to 10 MB each.")
				break
			}
			if err != nil {
				return up, &ui.Error{Code: http.StatusBadRequest, Message: "The form could not be read.", Err: err}
			}
			up.Values.Add(part.FormName(), string(b))
			continue
		}
		if part.FormName() != field {
			continue
		}
		data, err := readAtMost(part, MaxFileSize)
		if tooBig(err) {
			problems = append(problems, "The files come to more than we can take at once: attach at most 5 files of up to 10 MB each.")
			break
		}
		if err != nil {
			return up, &ui.Error{Code: http.StatusBadRequest, Message: "The form could not be read.", Err: err}
		}
		if p := up.add(part.FileName(), data); p != "" {
			problems = append(problems, p)
		}
	}
	up.Problem = strings.Join(problems, " ")
	return up, nil
}

// add checks one file and keeps it when it passes; else it says why not.
func (up *Upload) add(name string, data []byte) string {
	shown := CleanName(name, "")
	switch {
	case len(up.Files) >= MaxFiles:
		return fmt.Sprintf("“%s” is one file too many: attach at most %d.", shown, MaxFiles)
	case len(data) > MaxFileSize:
		return fmt.Sprintf("“%s” is larger than 10 MB.", shown)
	case len(data) == 0:
		return fmt.Sprintf("“%s” is empty.", shown)
	}
	ct, _, ok := Accepted(data)
	if !ok {
		return fmt.Sprintf("“%s” is not a file we take: attach images (PNG, JPEG, GIF, WebP), PDF, logs or CSV.", shown)
	}
	up.Files = append(up.Files, File{Name: CleanName(name, ct), ContentType: ct, Data: data})
	return ""
}

// readAtMost reads r to its end, keeping at most limit+1 bytes (one more tells it was longer)
// and discarding the rest.
func readAtMost(r io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err == nil && int64(len(b)) > limit {
		_, err = io.Copy(io.Discard, r)
	}
	return b, err
}

func tooBig(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe)
}

// fromParsed is an Upload of a form net/http has read whole already.
func fromParsed(f *multipart.Form, field string) Upload {
	up := Upload{Values: url.Values(f.Value)}
	var problems []string
	for _, fh := range f.File[field] {
		file, err := fh.Open()
		if err != nil {
			problems = append(problems, "A file could not be read.")
			continue
		}
		data, err := readAtMost(file, MaxFileSize)
		file.Close()
		if err != nil {
			problems = append(problems, "A file could not be read.")
			continue
		}
		if p := up.add(fh.Filename, data); p != "" {
			problems = append(problems, p)
		}
	}
	up.Problem = strings.Join(problems, " ")
	return up
}
