// Package static embeds the portal's stylesheets, images and scripts and serves them under
// fingerprinted names, so browsers may cache them forever and still see every new version.
package static

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"
)

// files are the assets. dist/ is filled by `make assets` from the npm packages in
// package.json (htmx); it is not part of the repository.
//
//go:embed css img js all:dist
var files embed.FS

// Prefix is the URL path the assets are served under.
const Prefix = "/static/"

var (
	once    sync.Once
	byName  map[string]string // "css/app.css" → "/static/css/app.1a2b3c4d5e.css"
	byPrint map[string]string // "css/app.1a2b3c4d5e.css" → "css/app.css"
)

func index() {
	byName = make(map[string]string)
	byPrint = make(map[string]string)
	_ = fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		b, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		ext := path.Ext(p)
		printed := strings.TrimSuffix(p, ext) + "." + hex.EncodeToString(sum[:5]) + ext
		byName[p] = Prefix + printed
		byPrint[printed] = p
		return nil
	})
}

// Path returns the fingerprinted URL of an asset, e.g. Path("css/app.css"). It panics on an
// unknown name: a template that names a missing asset is a programming error found by any test.
func Path(name string) string {
	once.Do(index)
	p, ok := byName[name]
	if !ok {
		panic("static: no asset named " + name)
	}
	return p
}

// Handler serves fingerprinted assets with a year-long immutable cache lifetime; anything else
// under Prefix is 404 (an old fingerprint included, since its content is gone).
func Handler() http.Handler {
	once.Do(index)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, ok := byPrint[strings.TrimPrefix(r.URL.Path, Prefix)]
		if !ok {
			http.NotFound(w, r)
			return
		}
		b, err := files.ReadFile(name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
			w.Header().Set("Content-Type", ct)
		}
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		_, _ = w.Write(b)
	})
}
