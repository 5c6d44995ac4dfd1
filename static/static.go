// Package static serves the site's CSS, script and icon from the binary,
// under content-hashed names so they can be cached for a year. Each file is
// compressed once, when first loaded, with brotli and gzip at their best
// levels; a request gets the smallest encoding it accepts.
package static

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/js"
)

//go:embed css/*.css check.js page.js favicon.ico
var files embed.FS

// bundles are the stylesheets, each the concatenation of its parts in css/:
// the result page gets its own, without the questionnaire's forms and the
// lists, so that the first view of a result — most often a bookmark —
// stays within 12 KB. The order of the parts is the cascade's.
var bundles = map[string][]string{
	"style.css":  {"head", "lists", "forms", "pages", "tail"},
	"result.css": {"head", "pages", "tail"},
}

// File is one embedded asset.
type File struct {
	Name        string // e.g. style.css
	URL         string // e.g. /static/style.3f2a9c1b.css
	ContentType string
	Body        []byte
	// Brotli and Gzip are Body compressed at the best level of each; nil
	// when compressing does not make the file smaller (the icon).
	Brotli, Gzip []byte
	// ETag is a validator of the content, the same for every encoding
	// (weak, as encodings of one content are).
	ETag string
}

// Compressed says whether the file exists in more than one encoding, so
// responses must carry Vary: Accept-Encoding.
func (f *File) Compressed() bool { return f.Brotli != nil || f.Gzip != nil }

// Encoded picks the representation for a request's Accept-Encoding: brotli
// or gzip when accepted (the client's higher q-value wins, brotli on a tie,
// since it is smaller), else the file as is. encoding is "" for the latter.
func (f *File) Encoded(acceptEncoding string) (body []byte, encoding string) {
	if acceptEncoding == "" || !f.Compressed() {
		return f.Body, ""
	}
	br, gz := qValue(acceptEncoding, "br"), qValue(acceptEncoding, "gzip")
	switch {
	case f.Brotli != nil && br > 0 && (br >= gz || f.Gzip == nil):
		return f.Brotli, "br"
	case f.Gzip != nil && gz > 0:
		return f.Gzip, "gzip"
	}
	return f.Body, ""
}

// qValue is the weight an Accept-Encoding header gives a coding: 0 when it
// is not listed (or listed with q=0), else its q (default 1); "*" stands
// for any coding not named.
func qValue(header, coding string) float64 {
	star := 0.0
	for part := range strings.SplitSeq(header, ",") {
		name, params, _ := strings.Cut(part, ";")
		name = strings.TrimSpace(name)
		q := 1.0
		for p := range strings.SplitSeq(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
					q = f
				} else {
					q = 0
				}
			}
		}
		switch {
		case strings.EqualFold(name, coding):
			return q
		case name == "*":
			star = q
		}
	}
	return star
}

// Assets is every embedded file, hashed and compressed once per process.
type Assets struct {
	byURL  map[string]*File
	byName map[string]*File
}

var (
	loadOnce sync.Once
	loaded   *Assets
	loadErr  error
)

// Load reads, fingerprints and compresses the embedded files. The work
// (about 50 ms, most of it brotli at level 11) is done once per process;
// the Assets are read-only and shared.
func Load() (*Assets, error) {
	loadOnce.Do(func() { loaded, loadErr = load() })
	return loaded, loadErr
}

func load() (*Assets, error) {
	a := &Assets{byURL: map[string]*File{}, byName: map[string]*File{}}
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		return nil, err
	}
	bodies := map[string][]byte{}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		if bodies[e.Name()], err = files.ReadFile(e.Name()); err != nil {
			return nil, err
		}
	}
	for name, parts := range bundles {
		var b bytes.Buffer
		for _, p := range parts {
			part, err := files.ReadFile("css/" + p + ".css")
			if err != nil {
				return nil, fmt.Errorf("bundle %s: %w", name, err)
			}
			b.Write(part)
		}
		bodies[name] = b.Bytes()
	}
	min := minify.New()
	min.AddFunc("text/css", css.Minify)
	min.AddFunc("text/javascript", js.Minify)
	for name, body := range bodies {
		// Minified before compression: comments and spaces cost a few hundred
		// bytes even brotli'd (about 500 B of a result's first view).
		if mt, _, _ := strings.Cut(contentType(path.Ext(name)), ";"); mt == "text/css" || mt == "text/javascript" {
			if body, err = min.Bytes(mt, body); err != nil {
				return nil, fmt.Errorf("minify %s: %w", name, err)
			}
		}
		sum := hex.EncodeToString(func() []byte { s := sha256.Sum256(body); return s[:] }())[:12]
		ext := path.Ext(name)
		f := &File{Name: name, Body: body, ContentType: contentType(ext), ETag: `W/"` + sum + `"`}
		f.URL = "/static/" + name[:len(name)-len(ext)] + "." + sum + ext
		if f.Brotli, err = smaller(body, compressBrotli); err != nil {
			return nil, err
		}
		if f.Gzip, err = smaller(body, compressGzip); err != nil {
			return nil, err
		}
		a.byURL[f.URL] = f
		a.byName[f.Name] = f
	}
	return a, nil
}

// smaller is body compressed, or nil when that saves nothing worth a
// Content-Encoding header.
func smaller(body []byte, compress func([]byte) ([]byte, error)) ([]byte, error) {
	out, err := compress(body)
	if err != nil || len(out)+32 >= len(body) {
		return nil, err
	}
	return out, nil
}

func compressBrotli(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	// A window far larger than any file here only costs memory: at the
	// default 4 MB, each writer's tables were some 20 MB of start-up's
	// peak RSS; 256 KB compresses these files to the same bytes.
	w := brotli.NewWriterOptions(&buf, brotli.WriterOptions{Quality: brotli.BestCompression, LGWin: 18})
	if _, err := w.Write(b); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func compressGzip(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	w, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(b); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// URL is the fingerprinted URL of a file by name.
func (a *Assets) URL(name string) string { return a.byName[name].URL }

// DataURI is a file as a data: URI, for an icon the browser then need not
// fetch.
func (a *Assets) DataURI(name string) string {
	f := a.byName[name]
	return "data:" + f.ContentType + ";base64," + base64.StdEncoding.EncodeToString(f.Body)
}

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
