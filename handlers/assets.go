package handlers

import (
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"exposurecheck/static"
)

// Static serves fingerprinted files; their names change with their content.
func (s *Server) Static(c echo.Context) error {
	f, ok := s.assets.ByURL("/static/" + c.Param("file"))
	if !ok {
		return echo.ErrNotFound
	}
	return serveAsset(c, f, "public, max-age=31536000, immutable")
}

// Favicon is /favicon.ico, for clients that ask for it whatever the page
// says (pages give the icon as a data: URI, so browsers need not).
func (s *Server) Favicon(c echo.Context) error {
	f, _ := s.assets.ByName("favicon.ico")
	return serveAsset(c, f, "public, max-age="+strconv.Itoa(int((24*time.Hour).Seconds())))
}

// serveAsset answers with the file's pre-compressed encoding the client
// accepts (brotli, gzip, or none), or 304 when the client's copy is current.
func serveAsset(c echo.Context, f *static.File, cacheControl string) error {
	h := c.Response().Header()
	h.Set("Cache-Control", cacheControl)
	h.Set("ETag", f.ETag)
	if f.Compressed() {
		h.Set("Vary", "Accept-Encoding")
	}
	if etagMatches(c.Request().Header.Get("If-None-Match"), f.ETag) {
		return c.NoContent(http.StatusNotModified)
	}
	body, enc := f.Encoded(c.Request().Header.Get("Accept-Encoding"))
	if enc != "" {
		h.Set("Content-Encoding", enc)
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	return c.Blob(http.StatusOK, f.ContentType, body)
}
