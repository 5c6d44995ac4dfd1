// Package static serves the site's CSS, script and icon from the binary,
// under content-hashed names so they can be cached for a year.
package static

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"path"
)

//go:embed style.css app.js favicon.ico
var files embed.FS

// File is one embedded asset.
type File struct {
	Name        string // e.g. style.css
	URL         string // e.g. /static/style.3f2a9c1b.css
	ContentType string
	Body        []byte
}

// Assets is every embedded file, hashed once at start.
type Assets struct {
	byURL  map[string]*File
	byName map[string]*File
}

// Load reads and fingerprints the embedded files.
func Load() (*Assets, error) {
	a := &Assets{byURL: map[string]*File{}, byName: map[string]*File{}}
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		body, err := files.ReadFile(e.Name())
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(body)
		ext := path.Ext(e.Name())
		f := &File{Name: e.Name(), Body: body, ContentType: contentType(ext)}
		f.URL = "/static/" + e.Name()[:len(e.Name())-len(ext)] + "." + hex.EncodeToString(sum[:])[:12] + ext
		a.byURL[f.URL] = f
		a.byName[f.Name] = f
	}
	return a, nil
}

// URL is the fingerprinted URL of a file by name.
func (a *Assets) URL(name string) string { return a.byName[name].URL }

// ByURL finds a file by its fingerprinted URL.
func (a *Assets) ByURL(u string) (*File, bool) { f, ok := a.byURL[u]; return f, ok }

// ByName finds a file by name.
func (a *Assets) ByName(n string) (*File, bool) { f, ok := a.byName[n]; return f, ok }

func contentType(ext string) string {
	switch ext {
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".ico":
		return "image/x-icon"
	}
	return "application/octet-stream"
}
