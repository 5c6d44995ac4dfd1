package handlers

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/klauspost/compress/gzhttp"
	"github.com/labstack/echo/v4"
)

// Compression of what the handlers render: pages and JSON are made per
// request, so they get a fast gzip; static files are compressed once at
// start, with brotli and gzip at their best levels (static.Load,
// serveAsset).
//
// Level 5, not 1: measured on the 36 KB five-use result page
// (klauspost/compress v1.20.4, one core), level 1 takes 58 µs for 8.2 KB,
// level 4 82 µs for 7.5 KB, level 5 128 µs for 7.1 KB, level 6 179 µs for
// 7.0 KB. With level 1 the first view of that page (HTML, CSS, script) is
// 12.9 KB on the wire; level 5 brings it to 11.8 KB, under the 12 KB
// budget, for about 70 µs more per page (some 5% of the request).
const (
	gzipLevel   = 5
	gzipMinSize = 1024 // smaller bodies gain less than the header costs
)

// compressible are the types the handlers render.
var compressible = []string{"text/html", "application/json", "text/plain", "text/css", "text/javascript"}

// newGzip is klauspost/compress's net/http wrapper: it reads Accept-Encoding
// (q-values included), adds Vary: Accept-Encoding, buffers up to
// gzipMinSize before deciding, and leaves alone responses that already
// have a Content-Encoding (the pre-compressed static files).
func newGzip() (func(http.Handler) http.HandlerFunc, error) {
	return gzhttp.NewWrapper(
		gzhttp.CompressionLevel(gzipLevel),
		gzhttp.MinSize(gzipMinSize),
		gzhttp.ContentTypes(compressible),
		gzhttp.EnableZstd(false), // one coding; zstd's fastest gave 7.6 KB at 87 µs on that page, gzip 5 7.1 KB
	)
}

// compress runs the rest of the chain inside the gzip wrapper, and the
// wrapper inside a wholeWriter. Errors are turned into their pages inside
// it too, so error pages are compressed and nothing is written after the
// wrapper has closed.
func (s *Server) compress(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		res := c.Response()
		orig := res.Writer
		ww := getWholeWriter(orig)
		defer putWholeWriter(ww)
		s.gzip(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			res.Writer = w
			c.SetRequest(r)
			if err := next(c); err != nil {
				c.Error(err)
			}
		})).ServeHTTP(ww, c.Request())
		res.Writer = orig
		ww.finish()
		return nil
	}
}

// wholeWriter holds a response until the handler (and the gzip wrapper)
// are done, then sends it with its Content-Length, in one write (two,
// back to back, over 4 KB). Every page is rendered into memory anyway; this way
// there is no chunked framing, and a replica that dies mid-request has
// sent nothing or everything, never half a response that a proxy in front
// could no longer retry on another replica. Nothing here streams.
type wholeWriter struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

var wholeWriters = sync.Pool{New: func() any { return new(wholeWriter) }}

func getWholeWriter(w http.ResponseWriter) *wholeWriter {
	ww := wholeWriters.Get().(*wholeWriter)
	ww.ResponseWriter, ww.status = w, 0
	ww.body.Reset()
	return ww
}

func putWholeWriter(ww *wholeWriter) {
	ww.ResponseWriter = nil
	if ww.body.Cap() <= 256<<10 { // keep buffers of ordinary pages only
		wholeWriters.Put(ww)
	}
}

func (w *wholeWriter) WriteHeader(code int) {
	if w.status == 0 && code >= 200 {
		w.status = code
	}
}

func (w *wholeWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.body.Write(b)
}

// Unwrap lets http.ResponseController reach the connection (deadlines).
func (w *wholeWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// finish sends the status, the headers with Content-Length, and the body.
func (w *wholeWriter) finish() {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	if w.status != http.StatusNotModified && w.status != http.StatusNoContent {
		w.Header().Set("Content-Length", strconv.Itoa(w.body.Len()))
	}
	w.ResponseWriter.WriteHeader(w.status)
	if w.body.Len() > 0 {
		_, _ = w.ResponseWriter.Write(w.body.Bytes()) // a client gone away: nothing to do
	}
	// net/http sends a response over 4 KB in two writes; flush now, so the
	// second follows the first at once rather than after the request log.
	_ = http.NewResponseController(w.ResponseWriter).Flush()
}

// Validators for pages that depend only on the data and the build (and, for
// incident pages, the minute: they show whether each desk is open now). The
// tag is computed once at start (dataETag); a request whose If-None-Match
// matches is answered 304 without rendering. Never used on /check*,
// /result or /api/v1/check, which hold a person's answers.

// cacheable marks a route's 200 answers public for maxAge with the data's
// ETag, and answers 304 to a matching If-None-Match.
func (s *Server) cacheable(maxAge time.Duration) echo.MiddlewareFunc {
	return s.validated(maxAge, false)
}

// cacheableByMinute is cacheable for pages that also show the state of
// things at the current minute.
func (s *Server) cacheableByMinute(maxAge time.Duration) echo.MiddlewareFunc {
	return s.validated(maxAge, true)
}

func (s *Server) validated(maxAge time.Duration, byMinute bool) echo.MiddlewareFunc {
	cc := "public, max-age=" + strconv.Itoa(int(maxAge.Seconds()))
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			tag := s.etag
			if byMinute {
				tag = s.etag[:len(s.etag)-1] + "." + strconv.FormatInt(s.now().Unix()/60, 36) + `"`
			}
			res := c.Response()
			res.Header().Set("Cache-Control", cc)
			if etagMatches(c.Request().Header.Get("If-None-Match"), tag) {
				res.Header().Set("ETag", tag)
				return c.NoContent(http.StatusNotModified)
			}
			// Only a 200 carries the tag: an error page (unknown id) must
			// not be revalidated into a 304.
			res.Before(func() {
				if res.Status == http.StatusOK {
					res.Header().Set("ETag", tag)
				}
			})
			return next(c)
		}
	}
}

// etagMatches is If-None-Match's weak comparison: any listed tag equal to
// tag once W/ prefixes are ignored, or "*".
func etagMatches(ifNoneMatch, tag string) bool {
	if ifNoneMatch == "" {
		return false
	}
	tag = strings.TrimPrefix(tag, "W/")
	for t := range strings.SplitSeq(ifNoneMatch, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == tag {
			return true
		}
	}
	return false
}
