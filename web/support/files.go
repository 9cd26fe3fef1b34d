package support

import (
	"mime"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gabriel-vasile/mimetype"
)

// kind is a type of file tickets accept: what its bytes are detected as, what pages call it,
// and the endings its name may have (the first is added to a name without one of them).
type kind struct {
	mime    string
	label   string
	endings []string
}

// kinds are the files a ticket takes: images, PDF, and text (logs, CSV, JSON lines).
var kinds = []kind{
	{"image/png", "PNG image", []string{".png"}},
	{"image/jpeg", "JPEG image", []string{".jpg", ".jpeg"}},
	{"image/gif", "GIF image", []string{".gif"}},
	{"image/webp", "WebP image", []string{".webp"}},
	{"application/pdf", "PDF", []string{".pdf"}},
	{"text/csv", "CSV", []string{".csv", ".txt"}},
	{"text/tab-separated-values", "TSV", []string{".tsv", ".txt"}},
	{"application/json", "JSON", []string{".json", ".log", ".txt"}},
	{"application/x-ndjson", "JSON lines", []string{".ndjson", ".jsonl", ".log", ".txt"}},
	{"text/plain", "Text", []string{".txt", ".log", ".out", ".err", ".trace"}},
}

// markup is what a browser would render as a page or run: refused even as text.
var markup = []string{"text/html", "image/svg+xml", "text/xml", "application/xml", "application/xhtml+xml"}

// Accepted is the stored type of a file of these bytes and what pages call it, or ok false
// when tickets do not take it. Text that is no kind of its own (a log that looks like a
// script) is stored as plain text; markup is refused.
func Accepted(data []byte) (contentType, label string, ok bool) {
	detected := mimetype.Detect(data)
	text := false
	for m := detected; m != nil; m = m.Parent() {
		if slices.ContainsFunc(markup, m.Is) {
			return "", "", false
		}
		text = text || m.Is("text/plain")
	}
	for _, k := range kinds {
		if detected.Is(k.mime) {
			return detected.String(), k.label, true
		}
	}
	if text {
		return "text/plain; charset=utf-8", "Text", utf8.Valid(data)
	}
	return "", "", false
}

// kindOf is the kind of a stored type; ok false for a type tickets do not take (then it is
// served as bytes, application/octet-stream).
func kindOf(contentType string) (kind, bool) {
	base, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return kind{}, false
	}
	for _, k := range kinds {
		if k.mime == base {
			return k, true
		}
	}
	return kind{}, false
}

// Label is what pages call a stored type: "PDF", "PNG image".
func Label(contentType string) string {
	if k, ok := kindOf(contentType); ok {
		return k.label
	}
	return "File"
}

// maxName is the longest file name kept, in characters.
const maxName = 120

// CleanName is the name a file is stored and downloaded under: the last part of what the
// browser sent, as valid text without control characters, at most maxName characters, ending
// as its type does (photo.html holding a PNG is stored as photo.html.png).
func CleanName(name, contentType string) string {
	name = strings.ToValidUTF8(name, "")
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '"' {
			return -1
		}
		return r
	}, name))
	if name == "" || name == "." || name == ".." {
		name = "attachment"
	}
	k, _ := kindOf(contentType)
	if len(k.endings) > 0 && !slices.Contains(k.endings, strings.ToLower(path.Ext(name))) {
		name += k.endings[0]
	}
	if r := []rune(name); len(r) > maxName {
		ext := []rune(path.Ext(name))
		if len(ext) > 10 {
			ext = nil
		}
		name = string(r[:maxName-len(ext)]) + string(ext)
	}
	return name
}
